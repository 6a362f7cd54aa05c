import type { Db } from '../../adapters/sqlite/database';

/**
 * Read-only figures of one local day for the end-of-day report: doses, appointments, booking
 * requests, vials and standby. `date` is a Brussels local date; [from, to) are the day's instants.
 */

const count = (row: unknown): number => (row as { n: number | null } | undefined)?.n ?? 0;
const inDay = (column: string) => `${column} >= ? AND ${column} < ?`;

export function completedDosesByProduct(db: Db, date: string): { code: string; name: string; dose: number; n: number }[] {
  return db
    .prepare(
      `SELECT d.product_code AS code, COALESCE(p.name, d.product_code) AS name, d.dose_number AS dose, COUNT(*) AS n
         FROM dose_records d LEFT JOIN vaccine_products p ON p.code = d.product_code
        WHERE d.local_date = ? AND d.status = 'completed'
        GROUP BY d.product_code, d.dose_number ORDER BY name, dose`,
    )
    .all(date) as { code: string; name: string; dose: number; n: number }[];
}

export function completedDosesByVaccinator(db: Db, date: string): { nihdi: string; name: string; count: number }[] {
  return db
    .prepare(
      `SELECT vaccinator_nihdi AS nihdi, MAX(vaccinator_name) AS name, COUNT(*) AS count FROM dose_records
        WHERE local_date = ? AND status = 'completed' GROUP BY vaccinator_nihdi ORDER BY count DESC, name`,
    )
    .all(date) as { nihdi: string; name: string; count: number }[];
}

export function completedDosesByStation(db: Db, date: string): { stationId: string; count: number }[] {
  return db
    .prepare(`SELECT station_id AS stationId, COUNT(*) AS count FROM dose_records WHERE local_date = ? AND status = 'completed' GROUP BY station_id ORDER BY station_id`)
    .all(date) as { stationId: string; count: number }[];
}

export function voidedDoses(db: Db, date: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM dose_records WHERE local_date = ? AND status = 'entered-in-error'`).get(date));
}

export function appointmentsWithStatus(db: Db, date: string, status: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE local_date = ? AND status = ?`).get(date, status));
}

export function appointmentsDue(db: Db, date: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE local_date = ? AND status != 'cancelled'`).get(date));
}

/** Appointments the station booked during the day for a later day. */
export function bookedForLater(db: Db, date: string, from: string, to: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE ${inDay('created_at')} AND local_date > ? AND origin = 'station' AND status != 'cancelled'`).get(from, to, date));
}

/** Booking requests made during the day and still waiting for a slot. */
export function waitingBookingRequests(db: Db, from: string, to: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM booking_requests WHERE ${inDay('created_at')} AND status = 'waiting'`).get(from, to));
}

export interface VialFigures {
  n: number;
  finished: number | null;
  discarded: number | null;
  open: number | null;
  used: number | null;
  leftover: number | null;
}

/** Vials punctured during the day, by what became of them. */
export function vialsPunctured(db: Db, from: string, to: string): VialFigures {
  return db
    .prepare(
      `SELECT COUNT(*) AS n,
              SUM(CASE WHEN status = 'finished' THEN 1 ELSE 0 END) AS finished,
              SUM(CASE WHEN status = 'discarded' THEN 1 ELSE 0 END) AS discarded,
              SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open,
              SUM(doses_used) AS used,
              SUM(CASE WHEN status != 'finished' THEN doses_total - doses_used ELSE 0 END) AS leftover
         FROM vials WHERE ${inDay('punctured_at')}`,
    )
    .get(from, to) as VialFigures;
}

export function standbyWaiting(db: Db): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'waiting'`).get());
}

/** Standby entries that reached the status during the day. */
export function standbyReached(db: Db, status: 'called' | 'vaccinated', from: string, to: string): number {
  return count(db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = ? AND ${inDay('updated_at')}`).get(status, from, to));
}
