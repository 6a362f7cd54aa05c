import type { Settings } from '../../../shared/settings';
import type { ReviewPerson, SyncStatus } from '../../../shared/api/sync';
import { DoseDeskError } from '../../../shared/errors';
import type { StationContext } from '../base/context';
import { createFederalClient, type FederalClient, type FederalConnection } from '../../adapters/federal/client';
import { loadFederalConnection } from '../../adapters/federal/config';
import type { ModeInfo } from './mode';
import { closeDismissed, getRowById, reopen, syncCounts } from './outbox-store';
import { getReview, openReviewCount, openReviews, recordResolution, type ReviewRow } from './review-store';
import { readSyncState } from './state-store';
import { SyncWorker, type SyncExtension, type SyncWorkerOptions } from './worker';

export interface SyncServiceOptions {
  worker?: Partial<SyncWorkerOptions>;
  /** Tests and benchmarks may hand in their own client. */
  clientFactory?: (connection: FederalConnection) => FederalClient;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Run by the worker while the backend answers (centre-sync's capacity rounds). */
  extensions?: readonly SyncExtension[];
  /**
   * A booking of a session another station closed or changed goes to this station's follow-up
   * desk; the station root wires booking in (sync does not import it).
   */
  moveToFollowUp?: (appointmentId: string, reason: string) => void;
}

const OFFLINE: ModeInfo = { mode: 'offline', offlineSince: null };

/**
 * Runs the sync worker for as long as the station runs: starts it when settings.federalUrl is
 * set, restarts it when the URL or the centre changes, stops it when the URL is cleared.
 */
export class SyncService {
  private worker: SyncWorker | null = null;
  private client: FederalClient | null = null;
  private key = '';
  private unwatch: (() => void) | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly log: (line: string) => void;

  constructor(
    private readonly ctx: StationContext,
    private readonly options: SyncServiceOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`[sync] ${line}\n`));
  }

  start(): void {
    this.unwatch = this.ctx.settings.onChange((s) => this.apply(s));
    try {
      this.apply(this.ctx.settings.get());
    } catch (error) {
      this.log(`sync not started: ${(error as Error).message}`);
    }
  }

  /** Resolves once the latest settings change has been applied (tests wait on it). */
  settled(): Promise<void> {
    return this.chain;
  }

  private apply(settings: Settings): void {
    const key = settings.federalUrl ? `${settings.federalUrl}\n${settings.centreId}` : '';
    if (key === this.key || this.closed) return;
    this.key = key;
    this.chain = this.chain.then(async () => {
      await this.stopWorker();
      if (!key || this.closed || !this.ctx.db.open) return this.publish(OFFLINE);
      try {
        const connection = loadFederalConnection(settings.federalUrl, this.ctx.dataDir, this.options.env);
        this.client = (this.options.clientFactory ?? createFederalClient)(connection);
        this.worker = new SyncWorker(
          {
            db: this.ctx.db,
            clock: this.ctx.clock,
            client: this.client,
            centreId: settings.centreId,
            // A session another station closed or changed: this station's bookings in it go to its follow-up desk.
            ...(this.options.moveToFollowUp ? { moveToFollowUp: this.options.moveToFollowUp } : {}),
            onMode: (m) => this.publish(m),
            log: this.log,
            ...(this.options.extensions ? { extensions: this.options.extensions } : {}),
          },
          this.options.worker,
        );
        this.worker.start();
        this.log(`sending to ${connection.baseUrl}`);
      } catch (error) {
        this.log(`sync not started: ${(error as Error).message}`);
        this.publish(OFFLINE);
      }
    });
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.stop();
    this.client?.close();
    this.client = null;
  }

  private publish(mode: ModeInfo): void {
    try {
      this.ctx.events.publish('sync.mode', mode);
    } catch (error) {
      this.log(`sync.mode not published: ${(error as Error).message}`);
    }
  }

  get activeWorker(): SyncWorker | null {
    return this.worker;
  }

  /** The client of the running worker (null when no federal URL is set). */
  get activeClient(): FederalClient | null {
    return this.worker ? this.client : null;
  }

  mode(): ModeInfo {
    return this.worker?.modeInfo() ?? OFFLINE;
  }

  status(): SyncStatus {
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    const counts = syncCounts(db);
    const persisted = this.worker?.persisted ?? readSyncState(db);
    const mode = this.mode();
    let federalUrl = '';
    try {
      federalUrl = this.ctx.settings.get().federalUrl;
    } catch {
      // settings unreadable: shown as not configured
    }
    return {
      ...mode,
      configured: federalUrl !== '',
      federalUrl,
      waiting: counts.waiting,
      sending: counts.sending,
      oldestWaitingAt: counts.oldestWaitingAt,
      oldestAgeSeconds: counts.oldestWaitingAt ? Math.max(0, Math.floor((now.getTime() - Date.parse(counts.oldestWaitingAt)) / 1000)) : null,
      needsReview: openReviewCount(db),
      lastSuccessAt: persisted.lastSuccessAt,
      lastSyncedAt: counts.lastSyncedAt,
      lastError: persisted.lastError,
      lastPullAt: persisted.lastPullAt,
      lastPullError: persisted.lastPullError,
    };
  }

  review(): ReviewPerson[] {
    const persons = new Map<string, ReviewPerson>();
    for (const r of openReviews(this.ctx.db)) {
      const person = persons.get(r.personKey) ?? { personKey: r.personKey, personLabel: r.personLabel, items: [] };
      person.items.push({
        id: r.id,
        kind: r.kind,
        messageKey: `sync.review.kind.${r.kind}`,
        recordId: r.recordId,
        recordType: r.recordType,
        reason: r.reason,
        createdAt: r.createdAt,
        retryable: retryable(r),
      });
      persons.set(r.personKey, person);
    }
    return [...persons.values()];
  }

  resolveReview(
    id: string,
    action: 'retry' | 'dismiss',
    reason: string,
    by: { id: string; name: string } | null = null,
  ): { id: string; action: 'retry' | 'dismiss'; resolvedAt: string } {
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    db.transaction(() => {
      const review = getReview(db, id);
      if (!review) throw new DoseDeskError('sync.review_not_found');
      if (review.resolvedAt) throw new DoseDeskError('sync.review_resolved');
      if (action === 'retry' && !retryable(review)) throw new DoseDeskError('sync.review_not_retryable');
      recordResolution(db, id, action, reason, now, by);
      const row = review.outboxId ? getRowById(db, review.outboxId) : null;
      if (row && row.state === 'needs_review') {
        if (action === 'retry') reopen(db, row.seq, now);
        else closeDismissed(db, row.seq, now, reason);
      }
    }).immediate();
    if (action === 'retry') this.worker?.requestPull();
    return { id, action, resolvedAt: now.toISOString() };
  }

  /** Pull now and send what is due, for a few batches; the rest continues in the background. */
  async runNow(maxBatches = 5): Promise<SyncStatus> {
    await this.chain;
    const worker = this.worker;
    if (!worker) throw new DoseDeskError('sync.not_configured');
    worker.requestPull();
    await worker.drain(maxBatches);
    return this.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unwatch?.();
    await this.chain;
    await this.stopWorker();
  }
}

/** A person may send again what has an outbox row, unless the backend already holds newer. */
function retryable(r: ReviewRow): boolean {
  return r.outboxId !== null && r.kind !== 'newer_at_backend';
}
