import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export interface OutboxEntry {
  /** What the record is, e.g. `dose`, `appointment`, `dose-correction`. */
  kind: string;
  /** The station-generated UUID of the record, used for idempotent creation at the backend. */
  recordId: string;
  /** Groups records of one person so they are sent in order (dose 1, booking, dose 2). */
  personKey: string;
  payload: unknown;
}

/**
 * Adds a row to the outbox. Call it inside the transaction that writes the record itself, so the
 * record and its promise to sync commit together or not at all.
 */
export function enqueueOutbox(db: Db, entry: OutboxEntry, now: Date): string {
  if (!db.inTransaction) throw new Error('enqueueOutbox must run inside the record transaction');
  const id = randomUUID();
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO outbox (id, kind, record_id, person_key, payload, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)`,
  ).run(id, entry.kind, entry.recordId, entry.personKey, JSON.stringify(entry.payload), at, at);
  return id;
}

export interface OutboxSummary {
  waiting: number;
  needsReview: number;
  oldestWaitingAt: string | null;
}

export function outboxSummary(db: Db): OutboxSummary {
  const row = db
    .prepare(
      `SELECT
         SUM(CASE WHEN state IN ('waiting', 'sending') THEN 1 ELSE 0 END) AS waiting,
         SUM(CASE WHEN state = 'needs_review' THEN 1 ELSE 0 END) AS review,
         MIN(CASE WHEN state IN ('waiting', 'sending') THEN created_at END) AS oldest
       FROM outbox`,
    )
    .get() as { waiting: number | null; review: number | null; oldest: string | null };
  return { waiting: row.waiting ?? 0, needsReview: row.review ?? 0, oldestWaitingAt: row.oldest };
}

/** The newest outbox sequence number, to see later what a transaction queued. */
export function lastOutboxSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq;
}

/** The records queued after `seq`, as `<kind>:<record id>` (at most 50). */
export function outboxRecordsSince(db: Db, seq: number): string[] {
  const rows = db.prepare('SELECT kind, record_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT 50').all(seq) as { kind: string; record_id: string }[];
  return rows.map((r) => `${r.kind}:${r.record_id}`);
}
