import type { Bundle, BundleEntry, FhirResource, Resource } from 'fhir/r4';
import type { FederalClient } from '../../adapters/federal/client';
import { FederalError } from '../../adapters/federal/errors';
import { token } from '../../../domain/fhir/systems';
import { weakEtag } from '../../../domain/fhir/bundle';

/**
 * The few FHIR interactions centre-sync needs, on the FederalClient port:
 * - writes go as one `batch` Bundle (each entry on its own, answered per entry), posted to the
 *   base like a transaction (the port's `transaction` posts whatever Bundle it is given);
 * - every write is conditional: create with ifNoneExist on the identifier, or update of the
 *   version just read with If-Match, so a repeated or late request can never undo a newer write.
 */

export interface Write {
  entry: BundleEntry;
}

const identifierQuery = (system: string, value: string) => `identifier=${encodeURIComponent(token(system, value))}`;

/** Creates the resource unless one with this identifier exists (then nothing changes: 200). */
export function createOnce(type: string, resource: FhirResource, system: string, value: string): Write {
  return { entry: { resource, request: { method: 'POST', url: type, ifNoneExist: identifierQuery(system, value) } } };
}

/** Replaces exactly the version that was read (412 if it changed in between). */
export function replaceVersion(type: string, current: Resource, resource: FhirResource): Write {
  if (!current.id || !current.meta?.versionId) throw new FederalError('protocol', `${type} read without id or version`);
  return { entry: { resource: { ...resource, id: current.id } as FhirResource, request: { method: 'PUT', url: `${type}/${current.id}`, ifMatch: weakEtag(current.meta.versionId) } } };
}

/** Writes the station's own resource (only this station writes it): create or replace by identifier. */
export function putByIdentifier(type: string, resource: FhirResource, system: string, value: string): Write {
  return { entry: { resource, request: { method: 'PUT', url: `${type}?${identifierQuery(system, value)}` } } };
}

const BATCH = 50;

/** Sends the writes in batches; the HTTP status of each (0 when the answer did not say). */
export async function sendWrites(client: FederalClient, writes: readonly Write[]): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < writes.length; i += BATCH) {
    const part = writes.slice(i, i + BATCH);
    const bundle: Bundle = { resourceType: 'Bundle', type: 'batch', entry: part.map((w) => w.entry) };
    const response = await client.transaction(bundle);
    const entries = response?.entry ?? [];
    if (response?.resourceType !== 'Bundle' || entries.length !== part.length) throw new FederalError('protocol', 'batch: the answer does not answer every entry');
    for (const e of entries) statuses.push(Number.parseInt(e.response?.status ?? '', 10) || 0);
  }
  return statuses;
}

export const isOk = (status: number) => status >= 200 && status < 300;

/** Resources of a type carrying one of these identifier values (searched 40 at a time). */
export async function findByIdentifier<T extends Resource>(client: FederalClient, type: string, system: string, values: readonly string[]): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(values)];
  for (let i = 0; i < unique.length; i += 40) {
    const group = unique.slice(i, i + 40);
    const found = await client.search<T>(type, { identifier: group.map((v) => token(system, v)).join(','), _count: '200' }, 1000);
    for (const r of found) {
      const ids = (r as Resource & { identifier?: { system?: string; value?: string }[] }).identifier ?? [];
      const value = ids.find((x) => x.system === system)?.value;
      if (value) out.set(value, r);
    }
  }
  return out;
}
