/** SQL of the dose records and their corrections: the only place booking reads or writes them. */
import type { Db } from '../../adapters/sqlite/database';

export interface DoseRow {
  id: string;
  citizen_id: string;
  ssin: string;
  dose_number: number;
  product_code: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  lot_id: string | null;
  vial_id: string | null;
  administered_at: string;
  local_date: string;
  recorded_at: string;
  station_id: string;
  centre_id: string;
  vaccinator_nihdi: string;
  vaccinator_name: string;
  origin: 'station' | 'card' | 'sync';
  status: 'completed' | 'entered-in-error';
  version: number;
  updated_at: string;
  /** Site (SNOMED CT), side, route and volume (migration 052); null on doses recorded before or from a card. */
  site?: string | null;
  side?: 'left' | 'right' | null;
  route?: string | null;
  dose_ml?: number | null;
  /** The reactions its Immunization carries, JSON DoseReaction[] (migration 063); null when none was ever recorded. */
  reactions?: string | null;
  /** Re-keyed from paper (migration 055): the staff member who typed it in; null at the booth. */
  rekeyed_by?: string | null;
  rekeyed_by_name?: string | null;
}

export function findDose(db: Db, id: string): DoseRow | null {
  return (db.prepare('SELECT * FROM dose_records WHERE id = ?').get(id) as DoseRow | undefined) ?? null;
}

export function doseExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM dose_records WHERE id = ?').get(id) !== undefined;
}

export function findCompletedDose(db: Db, id: string): DoseRow | null {
  return (db.prepare(`SELECT * FROM dose_records WHERE id = ? AND status = 'completed'`).get(id) as DoseRow | undefined) ?? null;
}

/** Completed doses of a person, in dose order. */
export function completedDosesOf(db: Db, ssin: string): DoseRow[] {
  return db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND status = 'completed' ORDER BY dose_number`).all(ssin) as DoseRow[];
}

/** Every dose of a person (voided ones too), in dose order. */
export function dosesOfPerson(db: Db, ssin: string): DoseRow[] {
  return db.prepare('SELECT * FROM dose_records WHERE ssin = ? ORDER BY dose_number, recorded_at').all(ssin) as DoseRow[];
}

export function completedDoseOnDay(db: Db, ssin: string, day: string): DoseRow | null {
  return (db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND local_date = ? AND status = 'completed'`).get(ssin, day) as DoseRow | undefined) ?? null;
}

export function hasCompletedDoseNumber(db: Db, ssin: string, doseNumber: number): boolean {
  return db.prepare(`SELECT id FROM dose_records WHERE ssin = ? AND dose_number = ? AND status = 'completed'`).get(ssin, doseNumber) !== undefined;
}

export function hasCompletedDoseAfter(db: Db, ssin: string, doseNumber: number): boolean {
  return db.prepare(`SELECT id FROM dose_records WHERE ssin = ? AND status = 'completed' AND dose_number > ?`).get(ssin, doseNumber) !== undefined;
}

export function lastCompletedDose(db: Db, ssin: string): DoseRow | null {
  return (db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND status = 'completed' ORDER BY dose_number DESC LIMIT 1`).get(ssin) as DoseRow | undefined) ?? null;
}

export function cardImportedDoses(db: Db): DoseRow[] {
  return db.prepare(`SELECT * FROM dose_records WHERE origin = 'card' ORDER BY recorded_at`).all() as DoseRow[];
}

/** Completed doses of a local day, counted per product. */
export function dosesGivenOnDay(db: Db, date: string): { product_code: string; n: number }[] {
  return db.prepare(`SELECT product_code, COUNT(*) AS n FROM dose_records WHERE local_date = ? AND status = 'completed' GROUP BY product_code`).all(date) as {
    product_code: string;
    n: number;
  }[];
}

/**
 * Boosters given on a day, per product: completed doses numbered past the course of the person's
 * first dose's product (a mixed course counts by the product it started with).
 */
export function boostersGivenOnDay(db: Db, date: string): { product_code: string; n: number }[] {
  return db
    .prepare(
      `SELECT d.product_code, COUNT(*) AS n FROM dose_records d
       WHERE d.local_date = ? AND d.status = 'completed'
         AND d.dose_number > (SELECT p.doses_in_course FROM dose_records f JOIN vaccine_products p ON p.code = f.product_code
                              WHERE f.ssin = d.ssin AND f.status = 'completed' ORDER BY f.dose_number LIMIT 1)
       GROUP BY d.product_code`,
    )
    .all(date) as { product_code: string; n: number }[];
}

export interface NewDose {
  id: string;
  citizenId: string;
  ssin: string;
  doseNumber: number;
  productCode: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  lotId: string;
  vialId: string | null;
  administeredAt: string;
  localDate: string;
  recordedAt: string;
  stationId: string;
  centreId: string;
  vaccinatorNihdi: string;
  vaccinatorName: string;
}

/** A dose given here (origin station, version 1), with where and how it went in. */
export function insertStationDose(
  db: Db,
  d: NewDose & { administration: { site: string; side: 'left' | 'right'; route: string; doseMl: number | null }; rekeyedBy?: { staffId: string; name: string } | null },
): void {
  const a = d.administration;
  db.prepare(
    `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, vial_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at, site, side, route, dose_ml, rekeyed_by, rekeyed_by_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'station', 'completed', 1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(d.id, d.citizenId, d.ssin, d.doseNumber, d.productCode, d.gtin, d.lot, d.expiry, d.lotId, d.vialId, d.administeredAt, d.localDate, d.recordedAt, d.stationId, d.centreId, d.vaccinatorNihdi, d.vaccinatorName, d.recordedAt, a.site, a.side, a.route, a.doseMl, d.rekeyedBy?.staffId ?? null, d.rekeyedBy?.name ?? null);
}

/** A dose taken from an appointment card (origin card, version 1, no vial). */
export function insertCardDose(db: Db, d: Omit<NewDose, 'vialId'>): void {
  db.prepare(
    `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'card', 'completed', 1, ?)`,
  ).run(d.id, d.citizenId, d.ssin, d.doseNumber, d.productCode, d.gtin, d.lot, d.expiry, d.lotId, d.administeredAt, d.localDate, d.recordedAt, d.stationId, d.centreId, d.vaccinatorNihdi, d.vaccinatorName, d.recordedAt);
}

/** The corrected fields of a dose; the version goes up by one. */
export function updateCorrectedDose(
  db: Db,
  id: string,
  f: { lotId: string | null; gtin: string | null; lot: string; expiry: string; administeredAt: string; localDate: string; vaccinatorNihdi: string; vaccinatorName: string; updatedAt: string },
): void {
  db.prepare(
    `UPDATE dose_records SET lot_id = ?, gtin = ?, lot = ?, expiry = ?, administered_at = ?, local_date = ?, vaccinator_nihdi = ?, vaccinator_name = ?, version = version + 1, updated_at = ? WHERE id = ?`,
  ).run(f.lotId, f.gtin, f.lot, f.expiry, f.administeredAt, f.localDate, f.vaccinatorNihdi, f.vaccinatorName, f.updatedAt, id);
}

/** Sets the reactions the dose's Immunization carries: a new version of the record. */
export function updateDoseReactions(db: Db, id: string, reactions: string, at: string): void {
  db.prepare(`UPDATE dose_records SET reactions = ?, version = version + 1, updated_at = ? WHERE id = ?`).run(reactions, at, id);
}

export function markDoseEnteredInError(db: Db, id: string, at: string): void {
  db.prepare(`UPDATE dose_records SET status = 'entered-in-error', version = version + 1, updated_at = ? WHERE id = ?`).run(at, id);
}

export function insertDoseCorrection(
  db: Db,
  c: { id: string; doseId: string; version: number; action: 'correct' | 'void'; reason: string; byNihdi: string; byName: string; byRole: string; at: string; before: string; after: string },
): void {
  db.prepare(
    `INSERT INTO dose_corrections (id, dose_id, version, action, reason, by_nihdi, by_name, by_role, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.doseId, c.version, c.action, c.reason, c.byNihdi, c.byName, c.byRole, c.at, c.before, c.after);
}
