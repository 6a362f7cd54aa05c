import type { z } from 'zod';
import type { AdministerResult, AppointmentView, DoseView, NotGivenView, PersonView } from '../../../shared/api/booking';
import type { LotView, VialView } from '../../../shared/api/vials';
import type { RecentVisit, VisitView } from '../../../shared/api/visit';
import type { Language } from '../../../shared/i18n/languages';
import { DoseDeskError } from '../../../shared/errors';
import { localDateOf } from '../../../domain/time/local-time';
import type { Db } from '../../adapters/sqlite/database';
import { newId } from '../base/ids';
import { closeVisitRow, findVisit, insertVisit, openVisitOf, updateVisit, visitsOfDay, type VisitPatch, type VisitRow } from './visit-store';

/**
 * What a visit reads from the other slices' records (wired by the station root, so this slice
 * imports none of them): a visit keeps ids, and shows the records as they stand now.
 */
export interface VisitDeps {
  person(ssin: string): PersonView | null;
  lot(lotId: string): z.infer<typeof LotView> | null;
  vial(vialId: string, now: Date): z.infer<typeof VialView> | null;
  doseResult(doseId: string, printJobId: string | null, now: Date): AdministerResult | null;
  dose(doseId: string): DoseView | null;
  notGiven(id: string): z.infer<typeof NotGivenView> | null;
  appointment(id: string): AppointmentView | null;
}

/** Who moved the visit last, and where. */
export interface VisitActor {
  stationId: string;
  staffName: string;
  now: Date;
}

/** A visit of this station; another station's id is unknown here. */
export function visitOf(db: Db, id: string, stationId: string): VisitRow {
  const row = findVisit(db, id);
  if (!row || row.station_id !== stationId) throw new DoseDeskError('visit.unknown', { id });
  return row;
}

/** A visit still open, for the person a call is about. */
export function openVisitFor(db: Db, id: string, stationId: string, ssin: string | null): VisitRow {
  const row = visitOf(db, id, stationId);
  if (row.closed_at) throw new DoseDeskError('visit.closed');
  if (ssin !== null && row.ssin !== ssin) throw new DoseDeskError('visit.other_person');
  return row;
}

export function moveVisit(db: Db, row: VisitRow, patch: VisitPatch, actor: VisitActor): void {
  updateVisit(db, row.id, patch, actor.staffName, actor.now.toISOString());
}

/** A person found: the booth's previous visit, if still open, is closed, and theirs begins. */
export function beginVisit(db: Db, actor: VisitActor, input: { ssin: string; cardToken: string | null; language: Language; mayVaccinate: boolean }): VisitRow {
  const at = actor.now.toISOString();
  const open = openVisitOf(db, actor.stationId);
  if (open) closeVisitRow(db, open.id, at);
  const id = newId();
  insertVisit(db, {
    id,
    stationId: actor.stationId,
    ssin: input.ssin,
    staffName: actor.staffName,
    // The check-in answer said whether this person can be vaccinated now: choose a vial, or stay on the person.
    // A person who may be vaccinated is screened first (screening.record moves the visit to the vial).
    step: input.mayVaccinate ? 'screening' : 'person',
    language: input.language,
    cardToken: input.cardToken,
    localDate: localDateOf(actor.now),
    at,
  });
  return findVisit(db, id)!;
}

export function closeVisit(db: Db, row: VisitRow, now: Date): { id: string; closedAt: string } {
  if (!row.closed_at) closeVisitRow(db, row.id, now.toISOString());
  return { id: row.id, closedAt: findVisit(db, row.id)!.closed_at! };
}

export function currentVisit(db: Db, stationId: string): VisitRow | null {
  return openVisitOf(db, stationId);
}

/** The visit with its records read again, as the screen resumes it. */
export function visitView(row: VisitRow, deps: VisitDeps, now: Date): VisitView {
  const lot = row.lot_id ? deps.lot(row.lot_id) : null;
  return {
    id: row.id,
    step: row.step,
    language: row.language,
    ssin: row.ssin,
    person: deps.person(row.ssin),
    cardToken: row.card_token,
    vaccine: lot ? { lot, vial: row.vial_id ? deps.vial(row.vial_id, now) : null } : null,
    dose: row.dose_id ? deps.doseResult(row.dose_id, row.card_print_job_id, now) : null,
    notGiven: row.not_given_id ? deps.notGiven(row.not_given_id) : null,
    card: row.card_appointment_id ? { appointmentId: row.card_appointment_id, held: row.card_held === 1, printJobId: row.card_print_job_id } : null,
    observationId: row.observation_id,
    screeningId: row.screening_id,
    staffName: row.staff_name,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

function cardState(row: VisitRow, appointment: AppointmentView | null): z.infer<typeof RecentVisit>['cardState'] {
  if (!row.card_appointment_id) return 'none';
  if (appointment && appointment.status === 'cancelled') return 'void';
  return row.card_held === 1 ? 'held' : 'printed';
}

/** The station's visits of the day (the station clock's Brussels day), newest first. */
export function recentVisits(db: Db, deps: VisitDeps, stationId: string, now: Date, limit: number): z.infer<typeof RecentVisit>[] {
  return visitsOfDay(db, stationId, localDateOf(now), limit).map((row) => {
    const person = deps.person(row.ssin);
    const dose = row.dose_id ? deps.dose(row.dose_id) : null;
    const notGiven = row.not_given_id ? deps.notGiven(row.not_given_id) : null;
    const appointment = row.card_appointment_id ? deps.appointment(row.card_appointment_id) : null;
    return {
      id: row.id,
      ssin: row.ssin,
      name: person ? `${person.givenNames} ${person.familyName}`.trim() : '',
      startedAt: row.started_at,
      step: row.step,
      closed: row.closed_at !== null,
      dose: dose ? { id: dose.id, doseNumber: dose.doseNumber, productName: dose.productName, administeredAt: dose.administeredAt, status: dose.status } : null,
      notGiven: notGiven ? { id: notGiven.id, reason: notGiven.reason } : null,
      appointment,
      cardState: cardState(row, appointment),
      productCode: dose?.productCode ?? notGiven?.productCode ?? null,
    };
  });
}
