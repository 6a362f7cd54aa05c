import type { capacityMethods } from '../../../shared/api/capacity';
import type { StationContext } from '../base/context';
import { awaiting, type HandlersFor } from '../base/handlers';
import { newId } from '../base/ids';
import { acceptCapacityTransfers, applyCapacityAllocation, capacitySharesOfDay, releaseCapacity, splitAllocation, stationCapacityView, type AllocationResult } from './capacity';
import { ensureSession, sessionsOfDay, setCentreDay } from './calendar';

/** What a rebalance did, as centre sync reports it. */
export interface RebalanceOutcome {
  plan: { stations: string[]; notConnected: string[]; transfers: number; tasks: number } | null;
  released: number;
  received: number;
}

/** Rebalancing talks to the other stations through centre sync, which the station wires in. */
export interface CapacityOptions {
  rebalance(weights: Record<string, number> | undefined): Promise<RebalanceOutcome>;
}

function summary(r: AllocationResult) {
  return { allocationId: r.allocationId, alreadyApplied: r.alreadyApplied, sessionsCreated: r.sessionsCreated, appliedUnits: r.appliedUnits, unchangedUnits: r.unchangedUnits, conflicts: r.conflicts.length };
}

/** The handlers of capacity.* methods: sessions, open days, shares, transfers and rebalancing. */
export function capacityHandlers(ctx: StationContext, options: CapacityOptions): HandlersFor<typeof capacityMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'capacity.shares': (a) => capacitySharesOfDay(db, a.date),
    'capacity.split': (a) => {
      const settings = ctx.settings.get();
      const allocation = splitAllocation(db, {
        centreId: settings.centreId,
        sessionIds: sessionsOfDay(db, a.date).map((s) => s.id),
        stationIds: a.stationIds,
        ...(a.weights ? { weights: a.weights } : {}),
        source: 'supervisor',
        id: newId(),
        now: now(),
      });
      return { allocation, summary: summary(applyCapacityAllocation(db, allocation, now())) };
    },
    'capacity.addSession': (a) => {
      const settings = ctx.settings.get();
      const def = { date: a.date, productCode: a.productCode, start: a.start, end: a.end, slotMinutes: a.slotMinutes, capacityPerSlot: a.capacityPerSlot };
      const sessionId = db.transaction(() => ensureSession(db, settings.centreId, def, 'supervisor', now()).sessionId).immediate();
      const allocation = splitAllocation(db, { centreId: settings.centreId, sessionIds: [sessionId], stationIds: a.stationIds, ...(a.weights ? { weights: a.weights } : {}), source: 'supervisor', id: newId(), now: now(), sessions: [{ ...def, id: sessionId }] });
      return { sessionId, allocation, summary: summary(applyCapacityAllocation(db, allocation, now())) };
    },
    'capacity.setDayOpen': (a) => {
      setCentreDay(db, a.date, a.open, a.note ?? null, now());
      return { date: a.date, open: a.open };
    },
    'capacity.view': (a) => stationCapacityView(db, stationId(), { from: a.from, to: a.to }),
    'capacity.release': (a) => releaseCapacity(db, stationId(), a.transfers, now()),
    'capacity.accept': (a) => acceptCapacityTransfers(db, stationId(), a.records, now()),
    'capacity.rebalance': awaiting(async (a) => {
      const r = await options.rebalance(a.weights);
      return {
        stations: r.plan?.stations ?? [],
        notConnected: r.plan?.notConnected ?? [],
        transfers: r.plan?.transfers ?? 0,
        requests: r.plan?.tasks ?? 0,
        released: r.released,
        received: r.received,
      };
    }),
  };
}
