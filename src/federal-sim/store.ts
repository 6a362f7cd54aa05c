import Database from 'better-sqlite3';
import { randomFillSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

/**
 * The stand-in's storage: current resources, their history and a search index of tokens
 * (identifiers, references by identifier, codes) and date ranges, in one SQLite file.
 */

export type Json = Record<string, unknown>;

export interface StoredResource {
  type: string;
  id: string;
  version: number;
  lastUpdated: string;
  resource: Json;
}

export interface TokenIndex {
  param: string;
  system: string;
  value: string;
}
export interface DateIndex {
  param: string;
  lo: number;
  hi: number;
}

const MAX_CACHED_STATEMENTS = 256;
/**
 * 2: the search index is one b-tree per row (WITHOUT ROWID, no index beside it) and history holds
 * only superseded versions (the current one is in resources): a create writes its JSON once and
 * about a third of the b-tree entries it wrote before, which is most of what a drain costs here.
 */
const SCHEMA_VERSION = 2;

/** A stand-in folder of schema 1 (rowid index tables with two indexes each, every version in history) brought to 2 in place. */
function upgradeIndexTables(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTokens = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tokens'").get() !== undefined;
  if (version >= SCHEMA_VERSION || !hasTokens) return;
  db.transaction(() => {
    db.exec(`
      ALTER TABLE tokens RENAME TO tokens_v1;
      ALTER TABLE dates RENAME TO dates_v1;
      DROP INDEX IF EXISTS tokens_lookup; DROP INDEX IF EXISTS tokens_resource;
      DROP INDEX IF EXISTS dates_lookup; DROP INDEX IF EXISTS dates_resource;
      CREATE TABLE tokens (
        type TEXT NOT NULL, param TEXT NOT NULL, value TEXT NOT NULL, system TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (type, param, value, system, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE dates (
        type TEXT NOT NULL, param TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (type, param, lo, hi, id)
      ) STRICT, WITHOUT ROWID;
      INSERT OR IGNORE INTO tokens (type, param, value, system, id) SELECT type, param, value, system, id FROM tokens_v1;
      INSERT OR IGNORE INTO dates (type, param, lo, hi, id) SELECT type, param, lo, hi, id FROM dates_v1;
      DROP TABLE tokens_v1;
      DROP TABLE dates_v1;
      DELETE FROM history WHERE EXISTS (SELECT 1 FROM resources r WHERE r.type = history.type AND r.id = history.id AND r.version = history.version);
    `);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

export class SimStore {
  readonly db: Database.Database;
  /** Statements of the hot paths (reads and writes of every transaction entry), prepared once. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'federal-sim.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL, not FULL: under WAL a commit then survives a killed process (it is in the log, and
    // the log is read back at the next open); only an OS crash or a power cut can lose the last
    // commits. This file stands in for a remote server, not for the station's record (whose
    // database stays FULL), and FULL's flush of the log was about half of each commit in a drain once
    // checkpoints moved to another thread (wal-checkpointer.ts).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS resources (
        type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
        last_updated TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) STRICT;
      CREATE TABLE IF NOT EXISTS history (
        type TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
        last_updated TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (type, id, version)
      ) STRICT;
    `);
    upgradeIndexTables(this.db);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS tokens (
        type TEXT NOT NULL, param TEXT NOT NULL, value TEXT NOT NULL, system TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (type, param, value, system, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS dates (
        type TEXT NOT NULL, param TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (type, param, lo, hi, id)
      ) STRICT, WITHOUT ROWID;
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }

  /**
   * The statement for `sql`, prepared on first use and reused: every transaction entry reads and
   * writes several rows. Search SQL varies with its number of values, so the cache is bounded.
   */
  prepared(sql: string): Database.Statement {
    const cached = this.statements.get(sql);
    if (cached) return cached;
    const statement = this.db.prepare(sql);
    if (this.statements.size < MAX_CACHED_STATEMENTS) this.statements.set(sql, statement);
    return statement;
  }

  private lastIdMs = 0;
  private idSequence = 0;
  /** Random bytes for id tails, drawn 4 KiB at a time: one draw per id cost a drain as much as the conditional-create searches. */
  private readonly randomPool = Buffer.alloc(4096);
  private randomOffset = this.randomPool.length;

  private randomTail(): string {
    if (this.randomOffset + 4 > this.randomPool.length) {
      randomFillSync(this.randomPool);
      this.randomOffset = 0;
    }
    const tail = this.randomPool.toString('hex', this.randomOffset, this.randomOffset + 4);
    this.randomOffset += 4;
    return tail;
  }

  /**
   * A new logical id that sorts after every earlier one (time, then a sequence, then a random
   * tail), as servers that number resources do: every b-tree keyed by id then grows at its end
   * instead of taking each new resource at a random page.
   */
  private newId(): string {
    const ms = Date.now();
    this.idSequence = ms <= this.lastIdMs ? this.idSequence + 1 : 0;
    this.lastIdMs = Math.max(ms, this.lastIdMs);
    return `${this.lastIdMs.toString(16).padStart(12, '0')}-${this.idSequence.toString(16).padStart(6, '0')}-${this.randomTail()}`;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  read(type: string, id: string): StoredResource | null {
    const row = this.prepared('SELECT type, id, version, last_updated, json FROM resources WHERE type = ? AND id = ?').get(type, id) as
      | { type: string; id: string; version: number; last_updated: string; json: string }
      | undefined;
    return row ? { type: row.type, id: row.id, version: row.version, lastUpdated: row.last_updated, resource: JSON.parse(row.json) as Json } : null;
  }

  /** A version of a resource: the current one from resources, an earlier one from history. */
  readVersion(type: string, id: string, version: number): StoredResource | null {
    const current = this.read(type, id);
    if (!current || current.version === version) return current;
    const row = this.prepared('SELECT last_updated, json FROM history WHERE type = ? AND id = ? AND version = ?').get(type, id, version) as
      | { last_updated: string; json: string }
      | undefined;
    return row ? { type, id, version, lastUpdated: row.last_updated, resource: JSON.parse(row.json) as Json } : null;
  }

  readMany(type: string, ids: readonly string[]): StoredResource[] {
    return ids.map((id) => this.read(type, id)).filter((r): r is StoredResource => r !== null);
  }

  /** Ids of a type in storage order (insertion), the order searches answer in. */
  allIds(type: string): string[] {
    return (this.db.prepare('SELECT id FROM resources WHERE type = ? ORDER BY rowid').all(type) as { id: string }[]).map((r) => r.id);
  }

  /** The given ids of a type that exist, in storage order. */
  inStorageOrder(type: string, ids: readonly string[]): string[] {
    if (ids.length === 0) return [];
    return (
      this.db.prepare('SELECT id FROM resources WHERE type = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY rowid').all(type, JSON.stringify(ids)) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Creates (new id) or writes a new version of a resource; call inside a transaction. */
  write(type: string, resource: Json, id: string | null, now: Date): StoredResource {
    const existing = id ? this.read(type, id) : null;
    const finalId = id ?? this.newId();
    const version = existing ? existing.version + 1 : 1;
    const lastUpdated = now.toISOString();
    const stored: Json = { ...resource, resourceType: type, id: finalId, meta: { ...((resource.meta as Json | undefined) ?? {}), versionId: String(version), lastUpdated } };
    const json = JSON.stringify(stored);
    if (existing) {
      // The version it replaces goes to history, its index rows (found from its own content) go.
      this.prepared('INSERT INTO history (type, id, version, last_updated, json) VALUES (?, ?, ?, ?, ?)').run(type, finalId, existing.version, existing.lastUpdated, JSON.stringify(existing.resource));
      this.prepared('UPDATE resources SET version = ?, last_updated = ?, json = ? WHERE type = ? AND id = ?').run(version, lastUpdated, json, type, finalId);
      const deleteToken = this.prepared('DELETE FROM tokens WHERE type = ? AND param = ? AND value = ? AND system = ? AND id = ?');
      for (const t of tokensOf(existing.resource)) deleteToken.run(type, t.param, t.value, t.system, finalId);
      const deleteDate = this.prepared('DELETE FROM dates WHERE type = ? AND param = ? AND lo = ? AND hi = ? AND id = ?');
      for (const d of datesOf(existing.resource)) deleteDate.run(type, d.param, d.lo, d.hi, finalId);
    } else {
      this.prepared('INSERT INTO resources (type, id, version, last_updated, json) VALUES (?, ?, ?, ?, ?)').run(type, finalId, version, lastUpdated, json);
    }
    const insertToken = this.prepared('INSERT OR IGNORE INTO tokens (type, param, value, system, id) VALUES (?, ?, ?, ?, ?)');
    for (const t of tokensOf(stored)) insertToken.run(type, t.param, t.value, t.system, finalId);
    const insertDate = this.prepared('INSERT OR IGNORE INTO dates (type, param, lo, hi, id) VALUES (?, ?, ?, ?, ?)');
    for (const d of datesOf(stored)) insertDate.run(type, d.param, d.lo, d.hi, finalId);
    return { type, id: finalId, version, lastUpdated, resource: stored };
  }

  countsByType(): Record<string, number> {
    const rows = this.db.prepare('SELECT type, COUNT(*) AS n FROM resources GROUP BY type ORDER BY type').all() as { type: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  }

  /** Identifiers held by more than one resource of a type: what "exactly once" must keep at zero. */
  duplicateIdentifiers(limit = 50): { type: string; system: string; value: string; count: number }[] {
    return this.db
      .prepare(
        `SELECT type, system, value, COUNT(DISTINCT id) AS count FROM tokens WHERE param = 'identifier'
         GROUP BY type, system, value HAVING COUNT(DISTINCT id) > 1 ORDER BY count DESC, value LIMIT ?`,
      )
      .all(limit) as { type: string; system: string; value: string; count: number }[];
  }

  duplicateCount(): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM tokens WHERE param = 'identifier'
         GROUP BY type, system, value HAVING COUNT(DISTINCT id) > 1)`,
      )
      .get() as { n: number };
    return row.n;
  }
}

type Ref = { type?: string; identifier?: { system?: string; value?: string }; reference?: string } | undefined;
type Ident = { system?: string; value?: string };
type Concept = { coding?: { system?: string; code?: string }[] } | undefined;

function refTokens(param: string, ref: Ref): TokenIndex[] {
  const out: TokenIndex[] = [];
  if (ref?.identifier?.value) out.push({ param, system: ref.identifier.system ?? '', value: ref.identifier.value });
  return out;
}

function conceptTokens(param: string, concepts: Concept[] | undefined): TokenIndex[] {
  return (concepts ?? []).flatMap((c) => (c?.coding ?? []).filter((x) => x.code).map((x) => ({ param, system: x.system ?? '', value: x.code! })));
}

const code = (param: string, value: unknown): TokenIndex[] => (typeof value === 'string' || typeof value === 'boolean' ? [{ param, system: '', value: String(value) }] : []);

/** The token search parameters each resource type answers to (see docs in search.ts). */
export function tokensOf(r: Json): TokenIndex[] {
  const out: TokenIndex[] = ((r.identifier as Ident[] | undefined) ?? [])
    .filter((i) => i.value)
    .map((i) => ({ param: 'identifier', system: i.system ?? '', value: i.value! }));
  switch (r.resourceType) {
    case 'Immunization':
      out.push(...refTokens('patient', r.patient as Ref), ...code('status', r.status), ...conceptTokens('vaccine-code', [r.vaccineCode as Concept]));
      for (const p of (r.performer as { actor?: Ref }[] | undefined) ?? []) out.push(...refTokens('performer', p.actor));
      break;
    case 'Appointment':
      out.push(...code('status', r.status), ...conceptTokens('service-type', r.serviceType as Concept[]));
      for (const p of (r.participant as { actor?: Ref }[] | undefined) ?? []) {
        out.push(...refTokens('actor', p.actor));
        const t = p.actor?.type ?? '';
        if (t === 'Patient') out.push(...refTokens('patient', p.actor));
        if (t === 'Location') out.push(...refTokens('location', p.actor));
        if (t === 'Practitioner') out.push(...refTokens('practitioner', p.actor));
      }
      for (const s of (r.slot as Ref[] | undefined) ?? []) out.push(...refTokens('slot', s));
      break;
    case 'Slot':
      out.push(...refTokens('schedule', r.schedule as Ref), ...code('status', r.status), ...conceptTokens('service-type', r.serviceType as Concept[]));
      break;
    case 'Schedule':
      out.push(...code('active', r.active ?? true), ...conceptTokens('service-type', r.serviceType as Concept[]));
      for (const a of (r.actor as Ref[] | undefined) ?? []) out.push(...refTokens('actor', a));
      break;
    case 'ImmunizationRecommendation':
      out.push(...refTokens('patient', r.patient as Ref));
      break;
    case 'Medication':
      out.push(...code('status', r.status), ...conceptTokens('code', [r.code as Concept]));
      break;
    case 'Task':
      out.push(...refTokens('owner', r.owner as Ref), ...refTokens('requester', r.requester as Ref), ...code('status', r.status), ...conceptTokens('code', [r.code as Concept]));
      break;
  }
  return out;
}

/** Date search parameters: a resource instant or day becomes a [lo, hi] range in ms. */
export function datesOf(r: Json): DateIndex[] {
  const at = (param: string, value: unknown): DateIndex[] => {
    const range = typeof value === 'string' ? dateRange(value) : null;
    return range ? [{ param, ...range }] : [];
  };
  switch (r.resourceType) {
    case 'Immunization':
      return at('date', r.occurrenceDateTime);
    case 'Appointment':
      return at('date', r.start);
    case 'Slot':
      return at('start', r.start);
    case 'Schedule': {
      const h = r.planningHorizon as { start?: string; end?: string } | undefined;
      const lo = h?.start ? dateRange(h.start) : null;
      const hi = h?.end ? dateRange(h.end) : null;
      return lo || hi ? [{ param: 'date', lo: (lo ?? hi)!.lo, hi: (hi ?? lo)!.hi }] : [];
    }
    case 'ImmunizationRecommendation':
      return at('date', r.date);
    case 'Task':
      return at('authored-on', r.authoredOn);
  }
  return [];
}

/**
 * A FHIR date/dateTime as the range of instants it covers. Values without a zone are read in
 * Europe/Brussels, the backend's zone. Returns null when the text is not a date.
 */
export function dateRange(text: string): { lo: number; hi: number } | null {
  const zone = 'Europe/Brussels';
  if (/^\d{4}$/.test(text)) {
    const d = DateTime.fromObject({ year: Number(text) }, { zone });
    return { lo: d.toMillis(), hi: d.plus({ years: 1 }).toMillis() - 1 };
  }
  if (/^\d{4}-\d{2}$/.test(text)) {
    const d = DateTime.fromISO(`${text}-01`, { zone });
    return d.isValid ? { lo: d.toMillis(), hi: d.plus({ months: 1 }).toMillis() - 1 } : null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = DateTime.fromISO(text, { zone });
    return d.isValid ? { lo: d.toMillis(), hi: d.plus({ days: 1 }).toMillis() - 1 } : null;
  }
  const fast = instantWithOffset(text);
  if (fast !== null) return { lo: fast, hi: fast };
  const d = DateTime.fromISO(text, { zone, setZone: true });
  if (!d.isValid || !/T/.test(text)) return null;
  return { lo: d.toMillis(), hi: d.toMillis() };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant of a plain dateTime with its own offset (every record a station sends), read
 * without luxon: parsing it with luxon was about a fifth of the stand-in's time per transaction
 * entry. Null for anything less ordinary (out-of-range fields, years before 1000, large offsets):
 * luxon reads those, so the answer is always luxon's.
 */
export function instantWithOffset(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] ? Number(m[6]) : 0;
  if (year! < 1000 || month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second > 59) return null;
  const ms = m[7] ? Math.floor(parseFloat(`0.${m[7]}`) * 1000) : 0; // as luxon rounds a fraction
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second, ms);
  if (new Date(utc).getUTCDate() !== day) return null; // 30 February and the like
  const offsetHours = m[9] ? Number(m[9]) : 0;
  const offsetMinutes = m[10] ? Number(m[10]) : 0;
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  const sign = m[8] === '-' ? -1 : 1;
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}
