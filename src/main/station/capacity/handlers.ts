import type { capacityMethods } from '../../../shared/api/capacity';
import type { StationContext } from '../base/context';
import { awaiting, type HandlersFor } from '../base/handlers';
import { newId } from '../base/ids';
import { acceptCapacityTransfers, applyCapacityAllocation, capacitySharesOfDay, releaseCapacity, splitAllocation, stationCapacityView, type AllocationResult } from './capacity';
import { ensureSession, planSessionChange, sessionsOfDay, setCentreDay } from './calendar';
import { changeSessionMovingBookings, closeSessionMovingBookings, publishSessionChange } from './session-changes';
import { bookedAppointmentIdsOfSession, bookedCountOnDay, centreDayOpen, findSession, sessionOverviewRows, setSessionBooths } from './calendar-store';
import { addDays, daysBetween, weekdayOf } from '../../../domain/time/local-time';
import { DoseDeskError } from '../../../shared/errors';
import type { Weekday } from '../../../shared/api/centre';
import { actorLabel } from '../base/handlers';

/** What a rebalance did, as centre sync reports it. */
export interface RebalanceOutcome {
  plan: { stations: string[]; notConnected: string[]; transfers: number; tasks: number } | null;
  released: number;
  received: number;
}

/** Rebalancing talks to the other stations through centre sync, which the station wires in. */
export interface CapacityOptions {
  rebalance(weights: Record<string, number> | undefined): Promise<RebalanceOutcome>;
  /**
   * Booking's use case for an appointment whose session closed: cancelled with the reason, through
   * the outbox, and the person on the follow-up list. Wired by the station root (no slice imports another's).
   */
  cancelToFollowUp(appointmentId: string, reason: string, by: string): void;
}

const MAX_LIST_DAYS = 62;
const MAX_PATTERN_DAYS = 366;
const WEEKDAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

/** The dates from..to (inclusive), refused when reversed or longer than `max` days. */
function datesOf(from: string, to: string, max: number): string[] {
  const span = daysBetween(from, to);
  if (span < 0 || span >= max) throw new DoseDeskError('capacity.range_invalid', { from, to, max });
  return Array.from({ length: span + 1 }, (_, i) => addDays(from, i));
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
      // Closing a day people are booked on would leave them an appointment at a closed centre.
      const booked = a.open ? 0 : bookedCountOnDay(db, a.date);
      if (booked > 0) throw new DoseDeskError('capacity.day_has_bookings', { count: booked, date: a.date });
      setCentreDay(db, a.date, a.open, a.note ?? null, now());
      return { date: a.date, open: a.open };
    },
    'capacity.sessions': (a) => {
      datesOf(a.from, a.to, MAX_LIST_DAYS);
      return sessionOverviewRows(db, a.from, a.to).map((r) => ({
        sessionId: r.id,
        date: r.date,
        productCode: r.product_code,
        start: r.start_local,
        end: r.end_local,
        slotMinutes: r.slot_minutes,
        capacityPerSlot: r.capacity_per_slot,
        slots: r.slots,
        status: r.status,
        booked: r.booked,
        dayOpen: r.day_open === 1,
        booths: r.booths ?? null,
      }));
    },
    'capacity.setSessionBooths': (a, call) => {
      const session = findSession(db, a.sessionId);
      if (!session) throw new DoseDeskError('capacity.session_unknown', { session: a.sessionId });
      if (a.booths !== null && session.capacity_per_slot % a.booths !== 0) throw new DoseDeskError('capacity.booths_capacity', { capacity: session.capacity_per_slot, booths: a.booths });
      db.transaction(() => {
        setSessionBooths(db, a.sessionId, a.booths);
        call.work?.note(`session:${a.sessionId}`);
      }).immediate();
      return { sessionId: a.sessionId, booths: a.booths };
    },
    'capacity.closeSession': (a, call) => {
      const session = findSession(db, a.sessionId);
      if (!session) throw new DoseDeskError('capacity.session_unknown', { session: a.sessionId });
      const booked = bookedAppointmentIdsOfSession(db, a.sessionId);
      if (booked.length > 0 && a.bookings === 'refuse') throw new DoseDeskError('capacity.session_has_bookings', { count: booked.length, date: session.date, start: session.start_local });
      return db.transaction(() => {
        const moved = closeSessionMovingBookings(db, a.sessionId, (id) => options.cancelToFollowUp(id, 'session-closed', actorLabel(call)));
        // The centre's other stations close it too (and move their own bookings) when they pull.
        publishSessionChange(db, ctx.settings.get().centreId, a.sessionId, now());
        call.work?.note(`session:${a.sessionId}`);
        return { sessionId: a.sessionId, affected: moved, moved };
      })();
    },
    'capacity.changeSession': (a, call) => {
      const change = { end: a.end, capacityPerSlot: a.capacityPerSlot };
      const planned = planSessionChange(db, a.sessionId, change);
      if (planned.affected.length > 0 && a.bookings === 'refuse') {
        throw new DoseDeskError('capacity.session_has_bookings', { count: planned.affected.length, date: planned.session.date, start: planned.session.start_local });
      }
      return db.transaction(() => {
        const plan = changeSessionMovingBookings(db, a.sessionId, change, (id) => options.cancelToFollowUp(id, 'session-changed', actorLabel(call)));
        const { session, affected } = plan;
        // The places nobody owns yet (new slots, more places per slot) go to the chosen stations.
        const settings = ctx.settings.get();
        const allocation = splitAllocation(db, { centreId: settings.centreId, sessionIds: [session.id], stationIds: a.stationIds, source: 'supervisor', id: newId(), now: now() });
        if (allocation.shares.length > 0) applyCapacityAllocation(db, allocation, now());
        publishSessionChange(db, settings.centreId, session.id, now());
        call.work?.note(`session:${session.id}`);
        return { sessionId: session.id, affected: affected.length, moved: affected.length, slots: plan.keep.length };
      })();
    },
    'capacity.applyPattern': (a) => {
      const settings = ctx.settings.get();
      const wanted = new Set(a.weekdays.map((d) => WEEKDAY_NUMBER[d]));
      const dates = datesOf(a.from, a.to, MAX_PATTERN_DAYS).filter((d) => wanted.has(weekdayOf(d)));
      const result = { days: 0, sessions: 0, unchanged: 0, closedDays: 0 };
      db.transaction(() => {
        for (const date of dates) {
          // A closed day or holiday stays closed: the pattern does not open it.
          if (centreDayOpen(db, date) === false) {
            result.closedDays++;
            continue;
          }
          const defs = a.sessions.map((f) => ({ date, ...f }));
          const ensured = defs.map((def) => ({ def, ...ensureSession(db, settings.centreId, def, 'supervisor', now()) }));
          const created = ensured.filter((e) => e.created);
          result.days++;
          result.sessions += created.length;
          result.unchanged += ensured.length - created.length;
          if (created.length === 0) continue;
          const allocation = splitAllocation(db, {
            centreId: settings.centreId,
            sessionIds: created.map((e) => e.sessionId),
            stationIds: a.stationIds,
            source: 'supervisor',
            id: newId(),
            now: now(),
            sessions: created.map((e) => ({ ...e.def, id: e.sessionId })),
          });
          applyCapacityAllocation(db, allocation, now());
        }
      })();
      return result;
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
