import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, NoArgs, ProductCode, Reason, Ssin } from './common';
import { S, V, only } from '../access';
import { MANIFESTATION_KEYS, REACTION_ACTIONS, SEVERITY_KEYS } from '../../domain/observation/manifestations';

/** A reaction seen during the observation; a wrong one stays, voided with a reason. */
export const ReactionView = z.object({
  id: Id,
  at: Instant,
  manifestation: z.enum(MANIFESTATION_KEYS),
  /** What staff wrote (required for "other"). */
  text: z.string(),
  severity: z.enum(SEVERITY_KEYS),
  action: z.enum(REACTION_ACTIONS),
  note: z.string().nullable(),
  recordedBy: z.string(),
  status: z.enum(['recorded', 'voided']),
  voidReason: z.string().nullable(),
});

/** A person watched after a dose, timed by the station clock. */
export const ObservationView = z.object({
  id: Id,
  doseId: Id,
  ssin: Ssin,
  displayName: z.string(),
  productCode: ProductCode,
  startedAt: Instant,
  endsAt: Instant,
  minutes: z.number().int().positive(),
  allergyHistory: z.boolean(),
  /** Whole minutes left, rounded up; 0 once the time is up. */
  minutesLeft: z.number().int().min(0),
  overdue: z.boolean(),
  released: z.object({ at: Instant, by: z.string(), reason: z.string().nullable() }).nullable(),
  reactions: z.array(ReactionView),
});

export const ReactionArgs = z
  .object({
    observationId: Id,
    /** When the reaction began; defaults to now. */
    at: Instant.optional(),
    manifestation: z.enum(MANIFESTATION_KEYS),
    text: z.string().trim().max(200).optional(),
    severity: z.enum(SEVERITY_KEYS),
    action: z.enum(REACTION_ACTIONS),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export const observationMethods = {
  /** People under observation at this station now, overdue first, then by end. */
  'observation.list': defineMethod(NoArgs, z.object({ now: Instant, people: z.array(ObservationView) }), only([V, S], 'read')),
  /** The observation after one dose (released or not). */
  'observation.ofDose': defineMethod(z.object({ doseId: Id }).strict(), ObservationView, only([V, S], 'read')),
  /** Sets the allergic-history answer: 30 minutes instead of 15 (or back). */
  'observation.setAllergyHistory': defineMethod(z.object({ id: Id, allergyHistory: z.boolean() }).strict(), ObservationView, only([V, S], 'correct')),
  /** Lets the person go; before the end of the time a reason is required. */
  'observation.release': defineMethod(z.object({ id: Id, reason: Reason.optional() }).strict(), ObservationView, only([V, S], 'correct')),
  /** Records a reaction: kept here and sent in the dose's Immunization (`reaction`). */
  'observation.reaction': defineMethod(ReactionArgs, ObservationView, only([V, S], 'create')),
  /** Voids a reaction recorded by mistake (kept, with the reason); the Immunization is sent again without it. */
  'observation.voidReaction': defineMethod(z.object({ reactionId: Id, reason: Reason }).strict(), ObservationView, only([V, S], 'correct')),
};
