import type { Db } from '../../adapters/sqlite/database';

/** checkins (migration 30): the append-only log of confirmed arrivals. */

export interface NewArrivalRow {
  id: string;
  ssin: string;
  localDate: string;
  at: string;
  stationId: string;
  staffId: string | null;
  staffName: string | null;
  source: string;
  invitationCode: string | null;
  /** JSON array of the acknowledged warning codes. */
  warningsAcknowledged: string;
}

export function checkinsTableExists(db: Db): boolean {
  return !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkins'`).get();
}

export function insertArrival(db: Db, r: NewArrivalRow): void {
  db.prepare(
    `INSERT INTO checkins (id, ssin, local_date, at, station_id, staff_id, staff_name, source, invitation_code, warnings_acknowledged)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.ssin, r.localDate, r.at, r.stationId, r.staffId, r.staffName, r.source, r.invitationCode, r.warningsAcknowledged);
}

export function latestArrivalAt(db: Db, ssin: string, day: string): string | null {
  const row = db.prepare('SELECT MAX(at) AS at FROM checkins WHERE ssin = ? AND local_date = ?').get(ssin, day) as { at: string | null };
  return row.at;
}

/**
 * A day's arrival counts. The dose check is a subquery on dose_records on purpose: one statement
 * over both tables gives a consistent count without loading the day's doses.
 */
export function arrivalCountsOn(db: Db, day: string): { people: number; confirmations: number; without_dose: number } {
  return db
    .prepare(
      `SELECT COUNT(DISTINCT c.ssin) AS people, COUNT(*) AS confirmations,
              COUNT(DISTINCT CASE WHEN NOT EXISTS (
                SELECT 1 FROM dose_records d WHERE d.ssin = c.ssin AND d.local_date = c.local_date AND d.status = 'completed'
              ) THEN c.ssin END) AS without_dose
         FROM checkins c WHERE c.local_date = ?`,
    )
    .get(day) as { people: number; confirmations: number; without_dose: number };
}

/**
 * The invitation codes (as typed at check-in) of this person's arrivals on days they received a
 * dose here: the letters they were vaccinated with.
 */
export function invitationCodesVaccinatedWith(db: Db, ssin: string): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT c.invitation_code AS code FROM checkins c
        WHERE c.ssin = ? AND c.invitation_code IS NOT NULL
          AND EXISTS (SELECT 1 FROM dose_records d WHERE d.ssin = c.ssin AND d.local_date = c.local_date AND d.status = 'completed')`,
    )
    .all(ssin) as { code: string }[];
  return rows.map((r) => r.code);
}
