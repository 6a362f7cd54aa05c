import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../adapters/sqlite/database';
import { registerPlainTransaction } from './audit-log';

/** One call that must leave an audit entry; written at most once. */
export interface PendingAudit {
  written: boolean;
  /** Records the handler names itself (see noteAuditSubject). */
  readonly noted: string[];
  /** Set when the call has ended: later work started by it (timers, workers) writes nothing. */
  closed: boolean;
  /** Set by a handler whose call changed nothing (see noteNothingChanged): a success writes no entry. */
  unchanged?: boolean;
  /** Writes the entry inside the current transaction; `records` are outbox records it created. */
  write(records: readonly string[]): void;
}

const scope = new AsyncLocalStorage<PendingAudit>();

/**
 * Lets a handler name a record it created inside its transaction (e.g. a new staff member's id),
 * so the audit entry written at commit names it. Outside an audited call it does nothing.
 */
export function noteAuditSubject(subject: string): void {
  const pending = scope.getStore();
  if (pending && !pending.written && !pending.closed && pending.noted.length < 50) pending.noted.push(subject);
}

/**
 * Lets a handler say its call changed nothing (an empty or same-value update), so a successful
 * call leaves no audit entry: a no-op must not be a way to add rows to the trail.
 */
export function noteNothingChanged(): void {
  const pending = scope.getStore();
  if (pending && !pending.written && !pending.closed) pending.unchanged = true;
}

export function runInAuditScope<T>(pending: PendingAudit, fn: () => Promise<T>): Promise<T> {
  return scope.run(pending, fn);
}

/**
 * Makes every top-level `db.transaction(...)` run during an audited call also write that call's
 * audit entry before it commits, so a correction and the trace of who made it commit together or
 * not at all. Handlers keep using better-sqlite3 as usual; only the outermost transaction of a
 * call writes, and only once. The records the transaction queued in the outbox become subjects.
 */
export function installAuditTransactions(db: Db): void {
  const original = db.transaction.bind(db) as Db['transaction'];
  registerPlainTransaction(db, original);
  let depth = 0;
  const wrapped = ((fn: (...args: unknown[]) => unknown) =>
    original(function (this: unknown, ...args: unknown[]) {
      depth++;
      try {
        const pending = depth === 1 ? scope.getStore() : undefined;
        const watch = !!pending && !pending.written && !pending.closed;
        const before = watch ? lastOutboxSeq(db) : 0;
        const result = fn.apply(this, args);
        if (watch) {
          pending.write(outboxRecordsSince(db, before));
          pending.written = true;
        }
        return result;
      } finally {
        depth--;
      }
    })) as Db['transaction'];
  (db as { transaction: Db['transaction'] }).transaction = wrapped;
}

function lastOutboxSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq;
}

function outboxRecordsSince(db: Db, seq: number): string[] {
  const rows = db.prepare('SELECT kind, record_id FROM outbox WHERE seq > ? ORDER BY seq LIMIT 50').all(seq) as { kind: string; record_id: string }[];
  return rows.map((r) => `${r.kind}:${r.record_id}`);
}
