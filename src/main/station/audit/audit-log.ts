import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import type { AuditCheck, AuditEntryView } from '../../../shared/api/audit';
import { chainHash, GENESIS_HASH } from './chain';
import { insertAuditRow, iterateAuditRows, latestAuditRows, type AuditRow } from './audit-store';
import { readMeta, writeMeta, writeMetaIfAbsent } from '../shell/station-meta-store';

export type AuditAction = 'read' | 'create' | 'correct' | 'export' | 'auth' | 'admin' | 'purge';

export interface AuditInput {
  at: Date;
  stationId: string;
  centreId: string;
  /** 'staff:<id>', 'anonymous', 'system' or 'cli:<user>'. */
  actor: string;
  /** The session id; only a digest of it is stored. */
  sessionId?: string | undefined;
  transport: string;
  method: string;
  action: AuditAction;
  subjects: readonly string[];
  outcome: string;
}

const HEAD = 'audit.head';
const COUNT = 'audit.count';
const SUBJECT_KEY = 'audit.subject_key';


export function auditHead(db: Db): { hash: string; count: number } {
  return { hash: readMeta(db, HEAD) ?? GENESIS_HASH, count: Number(readMeta(db, COUNT) ?? 0) };
}

export function sessionDigest(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex').slice(0, 16);
}

/**
 * Appends one entry, chained onto the running head kept in station_meta (not onto whatever row
 * is last: a removed tail must not be silently healed). Runs inside the caller's transaction
 * when there is one, so the entry commits with the record it describes.
 */
export function appendAudit(db: Db, input: AuditInput): AuditRow {
  const write = (): AuditRow => {
    const head = auditHead(db);
    const at = input.at.toISOString();
    const content = {
      seq: head.count + 1,
      id: randomUUID(),
      at,
      station_id: input.stationId,
      centre_id: input.centreId,
      actor: input.actor,
      session: input.sessionId ? sessionDigest(input.sessionId) : null,
      transport: input.transport,
      method: input.method,
      action: input.action,
      subjects: JSON.stringify(input.subjects),
      outcome: input.outcome,
    };
    const row: AuditRow = { ...content, prev_hash: head.hash, hash: chainHash(head.hash, content) };
    insertAuditRow(db, row);
    writeMeta(db, HEAD, row.hash, at);
    writeMeta(db, COUNT, String(row.seq), at);
    return row;
  };
  if (db.inTransaction) return write();
  return db.transaction(write).immediate();
}

/**
 * Walks the whole chain. Finds an altered entry (its hash no longer matches), an inserted,
 * removed or reordered one (the sequence or the link to the previous hash breaks), and removed
 * last entries (the running head and count in station_meta no longer match the last row).
 */
export function verifyAudit(db: Db): AuditCheck {
  let prev = GENESIS_HASH;
  let expected = 1;
  const bad = (seq: number | null, reason: string): AuditCheck => ({ ok: false, entries: expected - 1, problem: { seq, reason } });
  for (const row of iterateAuditRows(db)) {
    if (row.seq !== expected) {
      return bad(row.seq, row.seq > expected ? `entry ${expected} is missing (removed): the next one found is ${row.seq}` : `entry ${row.seq} appears twice or out of order`);
    }
    if (row.prev_hash !== prev) return bad(row.seq, 'does not follow the entry before it: an entry before it was removed, inserted or moved');
    const { prev_hash: _p, hash: _h, ...content } = row;
    if (chainHash(prev, content) !== row.hash) return bad(row.seq, 'its content was altered after it was written');
    prev = row.hash;
    expected++;
  }
  const count = expected - 1;
  const head = auditHead(db);
  if (head.count !== count) {
    return head.count > count
      ? { ok: false, entries: count, problem: { seq: count + 1, reason: `${head.count - count} entries at the end were removed (the station recorded ${head.count})` } }
      : { ok: false, entries: count, problem: { seq: head.count + 1, reason: `entries after ${head.count} were added outside the station` } };
  }
  if (head.hash !== prev) return { ok: false, entries: count, problem: { seq: count || null, reason: 'the last entry does not match the recorded head of the chain' } };
  return { ok: true, entries: count, problem: null };
}

/**
 * Subjects name people by a keyed digest of their SSIN, not the SSIN: the trail can be searched
 * for one person (compute the same digest) but is not a second register of national numbers.
 */
export function subjectKey(db: Db, now: Date): Buffer {
  const existing = readMeta(db, SUBJECT_KEY);
  if (existing) return Buffer.from(existing, 'hex');
  const key = randomBytes(32).toString('hex');
  writeMetaIfAbsent(db, SUBJECT_KEY, key, now.toISOString());
  return Buffer.from(readMeta(db, SUBJECT_KEY)!, 'hex');
}

export function personSubject(key: Buffer, ssin: string): string {
  return `person:${createHmac('sha256', key).update(ssin).digest('hex').slice(0, 24)}`;
}

export function recentAudit(db: Db, limit: number, filter: { subject?: string } = {}): AuditEntryView[] {
  const rows = latestAuditRows(db, limit, filter);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    stationId: r.station_id,
    actor: r.actor,
    staffName: r.staff_name,
    method: r.method,
    action: r.action,
    subjects: JSON.parse(r.subjects) as string[],
    outcome: r.outcome,
  }));
}
