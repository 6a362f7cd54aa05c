import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, IsoDay, LocalTime, ProductCode, Reason, Ssin } from './common';
import { VialView } from './vials';
import { C, V, S, only, staff } from '../access';
import { Language } from '../i18n/languages';

/**
 * Recording doses and booking the next one, on the station itself. Dates are local Brussels days
 * (YYYY-MM-DD), times local HH:mm, instants ISO strings (UTC). Errors come back with a
 * `booking.*` code and a message in the caller's language.
 */

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



/**
 * Where and how a dose went in, as BeVaccination codes it: `site` from be-vs-vaccination-bodysite
 * (SNOMED CT: 35259002 deltoid muscle, 50092008 muscle of thigh, 102291007 muscle of buttock,
 * 371309009 skin of upper arm, 5742000 skin of forearm, 371305003 skin of thigh;
 * hl7-be/vaccination input/fsh/valuesets/BeVSVaccinationBodySite.fsh), the side as the profile's
 * bodyLaterality, `route` from be-cs-vaccination-administration-route
 * (input/fsh/codesystems/BeCSVaccinationAdministrationRoute.fsh) and the volume in ml.
 */
export const BodySite = z.enum(['35259002', '50092008', '102291007', '371309009', '5742000', '371305003']);
export const BodySide = z.enum(['left', 'right']);
export const AdministrationRoute = z.enum(['IM', 'SC', 'ID']);
export const Administration = z.object({ site: BodySite, side: BodySide, route: AdministrationRoute, doseMl: z.number().positive().max(5).nullable() });
export type Administration = z.infer<typeof Administration>;

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
  /** Site, side, route and volume; null for a dose recorded before they were (or from a card). */
  administration: Administration.nullable(),
  /** A dose after the course of the first dose's product was complete. */
  booster: z.boolean().optional(),
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

export const ToBeBookedReason = z.enum(['no_capacity', 'no_session', 'preference', 'window_passed', 'cancelled', 'noshow']);

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

/** A card printed (or queued) for an appointment: its QR text, short code and print job. */
export const AppointmentCardPrint = z.object({ token: z.string(), shortCode: z.string(), printJobId: z.string().nullable() });

export const AdministerArgs = z
  .object({
    ssin: Ssin,
    /** For a person this station does not know yet (from check-in). */
    person: PersonDetails.nullable().optional(),
    /** From vials.scan or vials.registerLot. */
    lotId: Id,
    vialId: Id.nullable().optional(),
    expectedDoseNumber: z.number().int().min(1).max(9).nullable().optional(),
    /** Defaults to now; an earlier instant re-keys a dose given on paper. */
    administeredAt: Instant.nullable().optional(),
    /** Who gave the dose: the signed-in vaccinator; a screen need not say it (see handlers). */
    vaccinator: Vaccinator.optional(),
    preference: SlotPreference.optional(),
    /** A slot chosen among booking.proposeSlots; otherwise the best one is booked. */
    slotId: Id.nullable().optional(),
    /** The appointment card's QR text, on dose-2 day. */
    cardToken: z.string().max(2048).nullable().optional(),
    /** Print the appointment card (default true). */
    print: z.boolean().optional(),
    /**
     * Hold the card of the booked next appointment until the person agrees to it (then
     * booking.printCard); a slip without an appointment (course complete, to be booked) prints at once.
     */
    holdCard: z.boolean().optional(),
    /** Site, side, route and volume as changed on the confirm step; what is left out takes the product's default. */
    administration: Administration.partial().strict().optional(),
    /** The person had a severe allergic reaction before: the observation after the dose lasts 30 minutes, not 15. */
    allergyHistory: z.boolean().optional(),
    /** The visit this call belongs to (visit.begin): moved in the same transaction as the record. */
    visitId: Id.optional(),
    /**
     * The screening the dose follows (screening.record): it must be this person's, of today, with
     * consent given and the decision "go on"; its allergic-history answer sets the observation.
     */
    screeningId: Id.nullable().optional(),
  })
  .strict();

/**
 * booking.rekey: a dose written on paper during a failure, typed in afterwards. The time given is
 * a Brussels local date and time, not after the station clock and at most REKEY_DAYS_BACK days
 * back; the vaccinator is a staff member with the vaccinator role and a NIHDI number, named by
 * staff number or NIHDI; whoever is signed in is the one who re-keys it.
 */
export const REKEY_DAYS_BACK = 7;
export const RekeyArgs = z
  .object({
    /** As typed or scanned, separators allowed: checked like check-in does (identity.ssin.*). */
    ssin: z.string().trim().min(1).max(30),
    /** The number came from a scanned document rather than the keyboard. */
    scanned: z.boolean().optional(),
    date: IsoDay,
    time: LocalTime,
    /** A lot of this station (vials.list) or typed with its product (vials.registerLot). */
    lotId: Id,
    /** Staff number or NIHDI number of who gave the dose. */
    vaccinator: z.string().trim().min(1).max(40),
    administration: Administration.partial().strict().optional(),
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

/** With a preference that leaves no slot: the parts of the day with a free place in the window, and the first one. */
export const PreferenceGap = z.object({ partsWithFreePlaces: z.array(PartOfDay), firstFree: Instant.nullable() });

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
  /**
   * Per product: this station's bookings (dose 2 booked here), the expected dose-1 visits (from the
   * backend's pulled list and the invitations with a start that day, each person once, with how many
   * each source lists), doses given, people seen but not vaccinated (booking.notGiven), the doses
   * left in open vials (today only) and the vials to prepare:
   * ceil((bookings + expected - given - doses in open vials) / doses per vial).
   */
  products: z.array(
    z.object({
      productCode: ProductCode,
      bookings: z.number().int(),
      expectedDose1: z.number().int(),
      expectedFromBackend: z.number().int(),
      expectedFromInvitations: z.number().int(),
      dosesPerVial: z.number().int(),
      dosesInOpenVials: z.number().int(),
      vialsToPrepare: z.number().int(),
      dosesGiven: z.number().int(),
      notVaccinated: z.number().int(),
      /** Boosters among the doses given (a dose after a complete course). */
      boosters: z.number().int().optional(),
    }),
  ),
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
  /** How to reach the person (from the invitation list), for the follow-up desk. */
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  /** The appointment the person missed or that was cancelled, when that is why they wait. */
  missedAppointment: AppointmentView.nullable(),
});

/** The follow-up desk's filters: a product, and a window that meets [from, to]. */
export const FollowUpFilter = z
  .object({
    productCode: ProductCode.optional(),
    from: IsoDay.optional(),
    to: IsoDay.optional(),
  })
  .strict();






/** booking.notGiven: the visit ends without a dose, for a reason of be-vs-vaccination-status-reason. */
/**
 * The codes of be-vs-vaccination-status-reason as published (hl7-be/vaccination,
 * input/fsh/valuesets/BeVSVaccinationStatusReason.fsh); their code systems are in
 * src/domain/booking/not-given.ts.
 */
export const NotGivenReason = z.enum(['PATOBJ', 'MEDPREC', 'ALLERGY', 'IMMUNE', 'OSTOCK', 'OTHER']);
export const NotGivenArgs = z
  .object({
    ssin: Ssin,
    /** For a person this station does not know yet (from check-in). */
    person: PersonDetails.nullable().optional(),
    reason: NotGivenReason,
    note: z.string().trim().max(500).nullable().optional(),
    /** The vial in hand, if any: the product the dose would have been. */
    productCode: ProductCode.nullable().optional(),
    vaccinator: Vaccinator.optional(),
    /** The visit this call belongs to (visit.begin): moved in the same transaction as the record. */
    visitId: Id.optional(),
  })
  .strict();
export const NotGivenView = z.object({
  id: Id,
  ssin: Ssin,
  productCode: ProductCode,
  productName: z.string(),
  doseNumber: z.number().int(),
  reason: NotGivenReason,
  note: z.string().nullable(),
  decidedAt: Instant,
  /** The person was already recorded as not vaccinated today: nothing new was recorded. */
  alreadyRecorded: z.boolean(),
});

export const bookingMethods = {
  'booking.administer': defineMethod(AdministerArgs, AdministerResult, only([V], 'create')),
  /** A dose written on paper, re-keyed: recorded as booking.administer would, marked re-keyed (audit, federal record). */
  'booking.rekey': defineMethod(RekeyArgs, AdministerResult, only([V, S], 'create')),
  'booking.proposeSlots': defineMethod(
    z.object({ ssin: Ssin, preference: SlotPreference.optional(), limit: z.number().int().min(1).max(50).optional() }).strict(),
    z.object({ productCode: ProductCode, doseNumber: z.number().int(), window: DoseWindow, slots: z.array(ProposedSlot), gap: PreferenceGap.optional() }),
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
    z.object({ appointmentId: Id, slotId: Id.nullable().optional(), preference: SlotPreference.optional(), reason: Reason, print: z.boolean().optional(), visitId: Id.optional() }).strict(),
    z.object({ cancelled: AppointmentView, next: NextView }).extend(NewAppointmentCard.shape),
    only([C, V, S], 'correct'),
  ),
  'booking.cancel': defineMethod(z.object({ appointmentId: Id, reason: Reason }).strict(), AppointmentView, only([C, V, S], 'correct')),
  /** Prints the card of an appointment again (marked as a copy). */
  'booking.reprintCard': defineMethod(z.object({ appointmentId: Id }).strict(), AppointmentCardPrint, only([C, V, S], 'export')),
  /**
   * Prints the card of an open appointment as an original, once the person agreed to its time (the
   * vaccinator's administer with `holdCard`). The same card prints the same QR, so a second press
   * gives an identical card, never a different one.
   */
  'booking.printCard': defineMethod(z.object({ appointmentId: Id, visitId: Id.optional() }).strict(), AppointmentCardPrint, only([C, V, S], 'export')),
  'booking.correctDose': defineMethod(
    z
      .object({ doseId: Id, lotId: Id.nullable().optional(), administeredAt: Instant.nullable().optional(), vaccinator: Vaccinator.nullable().optional(), reason: Reason, by: CorrectionBy.optional() })
      .strict(),
    DoseView,
    only([V, S], 'correct'),
  ),
  'booking.voidDose': defineMethod(z.object({ doseId: Id, reason: Reason, by: CorrectionBy.optional(), visitId: Id.optional() }).strict(), z.object({ dose: DoseView, cancelledAppointments: z.array(AppointmentView) }), only([V, S], 'correct')),
  /** Ends the visit without a dose, with the reason (synced as an Immunization not-done); books nothing. */
  'booking.notGiven': defineMethod(NotGivenArgs, NotGivenView, only([V], 'create')),
  'booking.dayPlan': defineMethod(z.object({ date: IsoDay.optional() }).strict(), DayPlan, staff()),
  /**
   * Everyone whose next dose is not booked, in the order "book everyone who fits" serves them
   * (window that ends first, first). Appointments whose session has ended become no-shows first.
   */
  'booking.toBeBooked': defineMethod(FollowUpFilter, z.array(BookingRequestView), only([C, V, S], 'read')),
  /**
   * The follow-up desk's "book everyone who fits now": books the list (within the filter) on this
   * station's free capacity, window ending first served first, never overbooking; no card is
   * printed (the people are not at the desk). Check-in and supervisors run the desk; a vaccinator
   * may not (the booth books only the person in front of it).
   */
  'booking.bookAllThatFit': defineMethod(
    FollowUpFilter,
    z.object({ booked: z.number().int(), left: z.number().int(), appointments: z.array(AppointmentView) }),
    only([C, S], 'create'),
  ),
  /** The appointments of a day with who they are for: the day plan's list, to move or cancel one. */
  'booking.dayAppointments': defineMethod(
    z.object({ date: IsoDay }).strict(),
    z.array(z.object({ appointment: AppointmentView, person: PersonView.nullable() })),
    only([C, S], 'read'),
  ),
  /** Supervisor, at day close: every appointment of that day (or before) neither fulfilled nor cancelled becomes a no-show. */
  'booking.closeDay': defineMethod(z.object({ date: IsoDay.optional() }).strict(), z.object({ date: IsoDay, noShows: z.number().int() }), only([S], 'correct')),
};
