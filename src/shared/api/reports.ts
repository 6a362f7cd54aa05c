import * as z from 'zod';
import { VialWasteReason } from './vials';
import { defineMethod } from '../define';
import { Instant, IsoDay } from './common';
import { S, only, open } from '../access';
import { Language } from '../i18n/languages';

/**
 * The supervisor's end-of-day report (on screen, as CSV and as PDF) and the demo guide the first
 * screen shows in the demo centre. Labels of the report are `reports.*` keys in the reports catalog.
 */
const Count = z.number().int().nonnegative();

export const ReportFormat = z.enum(['json', 'csv', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** Where a record made here stands with the federal backend. */
export const ReconciliationState = z.enum(['at_backend', 'waiting', 'needs_review', 'dismissed', 'not_queued']);
export type ReconciliationState = z.infer<typeof ReconciliationState>;

/**
 * The day's reconciliation: the doses given here and the not-given records, and of those how many
 * the backend acknowledged, how many wait in the outbox (not sent yet or retrying) and how many are in
 * review (refused or disputed, or dismissed from review). `balanced` when every record is in one of
 * the three and none is in review; else `explained`, with each record not at the backend listed.
 */
export const DayReconciliation = z.object({
  date: IsoDay,
  stationId: z.string(),
  dosesGiven: Count,
  notGiven: Count,
  /** dosesGiven + notGiven. */
  records: Count,
  atBackend: Count,
  waiting: Count,
  inReview: Count,
  /** Records with no outbox row at all (never queued): each one is a difference. */
  notQueued: Count,
  verdict: z.enum(['balanced', 'explained']),
  /**
   * This station's appointments last changed that day (a move is a cancellation and a new booking),
   * by status and by where they stand with the backend. Outside the verdict: an appointment waits
   * behind its person's dose.
   */
  appointments: z.object({ booked: Count, cancelled: Count, noShow: Count, fulfilled: Count, atBackend: Count, waiting: Count, inReview: Count }),
  differences: z.array(
    z.object({
      type: z.enum(['dose', 'not-given']),
      recordId: z.string(),
      ssin: z.string(),
      personName: z.string().nullable(),
      at: Instant,
      productCode: z.string(),
      doseNumber: z.number().int(),
      state: ReconciliationState,
      /** The backend's reason or the last sending error, as sync recorded it. */
      reason: z.string().nullable(),
    }),
  ),
});
export type DayReconciliation = z.infer<typeof DayReconciliation>;

export const EndOfDayReport = z.object({
  date: IsoDay,
  generatedAt: Instant,
  stationId: z.string(),
  centreId: z.string(),
  centreName: z.string(),
  doses: z.object({
    /** Completed doses given that day (as this station knows them: its own and those synced in). */
    total: Count,
    /** Doses of that day later voided (entered in error). */
    voided: Count,
    /** Boosters among the completed doses (a dose after a complete course). */
    boosters: Count.optional(),
    byProduct: z.array(
      z.object({
        productCode: z.string(),
        productName: z.string(),
        byDoseNumber: z.array(z.object({ doseNumber: z.number().int(), count: Count })),
        total: Count,
      }),
    ),
    byVaccinator: z.array(z.object({ nihdi: z.string(), name: z.string(), count: Count })),
    byStation: z.array(z.object({ stationId: z.string(), count: Count })),
  }),
  /** People the vaccinator saw and did not vaccinate that day, with the reason (booking.notGiven). */
  notVaccinated: z.object({ total: Count, byReason: z.array(z.object({ reason: z.string(), count: Count })) }),
  /** Reactions seen during the observation after doses that day, not voided (observation.reaction), by severity and manifestation. */
  reactions: z.object({
    total: Count,
    bySeverity: z.array(z.object({ severity: z.enum(['mild', 'moderate', 'severe']), count: Count })),
    byManifestation: z.array(z.object({ manifestation: z.string(), count: Count })),
  }),
  /** Arrivals confirmed at this station's check-in desk that day (src/main/station/checkin). */
  arrivals: z.object({
    /** People checked in (each counted once). */
    checkedIn: Count,
    /** Confirmations beyond a person's first of the day. */
    repeated: Count,
    /** People checked in for whom no dose of that day is known here: left, or vaccinated elsewhere and not synced yet. */
    withoutDose: Count,
  }),
  appointments: z.object({
    /** Appointments for that day. */
    due: Count,
    fulfilled: Count,
    /** Still booked (not come, so far). */
    open: Count,
    cancelled: Count,
    noShow: Count,
    /** Next-dose appointments booked that day, for later days. */
    bookedForLater: Count,
    /** People whose next dose could not be booked that day and who wait to be contacted. */
    toBeBooked: Count,
  }),
  vials: z.object({
    opened: Count,
    finished: Count,
    discarded: Count,
    stillOpen: Count,
    dosesDrawn: Count,
    /** Doses left in vials discarded that day or still open: lost unless someone from standby comes. */
    dosesLeft: Count,
    /** Doses thrown away with vials closed that day, by the reason given when closing. */
    wasted: z.object({ total: Count, byReason: z.array(z.object({ reason: VialWasteReason, count: Count })) }),
  }),
  standby: z.object({ waiting: Count, called: Count, vaccinated: Count }),
  printing: z.object({ printed: Count, copies: Count, uncertain: Count, failed: Count, waiting: Count }),
  sync: z.object({ waiting: Count, oldestWaitingAt: Instant.nullable(), needsReview: Count }),
  /** The day's records made here against the outbox (reports.reconciliation). */
  reconciliation: DayReconciliation,
});
export type EndOfDayReport = z.infer<typeof EndOfDayReport>;

export const ReportFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes in base64 (the screen offers it for download). */
  base64: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

/** Fictitious people, staff and vials of the demo centre, so a newcomer can try every flow by hand. */
export const DemoGuide = z.object({
  demo: z.boolean(),
  pin: z.string().nullable(),
  staff: z.array(z.object({ displayName: z.string(), login: z.string(), roles: z.array(z.string()) })),
  citizens: z.array(
    z.object({
      ssin: z.string(),
      formatted: z.string(),
      name: z.string(),
      language: Language,
      eligible: z.array(z.string()),
      /** A first dose given this many days before the centre was seeded. */
      firstDose: z.object({ productCode: z.string(), daysAgo: z.number().int() }).nullable(),
    }),
  ),
  vials: z.array(z.object({ productCode: z.string(), productName: z.string(), lot: z.string(), expiry: IsoDay, gs1: z.string() })),
});
export type DemoGuide = z.infer<typeof DemoGuide>;

export const reportsMethods = {
  /** The end-of-day report of a local day (default today); csv and pdf come back as a file too. */
  'reports.endOfDay': defineMethod(
    z.object({ date: IsoDay.optional(), format: ReportFormat }).strict(),
    z.object({ report: EndOfDayReport, file: ReportFile.nullable() }),
    only([S]),
  ),
  /** The day's reconciliation (default today): given here = at the backend + waiting + in review, or each difference. */
  'reports.reconciliation': defineMethod(z.object({ date: IsoDay.optional() }).strict(), DayReconciliation, only([S])),
  /** In the demo centre only: its fictitious staff, citizens and vial codes (empty lists elsewhere). */
  'reports.demoGuide': defineMethod(z.object({}).strict(), DemoGuide, open()),
};
