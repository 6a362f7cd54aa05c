import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { FederalClient } from '../../adapters/federal/client';
import { FederalError, toFederalError } from '../../adapters/federal/errors';
import { DEFAULT_BACKOFF, effectiveBackoff, type BackoffPolicy } from './backoff';
import { AdaptiveBatchSize } from './batch-size';
import { observedClient } from './observed-client';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerPolicy } from './breaker';
import { deriveMode, type ModeInfo } from './mode';
import { clearBackoff, resetSending, selectDue, type OutboxRow } from './outbox-store';
import { pullCentreDay, type PullReport } from './puller';
import type { MoveToFollowUp } from './session-changes';
import { sendBatch, type BatchReport } from './sender';
import { TransactionSizeLimit } from './transaction-size';
import { readSyncState, writeSyncState, type PersistedSyncState } from './state-store';

/**
 * The outbox worker: drains the outbox to the federal backend, exactly once per record, and
 * pulls the centre's day. One tick = (probe if the breaker allows) + (pull if due) + one batch,
 * whose size adapts to how the backend copes (`batch-size.ts`).
 * Decisions use the Clock port; the background loop only paces ticks with real timers, so a
 * test drives `tick()` by hand under a ManualClock. One worker per database.
 */

export interface SyncWorkerOptions {
  /** Largest batch, and the first one's size. */
  batchSize: number;
  /** Smallest batch failures shrink it to. */
  minBatchSize: number;
  /**
   * Batches taken per tick (at least 1): the next batch's reads before sending run while the
   * previous batch's transaction is on the wire, and the tick's fixed costs (selecting due rows,
   * saving the sync state) are paid once for all of them.
   */
  batchesPerTick: number;
  backoff: BackoffPolicy;
  breaker: BreakerPolicy;
  /** How often the centre's day is pulled while online (Clock time). */
  pullIntervalMs: number;
  /** Pause of the background loop when there is nothing to do (real time). */
  idlePollMs: number;
  /** Rows that failed this many times go alone, so one bad record cannot hold a batch back. */
  isolateAfter: number;
  /** Pull at the first tick (otherwise after one interval). */
  pullOnStart: boolean;
  random: () => number;
}

export const DEFAULT_WORKER_OPTIONS: SyncWorkerOptions = {
  batchSize: 250,
  minBatchSize: 10,
  batchesPerTick: 4,
  backoff: DEFAULT_BACKOFF,
  breaker: DEFAULT_BREAKER,
  pullIntervalMs: 10 * 60_000,
  idlePollMs: 1_000,
  isolateAfter: 8,
  pullOnStart: true,
  random: Math.random,
};

/**
 * More work that needs the backend, run by the worker while the breaker lets requests go (after
 * the pull, before the outbox batch): centre-sync's capacity rounds. It decides itself whether it
 * is due (cheap when not). A transient FederalError counts as a backend failure, like a pull's.
 */
export interface SyncExtension {
  readonly name: string;
  tick(client: FederalClient): Promise<void>;
}

/** Lone rows (see `composeBatch`) sent in one tick at most. */
const MAX_SINGLES = 10;

/** One report for the parts of a tick: a whole failure only when no part got through. */
function combineReports(parts: readonly BatchReport[]): BatchReport {
  const sum = (key: 'claimed' | 'synced' | 'review' | 'retried' | 'transactions' | 'tooLarge') => parts.reduce((n, p) => n + p[key], 0);
  const allFailed = parts.every((p) => p.transport !== null);
  return {
    claimed: sum('claimed'),
    synced: sum('synced'),
    review: sum('review'),
    retried: sum('retried'),
    transactions: sum('transactions'),
    tooLarge: sum('tooLarge'),
    transport: allFailed ? (parts[0]?.transport ?? null) : null,
  };
}

export interface SyncWorkerDeps {
  db: Db;
  clock: Clock;
  client: FederalClient;
  centreId: string;
  /** Booking's cancel-to-follow-up, for sessions other stations closed or changed (see puller). */
  moveToFollowUp?: MoveToFollowUp;
  extensions?: readonly SyncExtension[];
  /** Called when mode or offline-since changes (the station publishes `sync.mode`). */
  onMode?: (mode: ModeInfo) => void;
  log?: (line: string) => void;
}

export type TickReport =
  | { kind: 'closed' }
  | { kind: 'wait'; retryAt: string | null }
  | { kind: 'probe-failed'; error: string }
  | { kind: 'idle'; pulled: PullReport | null }
  | { kind: 'batch'; pulled: PullReport | null; batch: BatchReport };

export class SyncWorker {
  readonly options: SyncWorkerOptions;
  private readonly breaker: CircuitBreaker;
  private readonly batchSize: AdaptiveBatchSize;
  /** Entries per transaction this backend accepts (learned from its size refusals, kept per URL). */
  private readonly transactionSize: TransactionSizeLimit;
  /** The deps' client, every request's outcome reported to the breaker. */
  private readonly client: FederalClient;
  private readonly log: (line: string) => void;
  private state: PersistedSyncState;
  private contacted = false;
  private lastMode: ModeInfo;
  private nextPullAt = 0;
  private running = false;
  private current: Promise<TickReport> | null = null;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> | null = null;

  constructor(
    private readonly deps: SyncWorkerDeps,
    options: Partial<SyncWorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_WORKER_OPTIONS, ...options };
    this.breaker = new CircuitBreaker(this.options.breaker, this.options.random);
    this.batchSize = new AdaptiveBatchSize(this.options.batchSize, this.options.minBatchSize);
    this.client = observedClient(deps.client, (answered) => this.breaker.record(answered, deps.clock.now()));
    this.log = deps.log ?? (() => {});
    this.state = readSyncState(deps.db);
    // An outage does not end because the station restarted: keep its start.
    if (this.state.mode !== 'online' && this.state.offlineSince && this.state.federalUrl === deps.client.baseUrl) {
      this.breaker.resumeStreak(new Date(this.state.offlineSince));
    }
    this.state.federalUrl = deps.client.baseUrl;
    this.transactionSize = new TransactionSizeLimit(this.options.batchSize, this.state.transactionSizes[deps.client.baseUrl] ?? null);
    this.lastMode = this.modeInfo();
    if (!this.options.pullOnStart) this.nextPullAt = deps.clock.now().getTime() + this.options.pullIntervalMs;
  }

  modeInfo(): ModeInfo {
    return deriveMode({
      breaker: this.breaker.state,
      consecutiveFailures: this.breaker.consecutiveFailures,
      failingSince: this.breaker.failingSince,
      contacted: this.contacted,
    });
  }

  /** Size of the next batch (adapts to failures and successes). */
  get nextBatchSize(): number {
    return this.batchSize.current;
  }

  /** Entries the next transaction will carry at most (the backend's learned limit, or a probe above it). */
  get nextTransactionSize(): number {
    return Math.min(this.batchSize.current, this.transactionSize.current);
  }

  get lastError(): string | null {
    return this.state.lastError;
  }
  get persisted(): PersistedSyncState {
    return { ...this.state };
  }

  /** Crash recovery: rows a dead process left 'sending' go back to waiting. */
  recoverAfterCrash(): number {
    const n = resetSending(this.deps.db, this.deps.clock.now());
    if (n > 0) this.log(`${n} records were being sent when the station stopped; they will be sent again (safe: ifNoneExist)`);
    return n;
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.recoverAfterCrash();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
    await this.current;
  }

  /** Asks for a pull at the next tick and wakes the loop. */
  requestPull(): void {
    this.nextPullAt = 0;
    this.wake?.();
  }

  /** One step; concurrent callers share the tick in progress (never two sends at once). */
  tick(): Promise<TickReport> {
    if (!this.current) {
      this.current = this.runTick().finally(() => {
        this.current = null;
      });
    }
    return this.current;
  }

  /**
   * Ticks until nothing is due or the breaker stops requests (at most `maxTicks`). A failed
   * batch does not stop it: its rows wait out their backoff and the next rows go.
   */
  async drain(maxTicks = 10_000): Promise<TickReport[]> {
    const reports: TickReport[] = [];
    for (let i = 0; i < maxTicks; i++) {
      const r = await this.tick();
      reports.push(r);
      if (r.kind !== 'batch') break;
    }
    return reports;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let report: TickReport;
      try {
        report = await this.tick();
      } catch (error) {
        this.log(`sync tick failed: ${(error as Error).stack ?? String(error)}`);
        report = { kind: 'idle', pulled: null };
      }
      if (report.kind === 'closed') {
        this.running = false;
        break;
      }
      if (!this.running) break;
      // After a batch, failed or not, the next one goes at once: failed rows wait out their own
      // backoff, the breaker paces the backend's outages.
      const busy = report.kind === 'batch';
      if (!busy) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.idlePollMs);
          timer.unref();
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private async runTick(): Promise<TickReport> {
    const { db, clock } = this.deps;
    const client = this.client;
    if (!db.open) return { kind: 'closed' };
    const gate = this.breaker.gate(clock.now());
    if (gate === 'wait') return { kind: 'wait', retryAt: this.breaker.retryAt?.toISOString() ?? null };
    if (gate === 'probe') {
      try {
        await client.ping();
      } catch (error) {
        const e = toFederalError(error, 'probe');
        this.failure(e);
        return { kind: 'probe-failed', error: e.message };
      }
      if (!db.open) return { kind: 'closed' };
      this.success();
      const released = clearBackoff(db, clock.now());
      if (released > 0) this.log(`backend is back: ${released} waiting records released`);
    }

    let pulled: PullReport | null = null;
    if (clock.now().getTime() >= this.nextPullAt) {
      try {
        pulled = await pullCentreDay({ db, clock, client, centreId: this.deps.centreId, ...(this.deps.moveToFollowUp ? { moveToFollowUp: this.deps.moveToFollowUp } : {}) });
        if (!db.open) return { kind: 'closed' };
        this.nextPullAt = clock.now().getTime() + this.options.pullIntervalMs;
        this.state.lastPullAt = clock.now().toISOString();
        this.state.lastPullError = null;
        this.success();
        // Error codes and places only: the log carries no one's name or number.
        const skipped = pulled.invitations.refusals;
        if (skipped.length > 0) this.log(`invitations from the backend not taken: ${skipped.map((r) => `#${r.at} ${r.code}`).join(', ')}`);
      } catch (error) {
        if (!db.open) return { kind: 'closed' };
        const e = toFederalError(error, 'pull');
        this.state.lastPullError = e.message;
        // A refused pull (the backend answered) is logged, not an outage; retry at the next interval.
        this.nextPullAt = clock.now().getTime() + (e.transient || e.kind === 'auth' ? 0 : this.options.pullIntervalMs);
        if (e.transient || e.kind === 'auth') {
          this.failure(e);
          return { kind: 'probe-failed', error: e.message };
        }
        this.log(`pull refused: ${e.message}`);
        this.persist();
      }
    }

    for (const extension of this.deps.extensions ?? []) {
      try {
        await extension.tick(client);
      } catch (error) {
        if (!db.open) return { kind: 'closed' };
        if (error instanceof FederalError && (error.transient || error.kind === 'auth')) {
          this.failure(error);
          return { kind: 'probe-failed', error: error.message };
        }
        // Not the backend's absence (a refusal, or a bug): logged, the outbox still goes.
        this.log(`${extension.name}: ${error instanceof FederalError ? error.message : ((error as Error).stack ?? String(error))}`);
      }
      if (!db.open) return { kind: 'closed' };
    }

    const { batch, singles } = this.composeBatch(selectDue(db, clock.now(), this.batchSize.current * Math.max(1, this.options.batchesPerTick)));
    if (batch.length === 0 && singles.length === 0) {
      this.persist();
      return { kind: 'idle', pulled };
    }
    const deps = { db, clock, client, backoff: effectiveBackoff(this.options.backoff, this.breaker.answering), random: this.options.random, log: this.log };
    // The batch and each lone row go side by side: a lone row costs no round of its own.
    const sendOptions = { limit: this.transactionSize, groupSize: this.batchSize.current };
    const parts = await Promise.all([...(batch.length > 0 ? [sendBatch(deps, batch, sendOptions)] : []), ...singles.map((row) => sendBatch(deps, [row]))]);
    if (!db.open) return { kind: 'closed' };
    this.rememberTransactionSize();
    const report = combineReports(parts);
    if (report.transport) {
      this.batchSize.onFailure(report.transport);
      this.failure(report.transport);
    } else {
      this.batchSize.onSuccess();
      this.success();
    }
    return { kind: 'batch', pulled, batch: report };
  }

  /**
   * A row that failed `isolateAfter` times travels alone (so a record the backend chokes on
   * cannot hold a batch back), up to `MAX_SINGLES` such rows a tick, beside the batch of the
   * others: on a flaky backend many rows fail that often by chance and must not queue up one
   * round each.
   */
  private composeBatch(due: readonly OutboxRow[]): { batch: OutboxRow[]; singles: OutboxRow[] } {
    const singles = due.filter((r) => r.attempts >= this.options.isolateAfter).slice(0, MAX_SINGLES);
    return { batch: due.filter((r) => r.attempts < this.options.isolateAfter), singles };
  }

  /** Kept in sync_state per backend URL, so a restart does not learn the backend's limit again. */
  private rememberTransactionSize(): void {
    const url = this.deps.client.baseUrl;
    const { [url]: _previous, ...others } = this.state.transactionSizes;
    const learned = this.transactionSize.learned;
    this.state.transactionSizes = learned ? { ...others, [url]: learned } : others;
  }

  private success(): void {
    this.contacted = true;
    this.breaker.onSuccess();
    const now = this.deps.clock.now().toISOString();
    this.state.lastSuccessAt = now;
    this.state.lastAttemptAt = now;
    this.state.lastError = null;
    this.persist();
  }

  private failure(e: FederalError): void {
    this.contacted = true;
    const now = this.deps.clock.now();
    this.breaker.onFailure(now);
    this.state.lastAttemptAt = now.toISOString();
    this.state.lastError =
      e.kind === 'auth'
        ? `The backend refused the station's credentials: ${e.message}`
        : e.kind === 'config'
          ? `The backend does not serve this address or interaction; check the federal URL: ${e.message}`
          : e.message;
    this.log(`federal backend: ${e.message}`);
    this.persist();
  }

  private persist(): void {
    const mode = this.modeInfo();
    this.state.mode = mode.mode;
    this.state.offlineSince = mode.offlineSince;
    if (this.deps.db.open) writeSyncState(this.deps.db, this.state, this.deps.clock.now());
    if (mode.mode !== this.lastMode.mode || mode.offlineSince !== this.lastMode.offlineSince) {
      this.lastMode = mode;
      this.deps.onMode?.(mode);
    }
  }
}
