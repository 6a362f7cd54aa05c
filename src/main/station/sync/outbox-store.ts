import type { Db } from '../../adapters/sqlite/database';
import { prepared } from '../../adapters/sqlite/statements';

/**
 * The sync worker's reads and writes of the foundation's outbox table. States:
 * waiting -> sending -> synced, or -> waiting again (transient failure, with backoff), or
 * -> needs_review (refused or in conflict). A row a person dismisses from review is closed as
 * state 'synced' with synced_at NULL: "nothing more to send", though the backend never took it
 * (the review table keeps the decision and its reason).
 */

export interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  recordId: string;
  personKey: string;
  payloadText: string;
  state: 'waiting' | 'sending' | 'synced' | 'needs_review';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  syncedAt: string | null;
}

interface RawRow {
  seq: number;
  id: string;
  kind: string;
  record_id: string;
  person_key: string;
  payload: string;
  state: OutboxRow['state'];
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  synced_at: string | null;
}

const COLUMNS = 'seq, id, kind, record_id, person_key, payload, state, attempts, next_attempt_at, last_error, created_at, synced_at';

function toRow(r: RawRow): OutboxRow {
  return {
    seq: r.seq,
    id: r.id,
    kind: r.kind,
    recordId: r.record_id,
    personKey: r.person_key,
    payloadText: r.payload,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    syncedAt: r.synced_at,
  };
}

/** After a crash or kill mid-send: rows left 'sending' go back to waiting (a repeat is harmless). */
export function resetSending(db: Db, now: Date): number {
  return db
    .prepare(`UPDATE outbox SET state = 'waiting', next_attempt_at = NULL, updated_at = ? WHERE state = 'sending'`)
    .run(now.toISOString()).changes;
}

/**
 * Outbox kinds sent by centre-sync (capacity releases between stations, transfer requests
 * answered), not by this worker: they are not records of a person and go to other resources.
 */
export const CENTRE_KIND_PREFIX = 'centre-';

/**
 * Rows due now, oldest first, that no earlier unsynced row of the same person or the same
 * record holds back: a person's later record never goes before an earlier one still waiting,
 * sending or in review. At most one row per person and per record is returned, so a batch
 * never carries two steps of the same story.
 */
export function selectDue(db: Db, now: Date, limit: number): OutboxRow[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM outbox o
       WHERE o.state = 'waiting' AND o.kind NOT LIKE '${CENTRE_KIND_PREFIX}%'
         AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.person_key = o.person_key AND p.seq < o.seq AND p.state <> 'synced')
         AND NOT EXISTS (SELECT 1 FROM outbox r WHERE r.record_id = o.record_id AND r.seq < o.seq AND r.state <> 'synced')
       ORDER BY o.seq
       LIMIT ?`,
  ).all(now.toISOString(), limit) as RawRow[];
  return rows.map(toRow);
}

export function getRow(db: Db, seq: number): OutboxRow | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE seq = ?`).get(seq) as RawRow | undefined;
  return r ? toRow(r) : null;
}

export function getRowById(db: Db, id: string): OutboxRow | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as RawRow | undefined;
  return r ? toRow(r) : null;
}

/** Marks rows as sending; returns the seqs actually claimed (still waiting at this instant). */
export function claim(db: Db, seqs: readonly number[], now: Date): number[] {
  const stmt = prepared(db, `UPDATE outbox SET state = 'sending', updated_at = ? WHERE seq = ? AND state = 'waiting'`);
  const at = now.toISOString();
  return db.transaction(() => seqs.filter((seq) => stmt.run(at, seq).changes === 1)).immediate();
}

export function markSynced(db: Db, seq: number, now: Date): void {
  const at = now.toISOString();
  prepared(db, `UPDATE outbox SET state = 'synced', synced_at = ?, last_error = NULL, updated_at = ? WHERE seq = ?`).run(at, at, seq);
}

/** Back to waiting. `penalise` counts an attempt and sets the backoff time. */
export function markRetry(db: Db, seq: number, now: Date, retryAt: Date | null, error: string | null, penalise: boolean): void {
  prepared(
    db,
    `UPDATE outbox SET state = 'waiting', attempts = attempts + ?, next_attempt_at = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE seq = ?`,
  ).run(penalise ? 1 : 0, retryAt?.toISOString() ?? null, error, now.toISOString(), seq);
}

export function markNeedsReview(db: Db, seq: number, now: Date, reason: string): void {
  db.prepare(`UPDATE outbox SET state = 'needs_review', attempts = attempts + 1, last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE seq = ?`).run(
    reason.slice(0, 1000),
    now.toISOString(),
    seq,
  );
}

/** A person decided the row will not be sent: closed without a synced_at (see top of file). */
export function closeDismissed(db: Db, seq: number, now: Date, reason: string): void {
  db.prepare(`UPDATE outbox SET state = 'synced', synced_at = NULL, last_error = ?, updated_at = ? WHERE seq = ? AND state = 'needs_review'`).run(
    `dismissed: ${reason}`.slice(0, 1000),
    now.toISOString(),
    seq,
  );
}

/** A person asked to send it again: waiting, as if new. */
export function reopen(db: Db, seq: number, now: Date): void {
  db.prepare(`UPDATE outbox SET state = 'waiting', attempts = 0, next_attempt_at = NULL, updated_at = ? WHERE seq = ? AND state = 'needs_review'`).run(
    now.toISOString(),
    seq,
  );
}

/** The backend is back: rows waiting out a backoff go at once. */
export function clearBackoff(db: Db, now: Date): number {
  return db
    .prepare(`UPDATE outbox SET next_attempt_at = NULL, updated_at = ? WHERE state = 'waiting' AND next_attempt_at IS NOT NULL`)
    .run(now.toISOString()).changes;
}

/** The payload of the record's latest version that actually reached the backend before `seq`. */
export function lastSyncedPayloadText(db: Db, recordId: string, beforeSeq: number): string | null {
  const r = prepared(db, `SELECT payload FROM outbox WHERE record_id = ? AND seq < ? AND state = 'synced' AND synced_at IS NOT NULL ORDER BY seq DESC LIMIT 1`).get(
    recordId,
    beforeSeq,
  ) as { payload: string } | undefined;
  return r?.payload ?? null;
}

/** The record's latest payload, whatever its state (for review display and pull checks). */
export function latestPayloadText(db: Db, recordId: string): { seq: number; payload: string; state: OutboxRow['state']; syncedAt: string | null } | null {
  const r = db.prepare(`SELECT seq, payload, state, synced_at FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1`).get(recordId) as
    | { seq: number; payload: string; state: OutboxRow['state']; synced_at: string | null }
    | undefined;
  return r ? { seq: r.seq, payload: r.payload, state: r.state, syncedAt: r.synced_at } : null;
}

export interface SyncCounts {
  waiting: number;
  sending: number;
  needsReview: number;
  oldestWaitingAt: string | null;
  lastSyncedAt: string | null;
}

export function syncCounts(db: Db): SyncCounts {
  const r = db
    .prepare(
      `SELECT
         SUM(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END) AS waiting,
         SUM(CASE WHEN state = 'sending' THEN 1 ELSE 0 END) AS sending,
         SUM(CASE WHEN state = 'needs_review' THEN 1 ELSE 0 END) AS review,
         MIN(CASE WHEN state IN ('waiting', 'sending') THEN created_at END) AS oldest,
         MAX(synced_at) AS last_synced
       FROM outbox`,
    )
    .get() as { waiting: number | null; sending: number | null; review: number | null; oldest: string | null; last_synced: string | null };
  return { waiting: r.waiting ?? 0, sending: r.sending ?? 0, needsReview: r.review ?? 0, oldestWaitingAt: r.oldest, lastSyncedAt: r.last_synced };
}

/** A person's synced outbox payloads (keyed by SSIN or citizen id), for retention to pseudonymise. */
export function syncedPayloadsOfPerson(db: Db, ssin: string, citizenId: string): { id: string; payload: string }[] {
  return db.prepare(`SELECT id, payload FROM outbox WHERE person_key IN (?, ?) AND state = 'synced'`).all(ssin, citizenId) as { id: string; payload: string }[];
}

export function replacePayload(db: Db, id: string, payload: string): void {
  db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(payload, id);
}

/** An outbox row as centre-sync sends it: its own kinds, read raw. */
export interface WaitingOutboxRow {
  seq: number;
  id: string;
  kind: string;
  record_id: string;
  payload: string;
}

/** Waiting rows of the given kinds, oldest first, at most `limit`. */
export function waitingOfKinds(db: Db, kinds: readonly string[], limit: number): WaitingOutboxRow[] {
  return db
    .prepare(`SELECT seq, id, kind, record_id, payload FROM outbox WHERE state = 'waiting' AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`)
    .all(...kinds, limit) as WaitingOutboxRow[];
}

export function personKeyOf(db: Db, seq: number): string {
  return (db.prepare('SELECT person_key FROM outbox WHERE seq = ?').get(seq) as { person_key: string }).person_key;
}

/** Rows per state, for observers (the simulator) that watch the queue drain. */
export function countsByState(db: Db): { state: string; n: number }[] {
  return db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
}

/** Whole-queue figures for the simulator's count: rows not (confirmed) synced, in review, and all rows. */
export function queueFigures(db: Db): { notSynced: number; needsReview: number; rows: number } {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  return {
    notSynced: n(`SELECT COUNT(*) AS n FROM outbox WHERE state <> 'synced' OR synced_at IS NULL`),
    needsReview: n(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'needs_review'`),
    rows: n('SELECT COUNT(*) AS n FROM outbox'),
  };
}
