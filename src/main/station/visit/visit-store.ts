/** SQL of the vaccinator's visits: the only place that touches the visits table. */
import type { Db } from '../../adapters/sqlite/database';
import type { VisitStep } from '../../../shared/api/visit';
import type { Language } from '../../../shared/i18n/languages';

export interface VisitRow {
  id: string;
  station_id: string;
  ssin: string;
  staff_name: string;
  step: VisitStep;
  language: Language;
  card_token: string | null;
  lot_id: string | null;
  vial_id: string | null;
  screening_id: string | null;
  dose_id: string | null;
  not_given_id: string | null;
  card_appointment_id: string | null;
  card_held: 0 | 1;
  card_print_job_id: string | null;
  observation_id: string | null;
  local_date: string;
  started_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** What a call may change on a visit (column name -> value); `updated_at` and `staff_name` are always set. */
export type VisitPatch = Partial<Pick<VisitRow, 'step' | 'language' | 'lot_id' | 'vial_id' | 'screening_id' | 'dose_id' | 'not_given_id' | 'card_appointment_id' | 'card_held' | 'card_print_job_id' | 'observation_id'>>;

const PATCHABLE: readonly (keyof VisitPatch)[] = ['step', 'language', 'lot_id', 'vial_id', 'screening_id', 'dose_id', 'not_given_id', 'card_appointment_id', 'card_held', 'card_print_job_id', 'observation_id'];

export function insertVisit(db: Db, v: { id: string; stationId: string; ssin: string; staffName: string; step: VisitStep; language: Language; cardToken: string | null; localDate: string; at: string }): void {
  db.prepare(
    `INSERT INTO visits (id, station_id, ssin, staff_name, step, language, card_token, local_date, started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.id, v.stationId, v.ssin, v.staffName, v.step, v.language, v.cardToken, v.localDate, v.at, v.at);
}

export function findVisit(db: Db, id: string): VisitRow | null {
  return (db.prepare('SELECT * FROM visits WHERE id = ?').get(id) as VisitRow | undefined) ?? null;
}

/** The station's open visit (at most one: a unique index). */
export function openVisitOf(db: Db, stationId: string): VisitRow | null {
  return (db.prepare('SELECT * FROM visits WHERE station_id = ? AND closed_at IS NULL').get(stationId) as VisitRow | undefined) ?? null;
}

export function updateVisit(db: Db, id: string, patch: VisitPatch, staffName: string, at: string): void {
  const keys = PATCHABLE.filter((k) => k in patch);
  const sets = [...keys.map((k) => `${k} = ?`), 'staff_name = ?', 'updated_at = ?'].join(', ');
  db.prepare(`UPDATE visits SET ${sets} WHERE id = ?`).run(...keys.map((k) => patch[k] ?? null), staffName, at, id);
}

/** Closes a visit; false when it was closed already. */
export function closeVisitRow(db: Db, id: string, at: string): boolean {
  return db.prepare('UPDATE visits SET closed_at = ?, updated_at = ? WHERE id = ? AND closed_at IS NULL').run(at, at, id).changes > 0;
}

/** Visits of a station on a local day, newest first. */
export function visitsOfDay(db: Db, stationId: string, localDate: string, limit: number): VisitRow[] {
  return db.prepare('SELECT * FROM visits WHERE station_id = ? AND local_date = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(stationId, localDate, limit) as VisitRow[];
}

/** The visit that recorded a dose (an undo or a reprint from the recent list finds it by the dose). */
export function visitOfDose(db: Db, doseId: string): VisitRow | null {
  return (db.prepare('SELECT * FROM visits WHERE dose_id = ? ORDER BY started_at DESC LIMIT 1').get(doseId) as VisitRow | undefined) ?? null;
}

/** The visit whose card is for this appointment. */
export function visitOfCard(db: Db, appointmentId: string): VisitRow | null {
  return (db.prepare('SELECT * FROM visits WHERE card_appointment_id = ? ORDER BY started_at DESC LIMIT 1').get(appointmentId) as VisitRow | undefined) ?? null;
}
