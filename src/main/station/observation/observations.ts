import type { z } from 'zod';
import type { ObservationView, ReactionArgs } from '../../../shared/api/observation';
import { DoseDeskError } from '../../../shared/errors';
import type { DoseReaction } from '../../../domain/records';
import { manifestationCoding, manifestationText, needsText, type Manifestation } from '../../../domain/observation/manifestations';
import { observationMinutes, observationTiming } from '../../../domain/observation/period';
import { localDateOf } from '../../../domain/time/local-time';
import type { Db } from '../../adapters/sqlite/database';
import { isoSeconds, newId } from '../base/ids';
import {
  findObservation,
  findReaction,
  insertObservation,
  insertReaction,
  observationOfDose,
  openObservations,
  reactionsOf,
  releaseObservation,
  setObservationLength,
  voidReactionRow,
  type ObservationRow,
} from './observation-store';
import { observationView } from './views';

type View = z.infer<typeof ObservationView>;

/** What the observation needs from the dose record: to send its Immunization again with the reactions. */
export interface ObservationDeps {
  sendReactions(doseId: string, reactions: DoseReaction[], now: Date): void;
}

/** Starts the watch after a dose given now (called in the dose's transaction). A second call for the same dose changes nothing. */
export function startObservation(
  db: Db,
  dose: { doseId: string; ssin: string; displayName: string; productCode: string; at: Date; allergyHistory: boolean },
  stationId: string,
): void {
  if (observationOfDose(db, dose.doseId)) return;
  insertObservation(db, {
    id: newId(),
    doseId: dose.doseId,
    ssin: dose.ssin,
    displayName: dose.displayName,
    productCode: dose.productCode,
    stationId,
    startedAt: isoSeconds(dose.at.toISOString()),
    localDate: localDateOf(dose.at),
    allergyHistory: dose.allergyHistory,
    minutes: observationMinutes({ allergyHistory: dose.allergyHistory }),
  });
}

function observationOf(db: Db, id: string): ObservationRow {
  const row = findObservation(db, id);
  if (!row) throw new DoseDeskError('observation.unknown', { id });
  return row;
}

function viewOf(db: Db, row: ObservationRow, now: Date): View {
  return observationView(row, reactionsOf(db, row.id), now);
}

/** People watched at this station now: overdue first (longest overdue first), then the earliest end. */
export function listObservations(db: Db, stationId: string, now: Date): { now: string; people: View[] } {
  const people = openObservations(db, stationId).map((row) => viewOf(db, row, now));
  people.sort((a, b) => a.endsAt.localeCompare(b.endsAt) || a.id.localeCompare(b.id));
  return { now: now.toISOString(), people };
}

export function observationOfDoseView(db: Db, doseId: string, now: Date): View {
  const row = observationOfDose(db, doseId);
  if (!row) throw new DoseDeskError('observation.none_for_dose', { dose: doseId });
  return viewOf(db, row, now);
}

export function setAllergyHistory(db: Db, id: string, allergyHistory: boolean, now: Date): View {
  const row = observationOf(db, id);
  if (row.released_at) throw new DoseDeskError('observation.released', { name: row.display_name });
  setObservationLength(db, id, allergyHistory, observationMinutes({ allergyHistory }), now.toISOString());
  return viewOf(db, observationOf(db, id), now);
}

/** Lets the person go. Before the end of the time a reason is required (left against advice, taken to hospital). */
export function release(db: Db, id: string, by: string, reason: string | null, now: Date): View {
  const row = observationOf(db, id);
  if (row.released_at) throw new DoseDeskError('observation.released', { name: row.display_name });
  const timing = observationTiming(row.started_at, row.minutes, now);
  if (!timing.overdue && !reason) throw new DoseDeskError('observation.release_reason_required', { minutes: timing.minutesLeft });
  releaseObservation(db, id, by, reason, now.toISOString());
  return viewOf(db, observationOf(db, id), now);
}

/** The reactions an Immunization carries: those not voided. */
function reactionsToSend(db: Db, observationId: string): DoseReaction[] {
  return reactionsOf(db, observationId)
    .filter((r) => r.status === 'recorded')
    .map((r) => ({ id: r.id, at: r.at, manifestation: manifestationCoding(r.manifestation as Manifestation), text: manifestationText(r.manifestation as Manifestation, r.text), severity: r.severity, action: r.action, note: r.note }));
}

/**
 * Records a reaction and sends the dose's Immunization again with it, in one transaction (the
 * dispatcher's): the reaction and its outbox row commit together or not at all.
 */
export function recordReaction(db: Db, deps: ObservationDeps, input: z.output<typeof ReactionArgs>, by: string, now: Date): View {
  const row = observationOf(db, input.observationId);
  const text = input.text?.trim() ?? '';
  if (needsText(input.manifestation) && !text) throw new DoseDeskError('observation.reaction_text_required');
  const at = isoSeconds(input.at ?? now.toISOString());
  if (Date.parse(at) > now.getTime()) throw new DoseDeskError('observation.reaction_in_future');
  if (Date.parse(at) < Date.parse(row.started_at)) throw new DoseDeskError('observation.reaction_before_dose');
  insertReaction(db, {
    id: newId(),
    observationId: row.id,
    doseId: row.dose_id,
    at,
    localDate: localDateOf(at),
    manifestation: input.manifestation,
    text,
    severity: input.severity,
    action: input.action,
    note: input.note?.trim() || null,
    recordedBy: by,
    recordedAt: now.toISOString(),
  });
  deps.sendReactions(row.dose_id, reactionsToSend(db, row.id), now);
  return viewOf(db, row, now);
}

/** Voids a reaction recorded by mistake; the Immunization is sent again without it. */
export function voidReaction(db: Db, deps: ObservationDeps, reactionId: string, reason: string, by: string, now: Date): View {
  const reaction = findReaction(db, reactionId);
  if (!reaction) throw new DoseDeskError('observation.reaction_unknown', { id: reactionId });
  if (!voidReactionRow(db, reactionId, reason, by, now.toISOString())) throw new DoseDeskError('observation.reaction_voided');
  deps.sendReactions(reaction.dose_id, reactionsToSend(db, reaction.observation_id), now);
  return viewOf(db, observationOf(db, reaction.observation_id), now);
}
