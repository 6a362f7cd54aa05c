import type { Bundle, BundleEntry } from 'fhir/r4';
import type { SyncPayload } from './payloads';
import { resourceTypeOf, toFhirResource } from './resource';
import { recordIdentifierQuery } from './systems';

/**
 * How a record travels in a transaction Bundle.
 *
 * - First sending of a record (`create`): POST with `ifNoneExist: identifier=urn:dosedesk:record|<uuid>`.
 *   Sending it again (lost response, crash mid-send) finds the existing resource: 200, nothing
 *   created. This is what makes every send safe to repeat.
 * - A correction or void (`update`, the same record id with a higher version): a conditional
 *   update `PUT <Type>?identifier=urn:dosedesk:record|<uuid>` with `ifMatch: W/"<server version>"`.
 *   The worker first reads the backend's copy (search by identifier) and only then sends:
 *     * not there at all -> send as `create` with the corrected content;
 *     * backend holds our version or a newer one -> nothing to send (a repeat) or a conflict;
 *     * backend copy differs from what the station last sent -> someone changed it there:
 *       conflict for review, never overwritten;
 *     * otherwise PUT with ifMatch = the version just read, so a change made between the read
 *       and the write fails with 412 (conflict for review) instead of being overwritten.
 *   The station's record version travels in an extension (urn:dosedesk:fhir:record-version) so
 *   a repeated or late correction can be recognised by any later read.
 */
export type SendPlan =
  | { action: 'create'; payload: SyncPayload }
  | { action: 'update'; payload: SyncPayload; ifMatch: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function transactionEntry(plan: SendPlan): BundleEntry {
  const resource = toFhirResource(plan.payload);
  const type = resourceTypeOf(plan.payload);
  const query = recordIdentifierQuery(plan.payload.id);
  const fullUrl = plan.action === 'create' && UUID.test(plan.payload.id) ? { fullUrl: `urn:uuid:${plan.payload.id.toLowerCase()}` } : {};
  if (plan.action === 'create') {
    return { ...fullUrl, resource, request: { method: 'POST', url: type, ifNoneExist: query } };
  }
  return {
    resource,
    request: { method: 'PUT', url: `${type}?${query}`, ...(plan.ifMatch ? { ifMatch: plan.ifMatch } : {}) },
  };
}

export function transactionBundle(plans: readonly SendPlan[]): Bundle {
  return { resourceType: 'Bundle', type: 'transaction', entry: plans.map(transactionEntry) };
}

export interface EntryResult {
  /** HTTP status of the entry, e.g. 201 (created) or 200 (already there / updated). */
  status: number;
  location: string | null;
  etag: string | null;
}

/** Reads a transaction-response; throws when it does not answer every entry. */
export function readTransactionResponse(bundle: unknown, expected: number): EntryResult[] {
  const b = bundle as Bundle;
  if (!b || b.resourceType !== 'Bundle' || b.type !== 'transaction-response') {
    throw new Error('the backend did not answer with a transaction-response Bundle');
  }
  const entries = b.entry ?? [];
  if (entries.length !== expected) throw new Error(`transaction-response has ${entries.length} entries, expected ${expected}`);
  return entries.map((e, i) => {
    const status = Number.parseInt(e.response?.status ?? '', 10);
    if (!Number.isInteger(status)) throw new Error(`transaction-response entry ${i} has no status`);
    return { status, location: e.response?.location ?? null, etag: e.response?.etag ?? null };
  });
}

/** `Immunization/123/_history/2` -> { id: '123', versionId: '2' }. */
export function parseLocation(location: string | null): { id: string; versionId: string | null } | null {
  if (!location) return null;
  const m = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?$/.exec(location.split('?')[0]!);
  return m ? { id: m[2]!, versionId: m[3] ?? null } : null;
}

/** Weak ETag for If-Match from a server version id. */
export function weakEtag(versionId: string): string {
  return `W/"${versionId}"`;
}
