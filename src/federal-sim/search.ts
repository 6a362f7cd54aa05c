import type { Bundle } from 'fhir/r4';
import { SimHttpError } from './errors';
import { dateRange, type SimStore } from './store';

/**
 * Search, with the parameter names a real R4 server accepts:
 * - `identifier=system|value` on every type (token; comma = OR; `|value`, `system|`, `value`).
 * - reference parameters by identifier with the R4 `:identifier` modifier, because the station
 *   uses logical references (there is no Patient resource to chain through):
 *   `Immunization?patient:identifier=<ssin system>|<ssin>`. `patient.identifier=` is accepted as
 *   a synonym (servers that chain resolve it the same way for logical references).
 * - dates with prefixes eq, ne, gt, lt, ge, le: `Appointment?date=ge2026-03-01T00:00:00+01:00`.
 * - `_id`, `_count` (page size, default 50, at most 1000), `_offset`, `_summary=count` (exact
 *   total, no entries); `_total` and `_format` are accepted and ignored.
 * An unknown parameter is refused (400), as a server with `Prefer: handling=strict` does: a
 * silently ignored filter would answer with too many results.
 */

type Kind = 'token' | 'reference' | 'date';

export const SEARCH_PARAMS: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  Immunization: { patient: 'reference', performer: 'reference', status: 'token', date: 'date', 'vaccine-code': 'token' },
  Appointment: {
    patient: 'reference',
    actor: 'reference',
    location: 'reference',
    practitioner: 'reference',
    slot: 'reference',
    status: 'token',
    'service-type': 'token',
    date: 'date',
  },
  Slot: { schedule: 'reference', status: 'token', 'service-type': 'token', start: 'date' },
  Schedule: { actor: 'reference', active: 'token', 'service-type': 'token', date: 'date' },
  ImmunizationRecommendation: { patient: 'reference', date: 'date' },
  Medication: { status: 'token', code: 'token' },
  /** Capacity transfer requests between stations (centre-sync): found by their owner and status. */
  Task: { owner: 'reference', requester: 'reference', status: 'token', code: 'token', 'authored-on': 'date' },
};

export const SUPPORTED_TYPES = Object.keys(SEARCH_PARAMS);

const RESULT_PARAMS = new Set(['_count', '_offset', '_summary', '_total', '_format']);

interface Criterion {
  sql: string;
  args: (string | number)[];
}

/** Token match: one index seek per comma-separated value, united (an OR would scan). */
function tokenClause(type: string, param: string, raw: string): Criterion {
  const parts = raw.split(',').filter((p) => p.length > 0);
  if (parts.length === 0) throw SimHttpError.of(400, 'invalid', `empty value for ${param}`);
  if (parts.length > 200) throw SimHttpError.of(400, 'too-costly', `${param}: at most 200 values per search`);
  const selects: string[] = [];
  const args: (string | number)[] = [];
  const base = 'SELECT id FROM tokens WHERE type = ? AND param = ?';
  for (const part of parts) {
    const bar = part.indexOf('|');
    if (bar < 0) {
      selects.push(`${base} AND value = ?`);
      args.push(type, param, part);
    } else {
      const system = part.slice(0, bar);
      const value = part.slice(bar + 1);
      if (value === '') {
        selects.push(`${base} AND system = ?`);
        args.push(type, param, system);
      } else {
        selects.push(`${base} AND value = ? AND system = ?`);
        args.push(type, param, value, system);
      }
    }
  }
  return { sql: selects.join(' UNION '), args };
}

function dateClause(type: string, param: string, raw: string): Criterion {
  const m = /^(eq|ne|gt|lt|ge|le)?(.+)$/.exec(raw)!;
  const prefix = m[1] ?? 'eq';
  const range = dateRange(m[2]!);
  if (!range) throw SimHttpError.of(400, 'invalid', `${param}: "${raw}" is not a FHIR date`);
  const base = "SELECT DISTINCT id FROM dates WHERE type = ? AND param = ? AND ";
  switch (prefix) {
    case 'eq':
      return { sql: `${base}lo >= ? AND hi <= ?`, args: [type, param, range.lo, range.hi] };
    case 'ne':
      return { sql: `${base}NOT (lo >= ? AND hi <= ?)`, args: [type, param, range.lo, range.hi] };
    case 'gt':
      return { sql: `${base}hi > ?`, args: [type, param, range.hi] };
    case 'ge':
      return { sql: `${base}hi >= ?`, args: [type, param, range.lo] };
    case 'lt':
      return { sql: `${base}lo < ?`, args: [type, param, range.lo] };
    default:
      return { sql: `${base}lo <= ?`, args: [type, param, range.hi] };
  }
}

/** Ids of the resources of `type` matching every parameter, in storage order. */
export function searchIds(store: SimStore, type: string, params: URLSearchParams): string[] {
  const known = SEARCH_PARAMS[type];
  if (!known) throw SimHttpError.of(404, 'not-supported', `resource type ${type} is not served here`);
  let matched: Set<string> | null = null;
  const narrow = (ids: Iterable<string>) => {
    const next = new Set(ids);
    matched = matched === null ? next : new Set([...matched].filter((id) => next.has(id)));
  };
  for (const [name, value] of params) {
    if (RESULT_PARAMS.has(name)) continue;
    if (name === '_id') {
      narrow(value.split(','));
      continue;
    }
    let criterion: Criterion;
    if (name === 'identifier') {
      criterion = tokenClause(type, 'identifier', value);
    } else {
      const m = /^([a-z-]+)(?::identifier|\.identifier)?$/.exec(name);
      const base = m?.[1];
      const kind = base ? known[base] : undefined;
      if (!base || !kind) throw SimHttpError.of(400, 'not-supported', `unknown search parameter "${name}" for ${type}`);
      const byIdentifier = name !== base;
      if (kind === 'reference' && !byIdentifier) {
        throw SimHttpError.of(400, 'not-supported', `${name}: this server holds logical references; search with ${base}:identifier=system|value`);
      }
      if (kind !== 'reference' && byIdentifier) throw SimHttpError.of(400, 'invalid', `${name}: :identifier only applies to references`);
      criterion = kind === 'date' ? dateClause(type, base, value) : tokenClause(type, base, value);
    }
    const rows = store.prepared(criterion.sql).all(...criterion.args) as { id: string }[];
    narrow(rows.map((r) => r.id));
  }
  if (matched === null) return store.allIds(type);
  return store.inStorageOrder(type, [...(matched as Set<string>)]);
}

function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw SimHttpError.of(400, 'invalid', `${name} must be a whole number`);
  return Math.min(Number(raw), max);
}

/** A searchset Bundle with the exact total, one page of entries and a `next` link. */
export function searchBundle(store: SimStore, type: string, params: URLSearchParams, baseUrl: string): Bundle {
  const ids = searchIds(store, type, params);
  const summary = params.get('_summary');
  if (summary === 'count') return { resourceType: 'Bundle', type: 'searchset', total: ids.length };
  if (summary !== null && summary !== 'false') throw SimHttpError.of(400, 'not-supported', `_summary=${summary} is not supported`);
  const count = intParam(params, '_count', 50, 1000);
  const offset = intParam(params, '_offset', 0, Number.MAX_SAFE_INTEGER);
  const page = store.readMany(type, ids.slice(offset, offset + count));
  const link = (at: number) => {
    const q = new URLSearchParams(params);
    q.set('_offset', String(at));
    q.set('_count', String(count));
    return `${baseUrl}/${type}?${q.toString()}`;
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: ids.length,
    link: [
      { relation: 'self', url: link(offset) },
      ...(offset + count < ids.length ? [{ relation: 'next', url: link(offset + count) }] : []),
    ],
    entry: page.map((r) => ({ fullUrl: `${baseUrl}/${type}/${r.id}`, resource: r.resource as never, search: { mode: 'match' as const } })),
  };
}
