import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { PrintJobState, PrintJobSummary } from '../../../shared/api/printing';
import { CardModel } from '../../../domain/card/card-model';
import {
  countQueuedAndUncertain,
  findJob,
  insertJobEvent,
  insertQueuedJob,
  latestJobs,
  oldestQueuedJob,
  sendingJobIds,
  setConfirmedPrinted,
  setJobState,
  setReprinted,
  setSending,
  type PrintJobRow,
} from './print-job-store';

export interface EnqueueOptions {
  /** Print the card marked COPY / KOPIE / DUPLICATA. */
  copy?: boolean;
  /** The job this one reprints. */
  copyOf?: string;
  kind?: 'card' | 'test';
  /** The record the card belongs to (e.g. the dose id). */
  recordId?: string;
}

export type { PrintJobRow };

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
    insertQueuedJob(db, {
      id,
      kind: options.kind ?? 'card',
      card: JSON.stringify(checked),
      citizenName: checked.citizen.fullName,
      language: checked.citizen.language,
      isCopy: checked.isCopy,
      copyOf: options.copyOf ?? null,
      recordId: options.recordId ?? null,
      at,
    });
    logEvent(db, id, at, null, 'queued', checked.isCopy ? 'copy' : null);
  };
  if (db.inTransaction) insert();
  else db.transaction(insert).immediate();
  const set = listeners.get(db);
  if (set && set.size > 0) setImmediate(() => set.forEach((wake) => wake()));
  return id;
}

function logEvent(db: Db, jobId: string, at: string, from: PrintJobState | null, to: PrintJobState, detail: string | null): void {
  insertJobEvent(db, jobId, at, from, to, detail);
}

export function getJob(db: Db, id: string): PrintJobRow {
  const row = findJob(db, id);
  if (!row) throw new DoseDeskError('printing.job_not_found', { jobId: id });
  return row;
}

export function jobCard(row: PrintJobRow): CardModel {
  return CardModel.parse(JSON.parse(row.card));
}

/** The oldest job waiting for the printer, without taking it. */
export function peekNextJob(db: Db): PrintJobRow | null {
  return oldestQueuedJob(db) ?? null;
}

/**
 * Takes a queued job for sending. The 'sending' state is committed (synchronous=FULL) before
 * any byte goes out; false when another worker took it first.
 */
export function claimJob(db: Db, id: string, now: Date, printer: string): boolean {
  const at = now.toISOString();
  return db
    .transaction(() => {
      const changed = setSending(db, id, printer, at);
      if (changed === 1) logEvent(db, id, at, 'queued', 'sending', printer);
      return changed === 1;
    })
    .immediate();
}

function move(db: Db, id: string, from: PrintJobState, to: PrintJobState, now: Date, problem: string | null, printedAt = false): void {
  const at = now.toISOString();
  db.transaction(() => {
    const changed = setJobState(db, id, from, to, problem, at, printedAt);
    if (changed === 1) logEvent(db, id, at, from, to, problem);
  }).immediate();
}

export function markPrinted(db: Db, id: string, now: Date): void {
  move(db, id, 'sending', 'printed', now, null, true);
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
  const ids = sendingJobIds(db);
  for (const id of ids) markUncertain(db, id, now, detail);
  return ids;
}

/**
 * Prints a card again as a new job marked as a copy. An uncertain original is settled as
 * 'reprinted'. A card still waiting for the printer is refused: it prints by itself.
 */
export function reprintJob(db: Db, id: string, now: Date, mayReprint?: (card: CardModel) => void): string {
  return db
    .transaction(() => {
      const row = getJob(db, id);
      if (row.state === 'queued' || row.state === 'sending') throw new DoseDeskError('printing.not_reprintable', { jobId: id });
      // A card whose appointment was replaced or whose dose was undone is not printed again.
      if (row.kind === 'card') mayReprint?.(jobCard(row));
      const copyId = enqueuePrintJob(db, jobCard(row), now, { copy: true, copyOf: row.id, kind: row.kind, ...(row.record_id ? { recordId: row.record_id } : {}) });
      if (row.state === 'uncertain' && row.resolution === null) {
        const at = now.toISOString();
        setReprinted(db, id, at);
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
      setConfirmedPrinted(db, id, at);
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
  return countQueuedAndUncertain(db);
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
  return latestJobs(db, limit).map(toSummary);
}
