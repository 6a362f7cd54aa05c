import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, ProductCode, Ssin } from './common';
import { PersonDetails, NotGivenView } from './booking';
import { S, V, only } from '../access';
import { CONSENT_KINDS, SCREENING_DECISIONS } from '../../domain/screening/decision';

const QuestionText = z.string().trim().min(3).max(300);

/** A screening question as the supervisor wrote it, in the four languages of the station. */
export const QuestionInput = z
  .object({
    /** null or left out: asked before every product. */
    productCode: ProductCode.nullable().optional(),
    /** Questions are asked in increasing order. */
    position: z.number().int().min(0).max(10_000),
    text: z.object({ nl: QuestionText, fr: QuestionText, de: QuestionText, en: QuestionText }).strict(),
    /** A "yes" needs the vaccinator's decision (go on, postpone, do not vaccinate). */
    yesNeedsDecision: z.boolean(),
    /** The allergic-history question: a "yes" makes the observation after the dose 30 minutes. */
    allergy: z.boolean(),
  })
  .strict();

export const QuestionView = z.object({
  id: Id,
  /** The same for every version of one question. */
  family: z.string(),
  version: z.number().int().positive(),
  productCode: ProductCode.nullable(),
  position: z.number().int(),
  text: z.object({ nl: z.string(), fr: z.string(), de: z.string(), en: z.string() }),
  yesNeedsDecision: z.boolean(),
  allergy: z.boolean(),
  status: z.enum(['active', 'retired']),
  createdAt: z.string(),
  createdBy: z.string(),
  retiredAt: z.string().nullable(),
});
export type QuestionView = z.infer<typeof QuestionView>;

export const Consent = z.discriminatedUnion('by', [
  z.object({ by: z.literal('person') }).strict(),
  z.object({ by: z.literal('representative'), name: z.string().trim().min(2).max(200) }).strict(),
  z.object({ by: z.literal('refused') }).strict(),
]);

export const RecordScreeningArgs = z
  .object({
    ssin: Ssin,
    /** For a person this station does not know yet (from check-in): used when the visit ends without a dose. */
    person: PersonDetails.nullable().optional(),
    /** The vaccine planned at this booth, for a person with neither an invitation nor a course here. */
    productCode: ProductCode.nullable().optional(),
    answers: z.array(z.object({ questionId: Id, answer: z.boolean() }).strict()).max(100),
    consent: Consent,
    /** Required when a "yes" calls for a decision; optional otherwise (a vaccinator may always postpone). */
    decision: z.enum(SCREENING_DECISIONS).nullable().optional(),
    note: z.string().trim().max(500).nullable().optional(),
    /** The visit (visit.begin): moved to the vial, or ended as not vaccinated, in the same transaction. */
    visitId: Id.optional(),
  })
  .strict();

export const ScreeningView = z.object({
  id: Id,
  ssin: Ssin,
  productCodes: z.array(ProductCode),
  recordedAt: Instant,
  consent: z.enum(CONSENT_KINDS),
  representativeName: z.string().nullable(),
  decision: z.enum([...SCREENING_DECISIONS, 'refused']),
  allergyHistory: z.boolean(),
  answers: z.array(z.object({ questionId: Id, answer: z.boolean() })),
  /** The "not vaccinated" record this screening ended the visit with; null when the visit goes on to the vial. */
  notGiven: NotGivenView.nullable(),
});
export type ScreeningView = z.infer<typeof ScreeningView>;

export const screeningMethods = {
  /** Every question, active ones first by position; retired versions too when asked. */
  'screening.list': defineMethod(z.object({ includeRetired: z.boolean().optional() }).strict(), z.array(QuestionView), only([V, S])),
  /**
   * The questions to ask this person: those of the person's product(s) (course, else invitation;
   * else the booth's `productCode`) and the general ones.
   */
  'screening.questionsFor': defineMethod(z.object({ ssin: Ssin, productCode: ProductCode.nullable().optional() }).strict(), z.object({ productCodes: z.array(ProductCode), questions: z.array(QuestionView) }), only([V, S], 'read')),
  'screening.add': defineMethod(QuestionInput, QuestionView, only([S], false, 'admin')),
  /** A change is a new version: the old one is retired (answers keep pointing at the version asked). */
  'screening.change': defineMethod(QuestionInput.extend({ id: Id }).strict(), QuestionView, only([S], false, 'admin')),
  'screening.retire': defineMethod(z.object({ id: Id }).strict(), QuestionView, only([S], false, 'admin')),
  /**
   * The answers, the consent and the decision before the vial. A refusal, a postponement or "do
   * not vaccinate" ends the visit as not vaccinated (booking.notGiven's record) in the same transaction.
   */
  'screening.record': defineMethod(RecordScreeningArgs, ScreeningView, only([V], 'create')),
};
