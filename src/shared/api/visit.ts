import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, NoArgs, ProductCode, Ssin } from './common';
import { AdministerResult, AppointmentView, NotGivenView, PersonView } from './booking';
import { LotView, VialView } from './vials';
import { S, V, only, writing } from '../access';
import { Language } from '../i18n/languages';

/**
 * The vaccinator's visit as the station keeps it (issue 16): one open visit per station (its booth),
 * whoever is signed in there, so a reload, a crashed window or a staff switch comes back to the same
 * step. The records it points at (dose, not-given, card) are written by their own calls, which take
 * an optional `visitId` and move the visit in the same transaction.
 */
export const VISIT_STEPS = ['person', 'screening', 'vial', 'confirm', 'done', 'not_given'] as const;
export const VisitStep = z.enum(VISIT_STEPS);
export type VisitStep = z.infer<typeof VisitStep>;

/** The vaccine in hand: the lot, and the open vial drawn from. */
export const VisitVaccine = z.object({ lot: LotView, vial: VialView.nullable() });

/** The next appointment's card: which appointment, whether it waits for the person's agreement, its print job. */
export const VisitCard = z.object({ appointmentId: Id, held: z.boolean(), printJobId: z.string().nullable() });

/** Everything the vaccinator screen needs to come back to the same step. */
export const VisitView = z.object({
  id: Id,
  step: VisitStep,
  language: Language,
  ssin: Ssin,
  /** The person as the station knows them now (re-read, not a copy); null before their first record here. */
  person: PersonView.nullable(),
  /** The appointment card scanned to find the person, read again on resume. */
  cardToken: z.string().nullable(),
  vaccine: VisitVaccine.nullable(),
  /** The dose and the next-dose proposal, as booking.administer answered (undo seconds counted from the dose time). */
  dose: AdministerResult.nullable(),
  notGiven: NotGivenView.nullable(),
  card: VisitCard.nullable(),
  observationId: Id.nullable(),
  screeningId: Id.nullable(),
  staffName: z.string(),
  startedAt: Instant,
  updatedAt: Instant,
  closedAt: Instant.nullable(),
});
export type VisitView = z.infer<typeof VisitView>;

/** A line of the station's recent visits of the day. */
export const RecentVisit = z.object({
  id: Id,
  ssin: Ssin,
  name: z.string(),
  startedAt: Instant,
  step: VisitStep,
  closed: z.boolean(),
  dose: z.object({ id: Id, doseNumber: z.number().int(), productName: z.string(), administeredAt: Instant, status: z.enum(['completed', 'entered-in-error']) }).nullable(),
  notGiven: z.object({ id: Id, reason: NotGivenView.shape.reason }).nullable(),
  appointment: AppointmentView.nullable(),
  /** none: no card; held: waits for agreement; printed: handed out; void: its appointment was cancelled (take it back). */
  cardState: z.enum(['none', 'held', 'printed', 'void']),
  productCode: ProductCode.nullable(),
});

export const visitMethods = {
  /** A person found at the booth: closes the station's open visit, if any, and opens theirs at the person step. */
  'visit.begin': defineMethod(
    z.object({ ssin: Ssin, cardToken: z.string().max(2048).nullable().optional(), language: Language, mayVaccinate: z.boolean() }).strict(),
    VisitView,
    writing(only([V], 'read')),
  ),
  /** The station's open visit, whichever vaccinator is signed in (a staff switch resumes it); null when none. */
  'visit.current': defineMethod(NoArgs, VisitView.nullable(), only([V], 'read')),
  /** The screen language changed during the visit: a reload comes back in it. */
  'visit.setLanguage': defineMethod(z.object({ visitId: Id, language: Language }).strict(), VisitView, writing(only([V]))),
  /** "Another vial": the vial in hand is put down, the visit goes back to the vial step. */
  'visit.dropVial': defineMethod(z.object({ visitId: Id }).strict(), VisitView, writing(only([V], 'read'))),
  /** "Next person" (or cancel): closes the visit. Closing a closed visit changes nothing. */
  'visit.close': defineMethod(z.object({ visitId: Id }).strict(), z.object({ id: Id, closedAt: Instant }), writing(only([V]))),
  /** This station's visits of the day, newest first, with their dose or not-given and card. */
  'visit.recent': defineMethod(z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(), z.array(RecentVisit), only([V, S], 'read')),
};
