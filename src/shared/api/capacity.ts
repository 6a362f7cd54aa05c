import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, IsoDay, LocalTime, ProductCode, StationId } from './common';
import { S, only, staff } from '../access';
import { Weekday } from './centre';

/**
 * The centre's calendar and how its places are shared: sessions, open days, the units each
 * station owns, transfers between stations and rebalancing.
 */
export const SessionShareView = z.object({
  sessionId: Id,
  date: IsoDay,
  productCode: ProductCode,
  start: LocalTime,
  end: LocalTime,
  slots: z.number().int(),
  capacity: z.number().int(),
  stations: z.array(z.object({ stationId: z.string(), units: z.number().int(), booked: z.number().int(), free: z.number().int() })),
  unallocated: z.number().int(),
});

export const TransferRecord = z.object({
  id: Id,
  slotId: Id,
  unit: z.number().int().min(0),
  from: StationId,
  to: StationId,
  epoch: z.number().int().min(1),
  releasedAt: Instant,
});

export const StationCapacityView = z.object({
  stationId: StationId,
  slots: z.array(z.object({ slotId: Id, owned: z.array(z.number().int()), booked: z.array(z.number().int()) })),
});

export const AllocationSummary = z.object({
  allocationId: z.string(),
  alreadyApplied: z.boolean(),
  sessionsCreated: z.number().int(),
  appliedUnits: z.number().int(),
  unchangedUnits: z.number().int(),
  conflicts: z.number().int(),
});

/** A session as the calendar screen lists it: its figures, how many people are booked in it, and whether its day is open. */
export const SessionOverview = z.object({
  sessionId: Id,
  date: IsoDay,
  productCode: ProductCode,
  start: LocalTime,
  end: LocalTime,
  slotMinutes: z.number().int(),
  capacityPerSlot: z.number().int(),
  slots: z.number().int(),
  status: z.enum(['open', 'cancelled']),
  booked: z.number().int(),
  dayOpen: z.boolean(),
  /** Booths (booths × people per booth = places per slot); null: not set. */
  booths: z.number().int().nullable(),
});
export type SessionOverview = z.infer<typeof SessionOverview>;

/** A session's figures without its date (a weekly pattern repeats them). */
const SessionFigures = z
  .object({
    productCode: ProductCode,
    start: LocalTime,
    end: LocalTime,
    slotMinutes: z.number().int().min(5).max(120),
    capacityPerSlot: z.number().int().min(1).max(500),
  })
  .strict();

export const capacityMethods = {
  /** Per session of a day: units each station owns, booked and free (as this station knows). */
  'capacity.shares': defineMethod(z.object({ date: IsoDay }).strict(), z.array(SessionShareView), only([S])),
  /** Supervisor: splits the not-yet-owned capacity of a day between stations (weights optional). */
  'capacity.split': defineMethod(
    z.object({ date: IsoDay, stationIds: z.array(StationId).min(1).max(100), weights: z.record(z.string(), z.number().min(0)).optional() }).strict(),
    z.object({ allocation: z.unknown(), summary: AllocationSummary }),
    only([S], false, 'admin'),
  ),
  /** Supervisor: adds a session of a product and splits its capacity between stations. */
  'capacity.addSession': defineMethod(
    z
      .object({
        date: IsoDay,
        productCode: ProductCode,
        start: LocalTime,
        end: LocalTime,
        slotMinutes: z.number().int().min(1).max(240),
        capacityPerSlot: z.number().int().min(0).max(1000),
        stationIds: z.array(StationId).min(1).max(100),
        weights: z.record(z.string(), z.number().min(0)).optional(),
      })
      .strict(),
    z.object({ sessionId: Id, allocation: z.unknown(), summary: AllocationSummary }),
    only([S], false, 'admin'),
  ),
  /** Closing a day with open appointments is refused (capacity.day_has_bookings): close or change its sessions first. */
  'capacity.setDayOpen': defineMethod(z.object({ date: IsoDay, open: z.boolean(), note: z.string().max(200).nullable().optional() }).strict(), z.object({ date: IsoDay, open: z.boolean() }), only([S], false, 'admin')),
  /** Supervisor: the sessions of a date range (at most 62 days) with their bookings, for the calendar screen. */
  'capacity.sessions': defineMethod(z.object({ from: IsoDay, to: IsoDay }).strict(), z.array(SessionOverview), only([S])),
  /**
   * Supervisor: closes a session. With bookings, `bookings` says what happens to them: `refuse`
   * (capacity.session_has_bookings, with how many people) or `followUp` (each appointment
   * cancelled with reason session-closed, through the outbox, and the person put on the
   * follow-up list, booking.toBeBooked). Never a silent drop.
   */
  'capacity.closeSession': defineMethod(
    z.object({ sessionId: Id, bookings: z.enum(['refuse', 'followUp']) }).strict(),
    z.object({ sessionId: Id, affected: z.number().int(), moved: z.number().int() }),
    only([S], 'correct'),
  ),
  /**
   * Supervisor: a session's new end or places per slot (its start and slot length name its slots
   * and stay). Appointments that no longer fit (a slot dropped, a place above the new number) are
   * refused or moved to the follow-up list as with closeSession; new places go to `stationIds`.
   */
  'capacity.changeSession': defineMethod(
    z
      .object({
        sessionId: Id,
        end: LocalTime,
        capacityPerSlot: z.number().int().min(1).max(500),
        bookings: z.enum(['refuse', 'followUp']),
        stationIds: z.array(StationId).min(1).max(100),
      })
      .strict(),
    z.object({ sessionId: Id, affected: z.number().int(), moved: z.number().int(), slots: z.number().int() }),
    only([S], 'correct'),
  ),
  /**
   * Supervisor: a session's booths (1 to 100, null: not set). Places per slot stay as they are and
   * must be a multiple of the booths (capacity.booths_capacity).
   */
  'capacity.setSessionBooths': defineMethod(
    z.object({ sessionId: Id, booths: z.number().int().min(1).max(100).nullable() }).strict(),
    z.object({ sessionId: Id, booths: z.number().int().nullable() }),
    only([S], false, 'admin'),
  ),
  /** Supervisor: the same sessions on the chosen weekdays of a date range (at most 366 days), skipping closed days. */
  'capacity.applyPattern': defineMethod(
    z
      .object({ from: IsoDay, to: IsoDay, weekdays: z.array(Weekday).min(1).max(7), sessions: z.array(SessionFigures).min(1).max(20), stationIds: z.array(StationId).min(1).max(100) })
      .strict(),
    z.object({ days: z.number().int(), sessions: z.number().int(), unchanged: z.number().int(), closedDays: z.number().int() }),
    only([S], false, 'admin'),
  ),
  /** Rebalancing between connected stations: this station's own capacity view... */
  'capacity.view': defineMethod(z.object({ from: IsoDay, to: IsoDay }).strict(), StationCapacityView, staff()),
  /** ...phase one on the giver: releases free units (committed before it answers)... */
  'capacity.release': defineMethod(
    z.object({ transfers: z.array(z.object({ slotId: Id, unit: z.number().int().min(0), from: StationId, to: StationId }).strict()).max(10000) }).strict(),
    z.array(TransferRecord),
    only([S], false, 'admin'),
  ),
  /** ...phase two on the receiver (idempotent). */
  'capacity.accept': defineMethod(
    z.object({ records: z.array(TransferRecord).max(10000) }).strict(),
    z.object({ accepted: z.number().int(), observed: z.number().int(), duplicates: z.number().int(), unknownSlot: z.number().int(), refused: z.number().int() }),
    only([S], false, 'admin'),
  ),
  /**
   * Supervisor: rebalances free capacity between the stations connected to the federal backend,
   * from the views they published there (transfer requests the givers answer at their next round).
   */
  'capacity.rebalance': defineMethod(
    z.object({ weights: z.record(z.string(), z.number().min(0)).optional() }).strict(),
    z.object({
      /** Stations connected now, whose free capacity was shared. */
      stations: z.array(z.string()),
      /** Stations known at the backend but not connected now (nothing moves to or from them). */
      notConnected: z.array(z.string()),
      /** Units requested to move, and the requests (one per giver and receiver) made. */
      transfers: z.number().int(),
      requests: z.number().int(),
      /** What this station's own round did meanwhile. */
      released: z.number().int(),
      received: z.number().int(),
    }),
    only([S], false, 'admin'),
  ),
};
