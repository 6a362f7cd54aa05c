/** SQL of the observations after a dose and the reactions seen in them: the only place that touches these tables. */
import type { Db } from '../../adapters/sqlite/database';

export interface ObservationRow {
  id: string;
  dose_id: string;
  ssin: string;
  display_name: string;
  product_code: string;
  station_id: string;
  started_at: string;
  local_date: string;
  allergy_history: 0 | 1;
  minutes: number;
  released_at: string | null;
  released_by: string | null;
  release_reason: string | null;
  updated_at: string;
}

export interface ReactionRow {
  id: string;
  observation_id: string;
  dose_id: string;
  at: string;
  local_date: string;
  manifestation: string;
  text: string;
  severity: 'mild' | 'moderate' | 'severe';
  action: string;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
  status: 'recorded' | 'voided';
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
}

export function insertObservation(
  db: Db,
  o: { id: string; doseId: string; ssin: string; displayName: string; productCode: string; stationId: string; startedAt: string; localDate: string; allergyHistory: boolean; minutes: number },
): void {
  db.prepare(
    `INSERT INTO observations (id, dose_id, ssin, display_name, product_code, station_id, started_at, local_date, allergy_history, minutes, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(o.id, o.doseId, o.ssin, o.displayName, o.productCode, o.stationId, o.startedAt, o.localDate, o.allergyHistory ? 1 : 0, o.minutes, o.startedAt);
}

export function findObservation(db: Db, id: string): ObservationRow | undefined {
  return db.prepare('SELECT * FROM observations WHERE id = ?').get(id) as ObservationRow | undefined;
}

export function observationOfDose(db: Db, doseId: string): ObservationRow | undefined {
  return db.prepare('SELECT * FROM observations WHERE dose_id = ?').get(doseId) as ObservationRow | undefined;
}

/** Observations at a station not released yet. */
export function openObservations(db: Db, stationId: string): ObservationRow[] {
  return db.prepare('SELECT * FROM observations WHERE station_id = ? AND released_at IS NULL ORDER BY started_at, id').all(stationId) as ObservationRow[];
}

export function setObservationLength(db: Db, id: string, allergyHistory: boolean, minutes: number, at: string): void {
  db.prepare('UPDATE observations SET allergy_history = ?, minutes = ?, updated_at = ? WHERE id = ?').run(allergyHistory ? 1 : 0, minutes, at, id);
}

/** Releases an observation still open; false when it was released already. */
export function releaseObservation(db: Db, id: string, by: string, reason: string | null, at: string): boolean {
  return db.prepare('UPDATE observations SET released_at = ?, released_by = ?, release_reason = ?, updated_at = ? WHERE id = ? AND released_at IS NULL').run(at, by, reason, at, id).changes > 0;
}

export function insertReaction(
  db: Db,
  r: { id: string; observationId: string; doseId: string; at: string; localDate: string; manifestation: string; text: string; severity: ReactionRow['severity']; action: string; note: string | null; recordedBy: string; recordedAt: string },
): void {
  db.prepare(
    `INSERT INTO observation_reactions (id, observation_id, dose_id, at, local_date, manifestation, text, severity, action, note, recorded_by, recorded_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'recorded')`,
  ).run(r.id, r.observationId, r.doseId, r.at, r.localDate, r.manifestation, r.text, r.severity, r.action, r.note, r.recordedBy, r.recordedAt);
}

export function findReaction(db: Db, id: string): ReactionRow | undefined {
  return db.prepare('SELECT * FROM observation_reactions WHERE id = ?').get(id) as ReactionRow | undefined;
}

/** Every reaction of an observation, voided ones too, in the order they happened. */
export function reactionsOf(db: Db, observationId: string): ReactionRow[] {
  return db.prepare('SELECT * FROM observation_reactions WHERE observation_id = ? ORDER BY at, recorded_at, rowid').all(observationId) as ReactionRow[];
}

/** Voids a recorded reaction; false when it was voided already. */
export function voidReactionRow(db: Db, id: string, reason: string, by: string, at: string): boolean {
  return db.prepare(`UPDATE observation_reactions SET status = 'voided', void_reason = ?, voided_by = ?, voided_at = ? WHERE id = ? AND status = 'recorded'`).run(reason, by, at, id).changes > 0;
}

/** Reactions of a local day (not voided), by severity, for the end-of-day report. */
export function reactionsOfDay(db: Db, date: string): { severity: ReactionRow['severity']; manifestation: string; n: number }[] {
  return db
    .prepare(`SELECT severity, manifestation, COUNT(*) AS n FROM observation_reactions WHERE local_date = ? AND status = 'recorded' GROUP BY severity, manifestation ORDER BY severity, manifestation`)
    .all(date) as { severity: ReactionRow['severity']; manifestation: string; n: number }[];
}
