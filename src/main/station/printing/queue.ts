import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import type { PrintJobState, PrintJobSummary } from '../../../shared/api/printing';
import { CardModel } from '../../../domain/card/card-model';

export interface EnqueueOptions {
  /** Print the card marked COPY / KOPIE / DUPLICATA. */
  copy?: boolean;
  /** The job this one reprints. */
  copyOf?: string;
  kind?: 'card' | 'test';
  /** The record the card belongs to (e.g. the dose id). */
  recordId?: string;
}

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

/** Workers sharing this database, woken when a job is added so a card prints without a poll delay. */
const listeners = new WeakMap<Db, Set<() => void>>();

export function onPrintJobAdded(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/**
 * Adds a card to the print queue and returns the job id. Call it inside the transaction that
 * records the dose: the card then exists exactly when the dose does. It only writes a row, so
 * recording never waits for the printer; the worker is woken after the transaction ends
 * (better-sqlite3 transactions are synchronous, setImmediate runs after the commit).
 */
export function enqueuePrintJob(db: Db, card: CardModel, now: Date, options: EnqueueOptions = {}): string {
  const checked = CardModel.parse({ ...card, isCopy: options.copy ?? card.isCopy });
  const id = randomUUID();
  const at = now.toISOString();
  const insert = () => {
    db.prepare(
      `INSERT INTO print_job (id, kind, card, citizen_name, language, is_copy, copy_of, record_id, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
    ).run(
      id,
      options.kind ?? 'card',
      JSON.stringify(checked),
      checked.citizen.fullName,
      checked.citizen.language,
      checked.isCopy ? 1 : 0,
      options.copyOf ?? null,
      options.recordId ?? null,
      at,
      at,
    );
    logEvent(db, id, at, null, 'queued', checked.isCopy ? 'copy' : null);
  };
  if (db.inTransaction) insert();
  else db.transaction(insert).immediate();
  const set = listeners.get(db);
  if (set && set.size > 0) setImmediate(() => set.forEach((wake) => wake()));
  return id;
}

function logEvent(db: Db, jobId: string, at: string, from: PrintJobState | null, to: PrintJobState, detail: string | null): void {
  db.prepare('INSERT INTO print_job_event (job_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)').run(jobId, at, from, to, detail);
}

export function getJob(db: Db, id: string): PrintJobRow {
  const row = db.prepare('SELECT * FROM print_job WHERE id = ?').get(id) as PrintJobRow | undefined;
  if (!row) throw new DoseDeskError('printing.job_not_found', { jobId: id });
  return row;
}

export function jobCard(row: PrintJobRow): CardModel {
  return CardModel.parse(JSON.parse(row.card));
}

/** The oldest job waiting for the printer, without taking it. */
export function peekNextJob(db: Db): PrintJobRow | null {
  return (db.prepare("SELECT * FROM print_job WHERE state = 'queued' ORDER BY seq LIMIT 1").get() as PrintJobRow | undefined) ?? null;
}

/**
 * Takes a queued job for sending. The 'sending' state is committed (synchronous=FULL) before
 * any byte goes out; false when another worker took it first.
 */
export function claimJob(db: Db, id: string, now: Date, printer: string): boolean {
  const at = now.toISOString();
  return db
    .transaction(() => {
      const changed = db
        .prepare("UPDATE print_job SET state = 'sending', attempts = attempts + 1, printer = ?, sending_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'")
        .run(printer, at, at, id).changes;
      if (changed === 1) logEvent(db, id, at, 'queued', 'sending', printer);
      return changed === 1;
    })
    .immediate();
}

function move(db: Db, id: string, from: PrintJobState, to: PrintJobState, now: Date, problem: string | null, extra = ''): void {
  const at = now.toISOString();
  db.transaction(() => {
    const changed = db
      .prepare(`UPDATE print_job SET state = ?, problem = ?, updated_at = ?${extra} WHERE id = ? AND state = ?`)
      .run(to, problem, at, ...(extra ? [at] : []), id, from).changes;
    if (changed === 1) logEvent(db, id, at, from, to, problem);
  }).immediate();
}

export function markPrinted(db: Db, id: string, now: Date): void {
  move(db, id, 'sending', 'printed', now, null, ', printed_at = ?');
}

/** The job may or may not have printed: a person decides (reprint or confirm); never resent by itself. */
export function markUncertain(db: Db, id: string, now: Date, problem: string): void {
  move(db, id, 'sending', 'uncertain', now, problem);
}

/** Only when no byte can have left the station (e.g. the job could not be rendered). */
export function markFailed(db: Db, id: string, now: Date, problem: string, from: PrintJobState = 'queued'): void {
  move(db, id, from, 'failed', now, problem);
}

/**
 * After a restart: a job still 'sending' was cut off at an unknown point. Printing it again by
 * itself could hand the citizen two cards, so it becomes 'uncertain' for staff to settle.
 */
export function recoverInterrupted(db: Db, now: Date, detail = 'printing.problem.interrupted'): string[] {
  const ids = (db.prepare("SELECT id FROM print_job WHERE state = 'sending' ORDER BY seq").all() as { id: string }[]).map((r) => r.id);
  for (const id of ids) markUncertain(db, id, now, detail);
  return ids;
}

/**
 * Prints a card again as a new job marked as a copy. An uncertain original is settled as
 * 'reprinted'. A card still waiting for the printer is refused: it prints by itself.
 */
export function reprintJob(db: Db, id: string, now: Date): string {
  return db
    .transaction(() => {
      const row = getJob(db, id);
      if (row.state === 'queued' || row.state === 'sending') throw new DoseDeskError('printing.not_reprintable', { jobId: id });
      const copyId = enqueuePrintJob(db, jobCard(row), now, { copy: true, copyOf: row.id, kind: row.kind, ...(row.record_id ? { recordId: row.record_id } : {}) });
      if (row.state === 'uncertain' && row.resolution === null) {
        const at = now.toISOString();
        db.prepare("UPDATE print_job SET resolution = 'reprinted', resolved_at = ?, updated_at = ? WHERE id = ?").run(at, at, id);
        logEvent(db, id, at, 'uncertain', 'uncertain', `reprinted as ${copyId}`);
      }
      return copyId;
    })
    .immediate();
}

/** Staff saw that an uncertain card came out complete. */
export function confirmJob(db: Db, id: string, now: Date): PrintJobRow {
  return db
    .transaction(() => {
      const row = getJob(db, id);
      if (row.state !== 'uncertain' || row.resolution !== null) throw new DoseDeskError('printing.not_uncertain', { jobId: id });
      const at = now.toISOString();
      db.prepare("UPDATE print_job SET state = 'printed', resolution = 'confirmed', resolved_at = ?, printed_at = COALESCE(printed_at, ?), updated_at = ? WHERE id = ?").run(at, at, at, id);
      logEvent(db, id, at, 'uncertain', 'printed', 'confirmed by staff');
      return getJob(db, id);
    })
    .immediate();
}

export interface QueueCounts {
  /** Waiting or being sent. */
  queued: number;
  /** Uncertain and not yet settled by a person. */
  uncertain: number;
}

export function queueCounts(db: Db): QueueCounts {
  const row = db
    .prepare(
      `SELECT SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END) AS queued,
              SUM(CASE WHEN state = 'uncertain' AND resolution IS NULL THEN 1 ELSE 0 END) AS uncertain
       FROM print_job`,
    )
    .get() as { queued: number | null; uncertain: number | null };
  return { queued: row.queued ?? 0, uncertain: row.uncertain ?? 0 };
}

export function toSummary(row: PrintJobRow): PrintJobSummary {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    isCopy: row.is_copy === 1,
    copyOf: row.copy_of,
    citizenName: row.citizen_name,
    language: row.language,
    attempts: row.attempts,
    problem: row.problem,
    resolution: row.resolution,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    printedAt: row.printed_at,
  };
}

export function recentJobs(db: Db, limit = 50): PrintJobSummary[] {
  return (db.prepare('SELECT * FROM print_job ORDER BY seq DESC LIMIT ?').all(limit) as PrintJobRow[]).map(toSummary);
}
