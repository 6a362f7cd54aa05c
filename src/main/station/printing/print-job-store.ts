import type { Db } from '../../adapters/sqlite/database';
import type { Language } from '../../../shared/i18n/languages';
import type { PrintJobState } from '../../../shared/api/printing';

/** print_job and print_job_event (migration 10): the card queue and each job's state history. */

export interface PrintJobRow {
  seq: number;
  id: string;
  kind: 'card' | 'test';
  card: string;
  citizen_name: string;
  language: Language;
  is_copy: 0 | 1;
  copy_of: string | null;
  record_id: string | null;
  state: PrintJobState;
  attempts: number;
  printer: string | null;
  problem: string | null;
  resolution: 'reprinted' | 'confirmed' | null;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  sending_at: string | null;
  printed_at: string | null;
}

export interface NewPrintJob {
  id: string;
  kind: 'card' | 'test';
  card: string;
  citizenName: string;
  language: Language;
  isCopy: boolean;
  copyOf: string | null;
  recordId: string | null;
  at: string;
}

export function insertQueuedJob(db: Db, j: NewPrintJob): void {
  db.prepare(
    `INSERT INTO print_job (id, kind, card, citizen_name, language, is_copy, copy_of, record_id, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
  ).run(j.id, j.kind, j.card, j.citizenName, j.language, j.isCopy ? 1 : 0, j.copyOf, j.recordId, j.at, j.at);
}

export function insertJobEvent(db: Db, jobId: string, at: string, from: PrintJobState | null, to: PrintJobState, detail: string | null): void {
  db.prepare('INSERT INTO print_job_event (job_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)').run(jobId, at, from, to, detail);
}

export function findJob(db: Db, id: string): PrintJobRow | undefined {
  return db.prepare('SELECT * FROM print_job WHERE id = ?').get(id) as PrintJobRow | undefined;
}

export function oldestQueuedJob(db: Db): PrintJobRow | undefined {
  return db.prepare("SELECT * FROM print_job WHERE state = 'queued' ORDER BY seq LIMIT 1").get() as PrintJobRow | undefined;
}

/** Queued → sending; the number of rows changed (0 when another worker took it first). */
export function setSending(db: Db, id: string, printer: string, at: string): number {
  return db
    .prepare("UPDATE print_job SET state = 'sending', attempts = attempts + 1, printer = ?, sending_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'")
    .run(printer, at, at, id).changes;
}

/**
 * Moves a job from one state to another, only if it is still in `from`; `printedAt` also stamps
 * printed_at. The number of rows changed.
 */
export function setJobState(db: Db, id: string, from: PrintJobState, to: PrintJobState, problem: string | null, at: string, printedAt: boolean): number {
  const extra = printedAt ? ', printed_at = ?' : '';
  return db
    .prepare(`UPDATE print_job SET state = ?, problem = ?, updated_at = ?${extra} WHERE id = ? AND state = ?`)
    .run(to, problem, at, ...(printedAt ? [at] : []), id, from).changes;
}

export function sendingJobIds(db: Db): string[] {
  return (db.prepare("SELECT id FROM print_job WHERE state = 'sending' ORDER BY seq").all() as { id: string }[]).map((r) => r.id);
}

export function setReprinted(db: Db, id: string, at: string): void {
  db.prepare("UPDATE print_job SET resolution = 'reprinted', resolved_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
}

export function setConfirmedPrinted(db: Db, id: string, at: string): void {
  db.prepare("UPDATE print_job SET state = 'printed', resolution = 'confirmed', resolved_at = ?, printed_at = COALESCE(printed_at, ?), updated_at = ? WHERE id = ?").run(at, at, at, id);
}

export function countQueuedAndUncertain(db: Db): { queued: number; uncertain: number } {
  const row = db
    .prepare(
      `SELECT SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END) AS queued,
              SUM(CASE WHEN state = 'uncertain' AND resolution IS NULL THEN 1 ELSE 0 END) AS uncertain
       FROM print_job`,
    )
    .get() as { queued: number | null; uncertain: number | null };
  return { queued: row.queued ?? 0, uncertain: row.uncertain ?? 0 };
}

export function latestJobs(db: Db, limit: number): PrintJobRow[] {
  return db.prepare('SELECT * FROM print_job ORDER BY seq DESC LIMIT ?').all(limit) as PrintJobRow[];
}

/** A citizen's finished cards (not waiting for or at the printer), for retention to pseudonymise. */
export function settledJobsOfRecords(db: Db, recordIds: readonly string[]): { id: string; card: string; citizen_name: string }[] {
  if (recordIds.length === 0) return [];
  return db
    .prepare(`SELECT id, card, citizen_name FROM print_job WHERE state != 'queued' AND state != 'sending' AND record_id IN (${recordIds.map(() => '?').join(',')})`)
    .all(...recordIds) as { id: string; card: string; citizen_name: string }[];
}

export function replaceJobCard(db: Db, id: string, card: string, citizenName: string): void {
  db.prepare('UPDATE print_job SET card = ?, citizen_name = ? WHERE id = ?').run(card, citizenName, id);
}

/** Jobs not settled by a person, per state, for observers (the simulator). */
export function unresolvedCountsByState(db: Db): { state: string; n: number }[] {
  return db.prepare(`SELECT state, COUNT(*) AS n FROM print_job WHERE resolution IS NULL GROUP BY state`).all() as { state: string; n: number }[];
}

/** Jobs created in [from, to), by outcome, for the end-of-day report. */
export function jobFiguresBetween(db: Db, from: string, to: string): Record<'printed' | 'copies' | 'uncertain' | 'failed' | 'waiting', number | null> {
  return db
    .prepare(
      `SELECT SUM(CASE WHEN state = 'printed' AND is_copy = 0 AND kind = 'card' THEN 1 ELSE 0 END) AS printed,
              SUM(CASE WHEN is_copy = 1 THEN 1 ELSE 0 END) AS copies,
              SUM(CASE WHEN state = 'uncertain' AND resolution IS NULL THEN 1 ELSE 0 END) AS uncertain,
              SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,
              SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END) AS waiting
         FROM print_job WHERE created_at >= ? AND created_at < ?`,
    )
    .get(from, to) as Record<'printed' | 'copies' | 'uncertain' | 'failed' | 'waiting', number | null>;
}

/**
 * Card figures for the simulator's count. An original card is done when it printed, or when staff
 * settled it (a copy printed instead, or they confirmed it came out).
 */
export function cardFigures(db: Db): { printed: number; copies: number; notPrinted: number } {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  return {
    printed: n(`SELECT COUNT(*) AS n FROM print_job WHERE kind = 'card' AND state = 'printed'`),
    copies: n(`SELECT COUNT(*) AS n FROM print_job WHERE kind = 'card' AND is_copy = 1`),
    notPrinted: n(
      `SELECT COUNT(*) AS n FROM print_job o WHERE o.kind = 'card' AND o.is_copy = 0 AND o.state <> 'printed'
         AND COALESCE(o.resolution, '') <> 'confirmed'
         AND NOT EXISTS (SELECT 1 FROM print_job c WHERE c.copy_of = o.id AND c.state = 'printed')`,
    ),
  };
}
