import type { Db } from '../../adapters/sqlite/database';

/** Read-only: what a station's database holds, for the simulator's end-of-day count. */

/** A completed dose this station recorded itself. */
export interface RecordedDose {
  dose_number: number;
  id: string;
  ssin: string;
}

/** An appointment this station booked, in any status. */
export interface BookedAppointment {
  id: string;
  slot_id: string;
  unit: number | null;
  status: string;
}

export function recordedDoses(db: Db): RecordedDose[] {
  return db.prepare(`SELECT id, ssin, dose_number FROM dose_records WHERE origin = 'station' AND status = 'completed'`).all() as RecordedDose[];
}

export function bookedAppointments(db: Db): BookedAppointment[] {
  return db.prepare(`SELECT id, slot_id, unit, status FROM appointments WHERE origin = 'station'`).all() as BookedAppointment[];
}

export function waitingBookingRequestCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM booking_requests WHERE status = 'waiting'`).get() as { n: number | null }).n ?? 0;
}

export function slotCapacities(db: Db): { id: string; capacity: number }[] {
  return db.prepare('SELECT id, capacity FROM slots').all() as { id: string; capacity: number }[];
}

export function doseExistsLookup(db: Db): (id: string) => boolean {
  const stmt = db.prepare('SELECT 1 FROM dose_records WHERE id = ?');
  return (id) => stmt.get(id) !== undefined;
}

export function appointmentExistsLookup(db: Db): (id: string) => boolean {
  const stmt = db.prepare('SELECT 1 FROM appointments WHERE id = ?');
  return (id) => stmt.get(id) !== undefined;
}
