import type { Db } from '../../adapters/sqlite/database';

/** A row of not_given: a person seen by the vaccinator and not vaccinated. */
export interface NotGivenRow {
  id: string;
  citizen_id: string;
  ssin: string;
  product_code: string;
  dose_number: number;
  reason_system: string;
  reason_code: string;
  note: string | null;
  decided_at: string;
  local_date: string;
  recorded_at: string;
  station_id: string;
  centre_id: string;
  vaccinator_nihdi: string;
  vaccinator_name: string;
  status: 'not-done' | 'entered-in-error';
  version: number;
}

export type NewNotGiven = Omit<NotGivenRow, 'status' | 'version'>;

export function insertNotGiven(db: Db, r: NewNotGiven): void {
  db.prepare(
    `INSERT INTO not_given (id, citizen_id, ssin, product_code, dose_number, reason_system, reason_code, note, decided_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, status, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'not-done', 1)`,
  ).run(r.id, r.citizen_id, r.ssin, r.product_code, r.dose_number, r.reason_system, r.reason_code, r.note, r.decided_at, r.local_date, r.recorded_at, r.station_id, r.centre_id, r.vaccinator_nihdi, r.vaccinator_name);
}

export function findNotGiven(db: Db, id: string): NotGivenRow | null {
  return (db.prepare('SELECT * FROM not_given WHERE id = ?').get(id) as NotGivenRow | undefined) ?? null;
}

/** The person's "not vaccinated" of a local day, if any. */
export function notGivenOnDay(db: Db, ssin: string, day: string): NotGivenRow | null {
  return (db.prepare(`SELECT * FROM not_given WHERE ssin = ? AND local_date = ? AND status = 'not-done'`).get(ssin, day) as NotGivenRow | undefined) ?? null;
}

/** People not vaccinated on a day, per product (this station's records and those it learned). */
export function notGivenCountsOfDay(db: Db, day: string, stationId: string | null = null): { product_code: string; n: number }[] {
  return db
    .prepare(`SELECT product_code, COUNT(*) AS n FROM not_given WHERE local_date = ? AND status = 'not-done' AND (? IS NULL OR station_id = ?) GROUP BY product_code ORDER BY product_code`)
    .all(day, stationId, stationId) as { product_code: string; n: number }[];
}

/** People not vaccinated on a day, per reason code. */
export function notGivenByReasonOfDay(db: Db, day: string): { reason_code: string; n: number }[] {
  return db
    .prepare(`SELECT reason_code, COUNT(*) AS n FROM not_given WHERE local_date = ? AND status = 'not-done' GROUP BY reason_code ORDER BY reason_code`)
    .all(day) as { reason_code: string; n: number }[];
}

/** Every "not vaccinated" record still standing (not entered in error): the simulator's end-of-day count. */
export function notDoneRecords(db: Db): { id: string; ssin: string }[] {
  return db.prepare(`SELECT id, ssin FROM not_given WHERE status = 'not-done'`).all() as { id: string; ssin: string }[];
}
