import { totalChanges, type Db } from '../../adapters/sqlite/database';
import { lastOutboxSeq, outboxRecordsSince } from '../../adapters/sqlite/outbox';

/** What a handler sees of its call's unit of work (`call.work`). */
export interface UnitOfWork {
  /** Names a record the call created (a new staff member, an arrival) for the call's audit entry. */
  note(subject: string): void;
  /**
   * The call's write step. A plain handler already runs inside the call's transaction: this joins
   * it (as a savepoint). A handler declared with `awaiting` (it hashes a PIN or waits on the
   * network first) opens the call's IMMEDIATE transaction here, and the audit entry is written in
   * it before it commits. Once the call has ended it is a plain transaction that audits nothing.
   */
  transaction<T>(fn: () => T): T;
  /**
   * The call changed nothing (an empty or same-value update): a success leaves no audit entry, so
   * that a no-op is not a way to add rows to the trail.
   */
  nothingChanged(): void;
}

/** The audit entry of one call, written by the audit trail (StationSecurity.auditCall). */
export interface CallAudit {
  /** The call wrote records: written inside their transaction; `records` were noted or queued for sync. */
  wrote(records: readonly string[]): void;
  /** The call wrote nothing: its result names what was read. */
  read(result: unknown, records: readonly string[]): void;
  /** The call failed and everything it wrote was rolled back: the attempt is logged on its own. */
  failed(error: unknown, records: readonly string[]): void;
}

const MAX_NOTED = 50;

/**
 * One method call as one unit of work: the dispatcher runs a plain handler inside a single
 * IMMEDIATE transaction and writes the call's audit entry in it, so a record and the trace of who
 * made it commit together or not at all. Use cases that open their own transaction join it as a
 * savepoint, and keep the write lock the outer IMMEDIATE transaction took before the first read.
 */
export class CallUnit implements UnitOfWork {
  private readonly noted: string[] = [];
  private audited = false;
  private inCall = false;
  private closed = false;
  private unchanged = false;

  constructor(
    private readonly db: Db,
    private readonly audit: CallAudit | null,
  ) {}

  nothingChanged(): void {
    if (!this.closed) this.unchanged = true;
  }

  note(subject: string): void {
    if (!this.closed && !this.audited && this.noted.length < MAX_NOTED) this.noted.push(subject);
  }

  /** Runs a plain (synchronous) handler as the call's transaction. */
  run<T>(handler: () => T): T {
    try {
      return this.db.transaction(() => {
        this.inCall = true;
        const changes = totalChanges(this.db);
        const outboxSeq = lastOutboxSeq(this.db);
        const result = handler();
        if (isThenable(result)) {
          result.then(undefined, () => {});
          throw new Error('a handler that awaits must be declared with awaiting(): its writes would leave the transaction');
        }
        if (this.audit) {
          if (totalChanges(this.db) !== changes) this.audit.wrote([...this.noted, ...outboxRecordsSince(this.db, outboxSeq)]);
          else if (!this.unchanged) this.audit.read(result, this.noted);
          this.audited = true;
        }
        return result;
      }).immediate();
    } catch (error) {
      // Whatever the call wrote, its entry included, was rolled back.
      this.audited = false;
      if (this.audit) this.audit.failed(error, this.noted);
      throw error;
    } finally {
      this.inCall = false;
      this.closed = true;
    }
  }

  /** Runs a handler declared with `awaiting`: it opens the call's transaction itself through `transaction`. */
  async runAwaiting<T>(handler: () => Promise<T>): Promise<T> {
    try {
      const result = await handler();
      if (this.audit && !this.audited && !this.unchanged) {
        const audit = this.audit;
        this.db.transaction(() => audit.read(result, this.noted)).immediate();
        this.audited = true;
      }
      return result;
    } catch (error) {
      if (this.audit && !this.audited) this.audit.failed(error, this.noted);
      throw error;
    } finally {
      this.closed = true;
    }
  }

  transaction<T>(fn: () => T): T {
    if (this.inCall || this.closed || !this.audit || this.audited) return this.db.transaction(fn).immediate();
    const audit = this.audit;
    try {
      return this.db.transaction(() => {
        const outboxSeq = lastOutboxSeq(this.db);
        const result = fn();
        audit.wrote([...this.noted, ...outboxRecordsSince(this.db, outboxSeq)]);
        this.audited = true;
        return result;
      }).immediate();
    } catch (error) {
      this.audited = false;
      throw error;
    }
  }
}

/** Outside the dispatcher (direct handler calls in tests, tools): plain transactions, nothing noted. */
export function standaloneUnit(db: Db): UnitOfWork {
  return { note: () => {}, nothingChanged: () => {}, transaction: (fn) => db.transaction(fn).immediate() };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
