import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, IsoDay, ProductCode, Reason, Ssin } from './common';
import { V, S, only, staff, writing } from '../access';

/** Lots (from a vial's GS1 DataMatrix or typed) and the vials this station punctured. */
export const LotView = z.object({
  lotId: Id,
  productCode: ProductCode,
  productName: z.string(),
  gtin: z.string().nullable(),
  lot: z.string(),
  expiry: IsoDay,
  dosesPerVial: z.number().int(),
});

/** Why a vial was closed with doses left (counted by reason in the end-of-day report). */
export const VialWasteReason = z.enum(['expired_after_puncture', 'contaminated', 'end_of_session', 'other']);

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
  /** Closed with doses left: why, and how many doses were thrown away (null otherwise). */
  wasteReason: VialWasteReason.nullable(),
  dosesWasted: z.number().int().nullable(),
});

export const vialsMethods = {
  /** A vial's GS1 DataMatrix -> product, lot, expiry; refuses an unknown product or an expired lot. */
  'vials.scan': defineMethod(z.object({ text: z.string().min(1).max(4096) }).strict(), LotView, writing(only([V, S]))),
  /** A lot typed by hand (vial without a 2D code). */
  'vials.registerLot': defineMethod(z.object({ productCode: ProductCode, lot: z.string().trim().min(1).max(20), expiry: IsoDay }).strict(), LotView, writing(only([V, S]))),
  'vials.open': defineMethod(z.object({ lotId: Id, doses: z.number().int().min(1).max(30).optional(), openedBy: z.string().min(1).max(200).optional() }).strict(), VialView, writing(only([V, S]))),
  /**
   * The vaccinator scanned a vial: its lot (recorded or refused as by booking.scanVial), then this
   * station's usable open vial of that lot, or a new one opened by the signed-in vaccinator.
   * With `ssin`, the person's eligibility for the vial's product is checked first: a refusal
   * (vials.not_invited, vials.too_early, …) opens nothing.
   */
  'vials.use': defineMethod(
    z
      .object({
        text: z.string().min(1).max(4096),
        openedBy: z.string().min(1).max(200).optional(),
        ssin: Ssin.optional(),
        /** The person's appointment card, when they came with one: its earlier dose counts even if this station never saw it. */
        cardToken: z.string().max(2048).nullable().optional(),
        /** The visit (visit.begin): its vial is set in the same transaction. */
        visitId: Id.optional(),
        /** The person's "go on" screening (screening.record): checked, with `ssin`, before any vial is opened. */
        screeningId: Id.nullable().optional(),
      })
      .strict(),
    z.object({ lot: LotView, vial: VialView, opened: z.boolean() }),
    // Audited: with a national number it reads the person's invitation and doses.
    writing(only([V, S], 'read')),
  ),
  'vials.list': defineMethod(z.object({ allStations: z.boolean().optional() }).strict(), z.array(VialView), staff()),
  /**
   * Closes an open vial. With doses left a reason is required (vials.reason_required), and a note
   * for 'other' (vials.note_required); the doses left are recorded as wasted. Audited: doses thrown away.
   */
  'vials.close': defineMethod(z.object({ vialId: Id, reason: VialWasteReason.optional(), note: Reason.optional() }).strict(), VialView, writing(only([V, S], false, 'admin'))),
};
