import { z } from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, IsoDay, LocalTime, ProductCode, Ssin, StationId } from './common';
import { C, V, S, only, staff, writing } from '../access';
import { Language } from '../i18n/languages';

/**
 * Recording doses and booking the next one, on the station itself. Dates are local Brussels days
 * (YYYY-MM-DD), times local HH:mm, instants ISO strings (UTC). Errors come back with a
 * `booking.*` code and a message in the caller's language.
 */
const Reason = z.string().trim().min(3).max(500);

export const PartOfDay = z.enum(['morning', 'afternoon', 'evening']);
export const SlotPreference = z
  .object({
    /** Parts of the day the citizen can come (empty: any). Morning < 12:00, afternoon < 17:00, evening after. */
    partsOfDay: z.array(PartOfDay).max(3).optional(),
    /** The citizen cannot come before this day. */
    notBefore: IsoDay.nullable().optional(),
  })
  .strict();
export type SlotPreference = z.infer<typeof SlotPreference>;

export const Vaccinator = z.object({ nihdi: z.string().trim().min(1).max(20), name: z.string().trim().min(1).max(200) }).strict();
export const CorrectionBy = Vaccinator.extend({ role: z.enum(['vaccinator', 'supervisor']) }).strict();

export const PersonDetails = z
  .object({
    familyName: z.string().trim().min(1).max(200),
    givenNames: z.string().trim().max(200),
    birthDate: IsoDay.nullable(),
    sex: z.enum(['M', 'F']).nullable(),
    language: Language,
  })
  .strict();

export const PersonView = z.object({
  ssin: Ssin,
  familyName: z.string(),
  givenNames: z.string(),
  birthDate: IsoDay.nullable(),
  sex: z.enum(['M', 'F']).nullable(),
  language: Language,
});
export type PersonView = z.infer<typeof PersonView>;

export const ProductView = z.object({
  code: ProductCode,
  name: z.string(),
  dosesInCourse: z.number().int(),
  interval: z.object({ minDays: z.number().int(), targetDays: z.number().int(), maxDays: z.number().int() }).nullable(),
  dosesPerVial: z.number().int(),
  usableHoursAfterPuncture: z.number(),
  gtins: z.array(z.string()),
  active: z.boolean(),
  /** Belgian pharmacy code and WHO ATC code, when the centre's product list gave them. */
  cnk: z.string().nullable().optional(),
  atc: z.string().nullable().optional(),
});

export const LotView = z.object({
  lotId: Id,
  productCode: ProductCode,
  productName: z.string(),
  gtin: z.string().nullable(),
  lot: z.string(),
  expiry: IsoDay,
  dosesPerVial: z.number().int(),
});

export const DoseView = z.object({
  id: Id,
  ssin: Ssin,
  doseNumber: z.number().int(),
  dosesInCourse: z.number().int(),
  productCode: ProductCode,
  productName: z.string(),
  gtin: z.string().nullable(),
  lot: z.string(),
  expiry: IsoDay,
  administeredAt: Instant,
  localDate: IsoDay,
  stationId: z.string(),
  vaccinator: z.object({ nihdi: z.string(), name: z.string() }),
  /** station: recorded here; card: taken from an appointment card; sync: learned from elsewhere. */
  origin: z.enum(['station', 'card', 'sync']),
  status: z.enum(['completed', 'entered-in-error']),
  version: z.number().int(),
  vialId: z.string().nullable(),
});
export type DoseView = z.infer<typeof DoseView>;

/** What the federal backend said about a person the station has never seen (sync's last pulled copy). */
export const BackendCopyView = z.object({
  source: z.literal('backend-copy'),
  /** When sync pulled it: the copy is as old as this. */
  pulledAt: Instant,
  remoteId: z.string(),
  /** The appointment is today (the person is expected at the centre today). */
  expectedToday: z.boolean(),
  /** Products the person may receive according to the copy. */
  eligibleProducts: z.array(z.string()),
  eligibility: z.array(z.object({ vaccine: z.string(), forecastStatus: z.string(), doseNumber: z.number().int().nullable(), dueFrom: z.string().nullable() })),
});
export type BackendCopyView = z.infer<typeof BackendCopyView>;

export const AppointmentView = z.object({
  id: Id,
  ssin: Ssin,
  productCode: ProductCode,
  doseNumber: z.number().int(),
  slotId: z.string(),
  start: Instant,
  end: Instant,
  localDate: IsoDay,
  status: z.enum(['booked', 'cancelled', 'fulfilled', 'noshow']),
  stationId: z.string(),
  /** XXXX-XXXX, printed on the card. */
  shortCode: z.string(),
  origin: z.enum(['station', 'card', 'sync']),
  version: z.number().int(),
  previousDoseId: z.string().nullable(),
  /**
   * Set on check-in for a person known only from the backend's list: this appointment is the
   * backend's (origin sync, no slot or short code here), with the eligibility it gave.
   */
  backendCopy: BackendCopyView.optional(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

export const DoseWindow = z.object({ earliestDate: IsoDay, targetDate: IsoDay, latestDate: IsoDay, targetAt: Instant });

export const ToBeBookedReason = z.enum(['no_capacity', 'no_session', 'preference', 'window_passed']);

/** What happens after this dose: a booked appointment (with its signed card), a promise to be contacted, or nothing. */
export const NextView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('booked'),
    appointment: AppointmentView,
    window: DoseWindow,
    /** The card's QR text (src/domain/booking/card-token.ts) and short code; null for an appointment held elsewhere. */
    card: z.object({ token: z.string(), shortCode: z.string() }).nullable(),
  }),
  z.object({
    kind: z.literal('to_be_booked'),
    requestId: Id,
    doseNumber: z.number().int(),
    reason: ToBeBookedReason,
    /** `booking.notice.<reason>`: what to tell the citizen. */
    messageKey: z.string(),
    /** That message in the citizen's language. */
    message: z.string(),
    window: DoseWindow,
  }),
  z.object({ kind: z.literal('none') }),
]);
export type NextView = z.infer<typeof NextView>;

/**
 * booking.book and booking.rebook make a NEW appointment: its card is queued as an original (not a
 * copy) in the same transaction as the booking. booking.reprintCard is for real reprints (copies).
 */
export const NewAppointmentCard = z.object({
  /** The card's print job; null when not printed (print: false, or no print queue on this station). */
  printJobId: z.string().nullable(),
  /** The card's QR text (src/domain/booking/card-token.ts) and short code; null when nothing was booked (to be booked). */
  card: z.object({ token: z.string(), shortCode: z.string() }).nullable(),
});

export const AdministerArgs = z
  .object({
    ssin: Ssin,
    /** For a person this station does not know yet (from check-in). */
    person: PersonDetails.nullable().optional(),
    /** From booking.scanVial or booking.registerLot. */
    lotId: Id,
    vialId: Id.nullable().optional(),
    expectedDoseNumber: z.number().int().min(1).max(9).nullable().optional(),
    /** Defaults to now; an earlier instant re-keys a dose given on paper. */
    administeredAt: Instant.nullable().optional(),
    vaccinator: Vaccinator,
    preference: SlotPreference.optional(),
    /** A slot chosen among booking.proposeSlots; otherwise the best one is booked. */
    slotId: Id.nullable().optional(),
    /** The appointment card's QR text, on dose-2 day. */
    cardToken: z.string().max(2048).nullable().optional(),
    /** Print the appointment card (default true). */
    print: z.boolean().optional(),
  })
  .strict();

export const AdministerResult = z.object({
  person: PersonView,
  dose: DoseView,
  /** True when the person already had a dose today: nothing new was recorded. */
  alreadyRecorded: z.boolean(),
  /** The earlier dose, taken from the card because this station did not know it. */
  importedFromCard: DoseView.nullable(),
  fulfilledAppointmentId: z.string().nullable(),
  courseComplete: z.boolean(),
  next: NextView,
  /** The print job of the appointment card, when printing is available. */
  printJobId: z.string().nullable(),
  /** Seconds the vaccinator may undo this confirmation from the desk (0: nothing new to undo). */
  undoSeconds: z.number().int().min(0),
});
export type AdministerResult = z.infer<typeof AdministerResult>;

export const ProposedSlot = z.object({
  slotId: Id,
  sessionId: Id,
  start: Instant,
  end: Instant,
  localDate: IsoDay,
  partOfDay: PartOfDay,
  /** Free units this station owns in the slot. */
  freeUnits: z.number().int(),
  rank: z.number().int(),
});

export const VerifiedCard = z.object({
  person: PersonView,
  appointment: z.object({ id: Id, slotId: z.string(), start: Instant, doseNumber: z.number().int(), productCode: ProductCode, shortCode: z.string() }),
  previousDose: z.object({
    id: Id,
    doseNumber: z.number().int(),
    productCode: ProductCode,
    gtin: z.string().nullable(),
    lot: z.string(),
    expiry: z.string(),
    administeredAt: Instant,
    stationId: z.string(),
  }),
  /** Whether this station already knew them (false: they come from the card). */
  knownDose: z.boolean(),
  knownAppointmentStatus: z.enum(['booked', 'cancelled', 'fulfilled', 'noshow']).nullable(),
});

export const VialView = z.object({
  id: Id,
  stationId: z.string(),
  productCode: ProductCode,
  lotId: Id,
  lot: z.string(),
  expiry: IsoDay,
  puncturedAt: Instant,
  usableUntil: Instant,
  dosesTotal: z.number().int(),
  dosesUsed: z.number().int(),
  dosesLeft: z.number().int(),
  status: z.enum(['open', 'finished', 'discarded']),
  /** Past its usable time after puncture: discard what is left. */
  expired: z.boolean(),
  /** Open, within its hours after puncture and with doses left: a dose can be drawn from it now. */
  usable: z.boolean(),
});

export const StandbyView = z.object({
  id: Id,
  ssin: Ssin.nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  productCodes: z.array(z.string()),
  note: z.string().nullable(),
  status: z.enum(['waiting', 'called', 'vaccinated', 'removed']),
  addedAt: Instant,
});

export const DayPlanSession = z.object({
  sessionId: Id,
  productCode: ProductCode,
  productName: z.string(),
  start: LocalTime,
  end: LocalTime,
  capacity: z.number().int(),
  /** Appointments this station knows for the session (booked + fulfilled). */
  bookings: z.number().int(),
  fulfilled: z.number().int(),
  dosesPerVial: z.number().int(),
  /** ceil(bookings / doses per vial). */
  vialsToPrepare: z.number().int(),
  /** Doses left in the last vial: call people from the standby list. */
  leftoverDoses: z.number().int(),
});

export const DayPlan = z.object({
  date: IsoDay,
  open: z.boolean(),
  sessions: z.array(DayPlanSession),
  products: z.array(z.object({ productCode: ProductCode, bookings: z.number().int(), vialsToPrepare: z.number().int(), dosesGiven: z.number().int() })),
  openVials: z.array(VialView),
  standbyWaiting: z.number().int(),
  toBeBooked: z.number().int(),
});

export const BookingRequestView = z.object({
  id: Id,
  ssin: Ssin,
  person: PersonView.nullable(),
  productCode: ProductCode,
  doseNumber: z.number().int(),
  earliestDate: IsoDay,
  targetDate: IsoDay,
  latestDate: IsoDay,
  reason: ToBeBookedReason,
  createdAt: Instant,
});

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

const NoArgs = z.object({}).strict();

export const bookingMethods = {
  'booking.products': defineMethod(NoArgs, z.array(ProductView), staff()),
  /** Supervisor: change an interval (e.g. Vaxzevria 84 -> 56 days), vial size or usable hours; history kept. */
  'booking.configureProduct': defineMethod(
    z
      .object({
        code: ProductCode,
        interval: z.object({ minDays: z.number().int().min(1), targetDays: z.number().int().min(1), maxDays: z.number().int().min(1) }).strict().optional(),
        dosesPerVial: z.number().int().min(1).max(30).optional(),
        usableHoursAfterPuncture: z.number().positive().max(72).optional(),
        active: z.boolean().optional(),
        reason: Reason,
        by: z.string().min(1).max(200),
      })
      .strict(),
    ProductView,
    only([S], false, 'admin'),
  ),
  /** A vial's GS1 DataMatrix -> product, lot, expiry; refuses an unknown product or an expired lot. */
  'booking.scanVial': defineMethod(z.object({ text: z.string().min(1).max(4096) }).strict(), LotView, writing(only([V, S]))),
  /** A lot typed by hand (vial without a 2D code). */
  'booking.registerLot': defineMethod(z.object({ productCode: ProductCode, lot: z.string().trim().min(1).max(20), expiry: IsoDay }).strict(), LotView, writing(only([V, S]))),
  'booking.administer': defineMethod(AdministerArgs, AdministerResult, only([V], 'create')),
  /** Checks an appointment card's QR (forged or altered -> booking.card_forged). */
  'booking.verifyCard': defineMethod(z.object({ text: z.string().min(1).max(2048) }).strict(), VerifiedCard, only([C, V, S], 'read')),
  'booking.proposeSlots': defineMethod(
    z.object({ ssin: Ssin, preference: SlotPreference.optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
    z.object({ productCode: ProductCode, doseNumber: z.number().int(), window: DoseWindow, slots: z.array(ProposedSlot) }),
    only([C, V, S], 'read'),
  ),
  /**
   * Books the next dose of someone who has none (to be booked, after a cancellation) and queues
   * the new appointment's card as an original (`print: false` to skip, e.g. booked by phone).
   */
  'booking.book': defineMethod(
    z.object({ ssin: Ssin, slotId: Id.nullable().optional(), preference: SlotPreference.optional(), print: z.boolean().optional() }).strict(),
    z.intersection(NextView, NewAppointmentCard),
    only([C, V, S], 'create'),
  ),
  /** Moves an appointment: the old one cancelled, a new one booked and its card queued as an original. */
  'booking.rebook': defineMethod(
    z.object({ appointmentId: Id, slotId: Id.nullable().optional(), preference: SlotPreference.optional(), reason: Reason, print: z.boolean().optional() }).strict(),
    z.object({ cancelled: AppointmentView, next: NextView }).extend(NewAppointmentCard.shape),
    only([C, V, S], 'correct'),
  ),
  'booking.cancel': defineMethod(z.object({ appointmentId: Id, reason: Reason }).strict(), AppointmentView, only([C, V, S], 'correct')),
  /** Prints the card of an appointment again (marked as a copy). */
  'booking.reprintCard': defineMethod(z.object({ appointmentId: Id }).strict(), z.object({ token: z.string(), shortCode: z.string(), printJobId: z.string().nullable() }), only([C, V, S], 'export')),
  'booking.correctDose': defineMethod(
    z
      .object({ doseId: Id, lotId: Id.nullable().optional(), administeredAt: Instant.nullable().optional(), vaccinator: Vaccinator.nullable().optional(), reason: Reason, by: CorrectionBy })
      .strict(),
    DoseView,
    only([V, S], 'correct'),
  ),
  'booking.voidDose': defineMethod(z.object({ doseId: Id, reason: Reason, by: CorrectionBy }).strict(), z.object({ dose: DoseView, cancelledAppointments: z.array(AppointmentView) }), only([V, S], 'correct')),
  'booking.dayPlan': defineMethod(z.object({ date: IsoDay.optional() }).strict(), DayPlan, staff()),
  'booking.toBeBooked': defineMethod(NoArgs, z.array(BookingRequestView), only([C, V, S], 'read')),
  'booking.openVial': defineMethod(z.object({ lotId: Id, doses: z.number().int().min(1).max(30).optional(), openedBy: z.string().min(1).max(200) }).strict(), VialView, writing(only([V, S]))),
  /**
   * The vaccinator scanned a vial: its lot (recorded or refused as by booking.scanVial), then this
   * station's usable open vial of that lot, or a new one opened by the signed-in vaccinator.
   */
  'booking.useVial': defineMethod(
    z.object({ text: z.string().min(1).max(4096), openedBy: z.string().min(1).max(200).optional() }).strict(),
    z.object({ lot: LotView, vial: VialView, opened: z.boolean() }),
    writing(only([V, S])),
  ),
  'booking.openVials': defineMethod(z.object({ allStations: z.boolean().optional() }).strict(), z.array(VialView), staff()),
  'booking.closeVial': defineMethod(z.object({ vialId: Id, reason: Reason }).strict(), VialView, writing(only([V, S]))),
  'booking.standbyAdd': defineMethod(
    z
      .object({
        ssin: Ssin.nullable().optional(),
        displayName: z.string().trim().min(1).max(200),
        phone: z.string().trim().max(40).nullable().optional(),
        productCodes: z.array(ProductCode).min(1).max(10),
        note: z.string().max(500).nullable().optional(),
      })
      .strict(),
    StandbyView,
    only([C, V, S], 'create'),
  ),
  'booking.standbyList': defineMethod(z.object({ status: z.enum(['waiting', 'called', 'vaccinated', 'removed']).optional() }).strict(), z.array(StandbyView), only([C, V, S], 'read')),
  'booking.standbyUpdate': defineMethod(z.object({ id: Id, status: z.enum(['waiting', 'called', 'vaccinated', 'removed']), reason: z.string().max(500).nullable().optional() }).strict(), StandbyView, only([C, V, S], 'correct')),
  /** Per session of a day: units each station owns, booked and free (as this station knows). */
  'booking.capacityShares': defineMethod(z.object({ date: IsoDay }).strict(), z.array(SessionShareView), only([S])),
  /** Supervisor: splits the not-yet-owned capacity of a day between stations (weights optional). */
  'booking.capacitySplit': defineMethod(
    z.object({ date: IsoDay, stationIds: z.array(StationId).min(1).max(100), weights: z.record(z.string(), z.number().min(0)).optional() }).strict(),
    z.object({ allocation: z.unknown(), summary: AllocationSummary }),
    only([S], false, 'admin'),
  ),
  /** Supervisor: adds a session of a product and splits its capacity between stations. */
  'booking.addSession': defineMethod(
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
  'booking.setDayOpen': defineMethod(z.object({ date: IsoDay, open: z.boolean(), note: z.string().max(200).nullable().optional() }).strict(), z.object({ date: IsoDay, open: z.boolean() }), only([S], false, 'admin')),
  /** Rebalancing between connected stations: this station's own capacity view... */
  'booking.capacityView': defineMethod(z.object({ from: IsoDay, to: IsoDay }).strict(), StationCapacityView, staff()),
  /** ...phase one on the giver: releases free units (committed before it answers)... */
  'booking.capacityRelease': defineMethod(
    z.object({ transfers: z.array(z.object({ slotId: Id, unit: z.number().int().min(0), from: StationId, to: StationId }).strict()).max(10000) }).strict(),
    z.array(TransferRecord),
    only([S], false, 'admin'),
  ),
  /** ...phase two on the receiver (idempotent). */
  'booking.capacityAccept': defineMethod(
    z.object({ records: z.array(TransferRecord).max(10000) }).strict(),
    z.object({ accepted: z.number().int(), observed: z.number().int(), duplicates: z.number().int(), unknownSlot: z.number().int(), refused: z.number().int() }),
    only([S], false, 'admin'),
  ),
  /**
   * Supervisor: rebalances free capacity between the stations connected to the federal backend,
   * from the views they published there (transfer requests the givers answer at their next round).
   */
  'booking.rebalance': defineMethod(
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
