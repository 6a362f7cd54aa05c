import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, IsoDay, ProductCode, Ssin } from './common';
import { C, V, S, only } from '../access';
import { Language } from '../i18n/languages';
import { AppointmentView, BookingRequestView, DoseView, PersonView } from './booking';

/**
 * Check-in: who is this, and what does THIS station know about them. Refusals of the scan itself
 * come back as errors with an `identity.*` code (or `booking.card_*` for a forged card).
 */

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
  /** The card is void as far as this station knows: its appointment replaced or cancelled, or its dose undone. Take it back. */
  void: z.enum(['replaced', 'dose_voided']).nullable(),
});

export const CheckinSource = z.enum(['scanner', 'typed', 'chip', 'mrz']);

/** Identity as read from the eID chip by the card reader; `text` then carries the national number. */
export const ChipIdentity = z
  .object({
    familyName: z.string().max(200),
    givenNames: z.string().max(200),
    birthDate: IsoDay.nullable(),
    sex: z.enum(['M', 'F']).nullable(),
    validityEnd: IsoDay.nullable(),
    /** identity.warning codes reported by the chip reader (e.g. eid.sex_mismatch). */
    warnings: z.array(z.string().max(60)).max(20).optional(),
  })
  .strict();

export const CheckinWarning = z.object({
  code: z.string(),
  /** i18n key of the message, e.g. `checkin.warning.expired_card` or `identity.warning.mrz.expired`. */
  key: z.string(),
});

export const CheckinResult = z.object({
  source: CheckinSource,
  /**
   * What the text was: a national number, an MRZ, an invitation code, an appointment card (its QR),
   * the card's short code typed in (XXXX-XXXX, found only when this station knows the booking), or chip data.
   */
  kind: z.enum(['ssin', 'mrz', 'invitation', 'card', 'short_code', 'chip']),
  person: z
    .object({
      ssin: Ssin,
      familyName: z.string(),
      givenNames: z.string(),
      birthDate: IsoDay.nullable(),
      sex: z.enum(['M', 'F']).nullable(),
      language: Language,
    })
    .nullable(),
  /** The station already has this person on record. */
  known: z.boolean(),
  warnings: z.array(CheckinWarning),
  invitation: z.object({ code: z.string(), eligibleProducts: z.array(z.string()) }).nullable(),
  doses: z.array(DoseView),
  appointment: AppointmentView.nullable(),
  toBeBooked: BookingRequestView.nullable(),
  /** The dose this person would receive now; null when the course is complete. */
  nextDoseNumber: z.number().int().nullable(),
  /** Earliest day for the next dose, when a minimum interval applies. */
  earliestNextDose: IsoDay.nullable(),
  courseComplete: z.boolean(),
  /** A verified appointment card, when one was scanned. */
  card: VerifiedCard.nullable(),
  /** Whether a dose can be recorded for them here now, and of which products (the vaccinator's steps). */
  vaccination: z.object({ allowed: z.boolean(), blockedBy: z.array(z.string()), namesNeeded: z.boolean(), products: z.array(z.string()) }),
});
export type CheckinResult = z.infer<typeof CheckinResult>;

/**
 * The answer of checkin.scan and checkin.lookup: what check-in found (CheckinResult, built by
 * src/main/station/booking/checkin.ts) and whether this station already confirmed the person's
 * arrival today (src/main/station/checkin).
 */
export const CheckinAnswer = CheckinResult.extend({
  /** When this station last confirmed the person's arrival today (Brussels day); null: not yet. */
  checkedInAt: Instant.nullable(),
});
export type CheckinAnswer = z.infer<typeof CheckinAnswer>;

/** checkin.confirm: staff confirm that the person arrived; recorded with who, where and when. */
export const CheckinConfirmArgs = z
  .object({
    ssin: Ssin,
    /** How the person was identified (the scan's source). */
    source: CheckinSource,
    /** The invitation the person showed, when there was one. */
    invitationCode: z.string().trim().min(1).max(512).optional(),
    /** Codes of the warnings the desk saw and went on anyway (e.g. expired_card). */
    warningsAcknowledged: z.array(z.string().min(1).max(80)).max(40),
  })
  .strict();

export const checkinMethods = {
  /** Checks an appointment card's QR (forged or altered -> booking.card_forged). */
  'checkin.verifyCard': defineMethod(z.object({ text: z.string().min(1).max(2048) }).strict(), VerifiedCard, only([C, V, S], 'read')),
  'checkin.scan': defineMethod(
    z
      .object({
        text: z.string().min(1).max(4096),
        source: CheckinSource,
        chip: ChipIdentity.optional(),
        /** The citizen's language, when staff know it (defaults to the station's language). */
        language: Language.optional(),
      })
      .strict(),
    CheckinAnswer,
    only([C, V, S], 'read'),
  ),
  'checkin.lookup': defineMethod(z.object({ ssin: z.string().min(11).max(20) }).strict(), CheckinAnswer, only([C, V, S], 'read')),
  /** Records the arrival (append-only); a second confirmation the same day is a second arrival. */
  'checkin.confirm': defineMethod(CheckinConfirmArgs, z.object({ id: z.uuid(), at: Instant }), only([C, S], 'create')),
};
