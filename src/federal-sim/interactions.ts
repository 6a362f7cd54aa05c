import type { Bundle, BundleEntry } from 'fhir/r4';
import { SimHttpError } from './errors';
import { searchIds, SUPPORTED_TYPES } from './search';
import type { Json, SimStore, StoredResource } from './store';
import { issuesOutcome, validateResource } from './validate';

/** The write interactions of the stand-in: create, update, transaction and batch. */

export interface WriteResult {
  status: 200 | 201;
  stored: StoredResource;
}

export function assertType(type: string): void {
  if (!SUPPORTED_TYPES.includes(type)) throw SimHttpError.of(404, 'not-supported', `resource type ${type} is not served here`);
}

function validated(type: string, resource: unknown): Json {
  const issues = validateResource(type, resource);
  if (issues.length > 0) throw new SimHttpError(422, issuesOutcome(issues));
  return resource as Json;
}

function parseQuery(query: string): URLSearchParams {
  return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
}

/** POST <type>, optionally with If-None-Exist: 201 created, 200 when one matches, 412 when several. */
export function create(store: SimStore, type: string, body: unknown, ifNoneExist: string | null, now: Date): WriteResult {
  assertType(type);
  const resource = validated(type, body);
  if (ifNoneExist) {
    const ids = searchIds(store, type, parseQuery(ifNoneExist));
    if (ids.length > 1) throw SimHttpError.of(412, 'duplicate', `If-None-Exist "${ifNoneExist}" matches ${ids.length} ${type} resources`);
    if (ids.length === 1) return { status: 200, stored: store.read(type, ids[0]!)! };
  }
  const { id: _ignored, ...withoutId } = resource;
  return { status: 201, stored: store.write(type, withoutId, null, now) };
}

/** `W/"3"` or `"3"` -> `3`. */
function versionOfEtag(etag: string): number | null {
  const m = /^(?:W\/)?"?([0-9]+)"?$/.exec(etag.trim());
  return m ? Number(m[1]) : null;
}

/**
 * PUT <type>/<id> or PUT <type>?<query> (conditional update), with optional If-Match for
 * optimistic locking. No match: created (201). One match: new version (200). Several: 412.
 */
export function update(
  store: SimStore,
  type: string,
  target: { id: string } | { query: string },
  body: unknown,
  ifMatch: string | null,
  now: Date,
): WriteResult {
  assertType(type);
  const resource = validated(type, body);
  let existing: StoredResource | null;
  let id: string;
  if ('id' in target) {
    if (resource.id !== undefined && resource.id !== target.id) throw SimHttpError.of(400, 'invalid', `body id ${String(resource.id)} is not ${target.id}`);
    existing = store.read(type, target.id);
    id = target.id;
  } else {
    const ids = searchIds(store, type, parseQuery(target.query));
    if (ids.length > 1) throw SimHttpError.of(412, 'duplicate', `conditional update "${target.query}" matches ${ids.length} ${type} resources`);
    existing = ids.length === 1 ? store.read(type, ids[0]!) : null;
    if (existing && resource.id !== undefined && resource.id !== existing.id) throw SimHttpError.of(400, 'invalid', 'body id does not match the resource found');
    id = existing?.id ?? (typeof resource.id === 'string' ? resource.id : '');
  }
  if (ifMatch !== null) {
    const wanted = versionOfEtag(ifMatch);
    if (wanted === null) throw SimHttpError.of(400, 'invalid', `If-Match "${ifMatch}" is not a version`);
    if (!existing) throw SimHttpError.of(412, 'conflict', `If-Match ${ifMatch}: the ${type} does not exist`);
    if (existing.version !== wanted) throw SimHttpError.of(412, 'conflict', `If-Match ${ifMatch}: the ${type} is at version ${existing.version}`);
  }
  const stored = store.write(type, resource, id || null, now);
  return { status: existing ? 200 : 201, stored };
}

function entryResponse(result: WriteResult): BundleEntry['response'] {
  return {
    status: result.status === 201 ? '201 Created' : '200 OK',
    location: `${result.stored.type}/${result.stored.id}/_history/${result.stored.version}`,
    etag: `W/"${result.stored.version}"`,
    lastModified: result.stored.lastUpdated,
  };
}

const PROCESSING_ORDER: Record<string, number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

function runEntry(store: SimStore, entry: BundleEntry, now: Date): WriteResult {
  const request = entry.request;
  if (!request?.method || !request.url) throw SimHttpError.of(400, 'required', 'entry.request.method and url are required');
  const [path, query] = request.url.split('?', 2) as [string, string | undefined];
  const segments = path.replace(/^\/+/, '').split('/');
  const type = segments[0] ?? '';
  if (request.method === 'POST') {
    if (segments.length !== 1) throw SimHttpError.of(400, 'invalid', `POST url must be a resource type, not ${request.url}`);
    return create(store, type, entry.resource, request.ifNoneExist ?? null, now);
  }
  if (request.method === 'PUT') {
    const target = segments.length === 2 ? { id: segments[1]! } : query !== undefined ? { query } : null;
    if (!target) throw SimHttpError.of(400, 'invalid', `PUT url needs an id or a search: ${request.url}`);
    return update(store, type, target, entry.resource, request.ifMatch ?? null, now);
  }
  throw SimHttpError.of(400, 'not-supported', `${request.method} entries are not supported by this stand-in`);
}

/**
 * A transaction: every entry or none. Entries run in FHIR's processing order (POST before PUT)
 * inside one SQLite transaction; any refusal rolls everything back and names its entry.
 */
export function transaction(store: SimStore, bundle: Bundle, now: Date): Bundle {
  const entries = bundle.entry ?? [];
  const order = entries.map((e, i) => i).sort((a, b) => (PROCESSING_ORDER[entries[a]!.request?.method ?? ''] ?? 9) - (PROCESSING_ORDER[entries[b]!.request?.method ?? ''] ?? 9) || a - b);
  const results = new Array<WriteResult>(entries.length);
  store.db.transaction(() => {
    for (const i of order) {
      try {
        results[i] = runEntry(store, entries[i]!, now);
      } catch (error) {
        if (error instanceof SimHttpError) throw error.atEntry(i);
        throw error;
      }
    }
  }).immediate();
  return { resourceType: 'Bundle', type: 'transaction-response', entry: results.map((r) => ({ response: entryResponse(r) })) };
}

/** A batch: each entry on its own; failures are answered per entry. */
export function batch(store: SimStore, bundle: Bundle, now: Date): { response: Bundle; wrote: boolean } {
  let wrote = false;
  const entry = (bundle.entry ?? []).map((e) => {
    try {
      const r = store.db.transaction(() => runEntry(store, e, now)).immediate();
      wrote = true;
      return { response: entryResponse(r) };
    } catch (error) {
      if (!(error instanceof SimHttpError)) throw error;
      return { response: { status: String(error.status), outcome: error.outcome } };
    }
  });
  return { response: { resourceType: 'Bundle', type: 'batch-response', entry }, wrote };
}
