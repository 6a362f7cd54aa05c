import type { FederalClient } from '../../adapters/federal/client';
import { FederalError } from '../../adapters/federal/errors';
import { DoseDeskError } from '../../../shared/errors';
import type { StationContext } from '../base/context';
import type { SyncExtension } from '../sync/worker';
import { DEFAULT_CENTRE_SYNC, StationClosed, type CentreSyncOptions } from './options';
import { runCentreRound, type RoundReport } from './round';

/**
 * centre-sync inside a running station: a sync-worker extension that runs a round every
 * `roundEveryMs` while the backend answers (and plans every `planEveryMs` on a station whose
 * role is supervisor), and the supervisor's "rebalance now". Rounds never overlap.
 */
export class CentreSync implements SyncExtension {
  readonly name = 'centre-sync';
  readonly options: CentreSyncOptions;
  private chain: Promise<unknown> = Promise.resolve();
  private nextRoundAt = 0;
  private nextPlanAt = 0;
  private lastReport: RoundReport | null = null;

  constructor(
    private readonly ctx: StationContext,
    options: Partial<CentreSyncOptions> = {},
    private readonly log: (line: string) => void = () => {},
  ) {
    this.options = { ...DEFAULT_CENTRE_SYNC, ...options };
  }

  get last(): RoundReport | null {
    return this.lastReport;
  }

  async tick(client: FederalClient): Promise<void> {
    const now = this.ctx.clock.now().getTime();
    if (now < this.nextRoundAt) return;
    const settings = this.ctx.settings.get();
    const plan = settings.role === 'supervisor' && this.options.planEveryMs > 0 && now >= this.nextPlanAt;
    try {
      await this.round(client, plan);
      this.nextRoundAt = now + this.options.roundEveryMs;
      if (plan) this.nextPlanAt = now + this.options.planEveryMs;
    } catch (error) {
      if (error instanceof StationClosed) return;
      // Try again at the next tick once the backend answers; other failures wait a round.
      if (!(error instanceof FederalError && error.transient)) this.nextRoundAt = now + this.options.roundEveryMs;
      throw error;
    }
  }

  /** The supervisor's rebalance: a round with a plan, now. */
  async rebalanceNow(client: FederalClient | null, weights?: Record<string, number>): Promise<RoundReport> {
    if (!client) throw new DoseDeskError('sync.not_configured');
    try {
      return await this.round(client, true, weights);
    } catch (error) {
      if (error instanceof FederalError) throw new DoseDeskError('capacity.rebalance_offline', {}, error.message);
      throw error;
    }
  }

  private round(client: FederalClient, plan: boolean, weights?: Record<string, number>): Promise<RoundReport> {
    const run = async () => {
      const settings = this.ctx.settings.get();
      const report = await runCentreRound(
        { db: this.ctx.db, clock: this.ctx.clock, client, centreId: settings.centreId, stationId: settings.stationId, options: this.options, log: this.log },
        { plan, ...(weights ? { weights } : {}) },
      );
      this.lastReport = report;
      if (report.released + report.received + report.reclaimed > 0 || (report.plan?.tasks ?? 0) > 0) {
        this.log(`capacity: ${report.released} released, ${report.received} received, ${report.reclaimed} reclaimed, ${report.plan?.tasks ?? 0} requests made`);
      }
      return report;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

const instances = new WeakMap<StationContext, { centre: CentreSync; client: () => FederalClient | null }>();

/** Called by sync's handlers when the station starts. */
export function registerCentreSync(ctx: StationContext, centre: CentreSync, client: () => FederalClient | null): void {
  instances.set(ctx, { centre, client });
}

/** capacity.rebalance: plans now through the backend (sync.not_configured without a federal URL). */
export function rebalanceNow(ctx: StationContext, weights?: Record<string, number>): Promise<RoundReport> {
  const entry = instances.get(ctx);
  if (!entry) return Promise.reject(new DoseDeskError('sync.not_configured'));
  return entry.centre.rebalanceNow(entry.client(), weights);
}
