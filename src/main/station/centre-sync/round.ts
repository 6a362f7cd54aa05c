import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { FederalClient } from '../../adapters/federal/client';
import { handleTransferTasks, sendCentreOutbox, settleReleases, type GiverReport } from './giver';
import { DEFAULT_CENTRE_SYNC, type CentreDeps, type CentreSyncOptions } from './options';
import { planThroughBackend, type PlanReport } from './planner';
import { receiveUnits } from './receiver';
import { sendSessionChanges } from './sessions';
import { hasOpenRelease } from './store';
import { holdsCapacity, horizon, publishCapacity } from './views';

/**
 * One station's round with the backend. Every step is idempotent and reads before it writes, so
 * a round cut anywhere (lost answer, crash, partition) is finished by a later one:
 *   take units released to this station -> answer transfer requests (release + outbox) ->
 *   send releases and answers -> settle or reclaim sent releases -> publish heartbeat and
 *   changed views -> plan (when asked).
 * A station that never held capacity in the horizon (a supervisor or check-in desk) takes no
 * part, but may still plan.
 */

export interface RoundInput {
  db: Db;
  clock: Clock;
  client: FederalClient;
  centreId: string;
  stationId: string;
  options?: Partial<CentreSyncOptions>;
  log?: (line: string) => void;
}

export interface RoundReport extends GiverReport {
  participating: boolean;
  taken: number;
  received: number;
  views: number;
  /** Session changes and closings of this station sent to the other stations. */
  sessionChanges: number;
  plan: PlanReport | null;
}

export async function runCentreRound(input: RoundInput, what: { plan?: boolean; weights?: Record<string, number> } = {}): Promise<RoundReport> {
  const deps: CentreDeps = {
    db: input.db,
    clock: input.clock,
    client: input.client,
    centreId: input.centreId,
    stationId: input.stationId,
    options: { ...DEFAULT_CENTRE_SYNC, ...(input.options ?? {}) },
    log: input.log ?? (() => {}),
  };
  const range = horizon(deps.clock.now(), deps.options.horizonDays);
  const report: RoundReport = { participating: false, taken: 0, received: 0, views: 0, sessionChanges: 0, plan: null, tasks: 0, released: 0, sent: 0, accepted: 0, reclaimed: 0 };
  // Any station's supervisor may close or change a session, holding capacity or not.
  report.sessionChanges = await sendSessionChanges(deps);
  // Releases still to send or settle are finished even when the day left the horizon.
  const giving = hasOpenRelease(deps.db, deps.stationId);
  report.participating = giving || holdsCapacity(deps.db, deps.stationId, range.from, range.to);
  if (report.participating) {
    const received = await receiveUnits(deps);
    report.taken = received.taken;
    report.received = received.accepted;
    await handleTransferTasks(deps, report);
    await sendCentreOutbox(deps, report);
    await settleReleases(deps, report);
    report.views = (await publishCapacity(deps)).views;
  }
  if (what.plan) report.plan = await planThroughBackend(deps, what.weights);
  return report;
}
