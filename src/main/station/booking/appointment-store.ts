/** SQL of appointments, their history and the "to be booked" requests. */
import type { Db } from '../../adapters/sqlite/database';
import type { ToBeBookedReason } from '../../../domain/booking/notices';

export interface AppointmentRow {
  id: string;
  citizen_id: string;
  ssin: string;
  product_code: string;
  dose_number: number;
  slot_id: string;
  unit: number | null;
  start_at: string;
  end_at: string;
  local_date: string;
  status: 'booked' | 'cancelled' | 'fulfilled' | 'noshow';
  station_id: string;
  centre_id: string;
  previous_dose_id: string | null;
  short_code: string;
  preference: string;
  origin: 'station' | 'card' | 'sync';
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BookingRequestRow {
  id: string;
  citizen_id: string;
  ssin: string;
  product_code: string;
  dose_number: number;
  previous_dose_id: string | null;
  earliest_date: string;
  target_date: string;
  latest_date: string;
  preference: string;
  reason: ToBeBookedReason;
  message_key: string;
  status: 'waiting' | 'booked' | 'cancelled';
  appointment_id: string | null;
  station_id: string;
  created_at: string;
}

export function findAppointment(db: Db, id: string): AppointmentRow | null {
  return (db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as AppointmentRow | undefined) ?? null;
}

export function appointmentExists(db: Db, id: string): boolean {
  return db.prepare('SELECT id FROM appointments WHERE id = ?').get(id) !== undefined;
}

export function appointmentStatusOf(db: Db, id: string): AppointmentRow['status'] | null {
  return (db.prepare('SELECT status FROM appointments WHERE id = ?').get(id) as { status: AppointmentRow['status'] } | undefined)?.status ?? null;
}

export function findOpenAppointment(db: Db, ssin: string, doseNumber: number): AppointmentRow | null {
  return (db.prepare(`SELECT * FROM appointments WHERE ssin = ? AND dose_number = ? AND status = 'booked'`).get(ssin, doseNumber) as AppointmentRow | undefined) ?? null;
}

export function appointmentsOfPerson(db: Db, ssin: string): AppointmentRow[] {
  return db.prepare('SELECT * FROM appointments WHERE ssin = ? ORDER BY created_at, id').all(ssin) as AppointmentRow[];
}

/** The latest appointment booked from a dose that is not cancelled. */
export function latestActiveAppointmentAfter(db: Db, previousDoseId: string): AppointmentRow | null {
  return (
    (db.prepare(`SELECT * FROM appointments WHERE previous_dose_id = ? AND status != 'cancelled' ORDER BY version DESC LIMIT 1`).get(previousDoseId) as AppointmentRow | undefined) ??
    null
  );
}

export function bookedAppointmentsAfter(db: Db, previousDoseId: string): AppointmentRow[] {
  return db.prepare(`SELECT * FROM appointments WHERE previous_dose_id = ? AND status = 'booked'`).all(previousDoseId) as AppointmentRow[];
}

/** The person of the newest appointment with this short code. */
export function ssinByShortCode(db: Db, code: string): string | null {
  return (db.prepare('SELECT ssin FROM appointments WHERE short_code = ? ORDER BY created_at DESC LIMIT 1').get(code) as { ssin: string } | undefined)?.ssin ?? null;
}

export interface NewAppointment {
  id: string;
  citizenId: string;
  ssin: string;
  productCode: string;
  doseNumber: number;
  slotId: string;
  startAt: string;
  endAt: string;
  localDate: string;
  stationId: string;
  centreId: string;
  shortCode: string;
}

/** Booked here on a unit this station owns (version 1). */
export function insertStationAppointment(
  db: Db,
  a: NewAppointment & { unit: number; previousDoseId: string; preference: string; at: string },
): void {
  db.prepare(
    `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, 'station', 1, ?, ?)`,
  ).run(a.id, a.citizenId, a.ssin, a.productCode, a.doseNumber, a.slotId, a.unit, a.startAt, a.endAt, a.localDate, a.stationId, a.centreId, a.previousDoseId, a.shortCode, a.preference, a.at, a.at);
}

/** Taken from an appointment card: holds no unit here. */
export function insertCardAppointment(db: Db, a: NewAppointment & { previousDoseId: string; at: string }): void {
  db.prepare(
    `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'booked', ?, ?, ?, ?, '{}', 'card', 1, ?, ?)`,
  ).run(a.id, a.citizenId, a.ssin, a.productCode, a.doseNumber, a.slotId, a.startAt, a.endAt, a.localDate, a.stationId, a.centreId, a.previousDoseId, a.shortCode, a.at, a.at);
}

/** Learned through sync: holds no unit here, keeps the remote status and version. */
export function insertSyncedAppointment(db: Db, a: NewAppointment & { status: AppointmentRow['status']; version: number; createdAt: string; updatedAt: string }): void {
  db.prepare(
    `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, '{}', 'sync', ?, ?, ?)`,
  ).run(a.id, a.citizenId, a.ssin, a.productCode, a.doseNumber, a.slotId, a.startAt, a.endAt, a.localDate, a.status, a.stationId, a.centreId, a.shortCode, a.version, a.createdAt, a.updatedAt);
}

export function updateAppointmentStatus(db: Db, id: string, status: AppointmentRow['status'], version: number, at: string): void {
  db.prepare('UPDATE appointments SET status = ?, version = ?, updated_at = ? WHERE id = ?').run(status, version, at, id);
}

/** A newer version from sync replaces the local one. */
export function updateSyncedAppointment(
  db: Db,
  id: string,
  f: { status: AppointmentRow['status']; version: number; slotId: string; unit: number | null; startAt: string; endAt: string; localDate: string; updatedAt: string },
): void {
  db.prepare(`UPDATE appointments SET status = ?, version = ?, slot_id = ?, unit = ?, start_at = ?, end_at = ?, local_date = ?, updated_at = ? WHERE id = ?`).run(
    f.status,
    f.version,
    f.slotId,
    f.unit,
    f.startAt,
    f.endAt,
    f.localDate,
    f.updatedAt,
    id,
  );
}

export function insertAppointmentEvent(db: Db, e: { id: string; appointmentId: string; version: number; status: string; reason: string | null; by: string; at: string }): void {
  db.prepare('INSERT INTO appointment_events (id, appointment_id, version, status, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    e.id,
    e.appointmentId,
    e.version,
    e.status,
    e.reason,
    e.by,
    e.at,
  );
}

/** Per session: bookings (booked or fulfilled) and fulfilled appointments, prepared once for a day's sessions. */
export function sessionBookingCounter(db: Db): (sessionId: string) => { bookings: number | null; fulfilled: number | null } {
  const counts = db.prepare(
    `SELECT SUM(CASE WHEN a.status IN ('booked', 'fulfilled') THEN 1 ELSE 0 END) AS bookings,
            SUM(CASE WHEN a.status = 'fulfilled' THEN 1 ELSE 0 END) AS fulfilled
     FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE s.session_id = ?`,
  );
  return (sessionId) => counts.get(sessionId) as { bookings: number | null; fulfilled: number | null };
}

export function findWaitingRequest(db: Db, ssin: string, doseNumber: number): BookingRequestRow | null {
  return (db.prepare(`SELECT * FROM booking_requests WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).get(ssin, doseNumber) as BookingRequestRow | undefined) ?? null;
}

export function findBookingRequest(db: Db, id: string): BookingRequestRow {
  return db.prepare('SELECT * FROM booking_requests WHERE id = ?').get(id) as BookingRequestRow;
}

export function latestRequestAfter(db: Db, previousDoseId: string): BookingRequestRow | null {
  return (db.prepare(`SELECT * FROM booking_requests WHERE previous_dose_id = ? ORDER BY created_at DESC LIMIT 1`).get(previousDoseId) as BookingRequestRow | undefined) ?? null;
}

/** Which waiting requests the follow-up desk shows: a product, and a window that meets [from, to]. */
export interface RequestFilter {
  productCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Waiting requests in the desk's fair order: the window that ends first comes first, then the oldest. */
export function waitingRequestRows(db: Db, filter: RequestFilter = {}): BookingRequestRow[] {
  return db
    .prepare(
      `SELECT * FROM booking_requests WHERE status = 'waiting'
          AND (@product IS NULL OR product_code = @product)
          AND (@from IS NULL OR latest_date >= @from)
          AND (@to IS NULL OR earliest_date <= @to)
        ORDER BY latest_date, created_at, id`,
    )
    .all({ product: filter.productCode ?? null, from: filter.from ?? null, to: filter.to ?? null }) as BookingRequestRow[];
}

/**
 * Appointments booked here whose session has ended by `now` (the last slot of the session, or the
 * appointment's own end when the slot is not in this calendar): the person did not come.
 * `today` (local) bounds the scan to the days that can have ended.
 */
export function bookedPastSessionEnd(db: Db, stationId: string, today: string, now: string): AppointmentRow[] {
  return db
    .prepare(
      `SELECT a.* FROM appointments a LEFT JOIN slots s ON s.id = a.slot_id
        WHERE a.status = 'booked' AND a.local_date <= ? AND a.station_id = ? AND a.origin = 'station'
          AND COALESCE((SELECT MAX(e.end_at) FROM slots e WHERE e.session_id = s.session_id), a.end_at) <= ?
        ORDER BY a.start_at, a.id`,
    )
    .all(today, stationId, now) as AppointmentRow[];
}

/** Appointments booked here for this day or earlier and still open: at day close nobody else will come. */
export function bookedUntilDay(db: Db, stationId: string, date: string): AppointmentRow[] {
  return db
    .prepare(`SELECT * FROM appointments WHERE status = 'booked' AND local_date <= ? AND station_id = ? AND origin = 'station' ORDER BY start_at, id`)
    .all(date, stationId) as AppointmentRow[];
}

/** The appointments of a day (all statuses), in time order: the day plan's list. */
export function appointmentsOfDay(db: Db, date: string): AppointmentRow[] {
  return db.prepare('SELECT * FROM appointments WHERE local_date = ? ORDER BY start_at, id').all(date) as AppointmentRow[];
}

/** A no-show of this dose on this day: a late arrival that day undoes it. */
export function noShowOfDay(db: Db, ssin: string, doseNumber: number, date: string): AppointmentRow | null {
  return (
    (db.prepare(`SELECT * FROM appointments WHERE ssin = ? AND dose_number = ? AND local_date = ? AND status = 'noshow' ORDER BY version DESC LIMIT 1`).get(ssin, doseNumber, date) as
      | AppointmentRow
      | undefined) ?? null
  );
}

/** The appointment a request replaces: the latest missed or cancelled one booked from the same dose. */
export function missedAppointmentAfter(db: Db, previousDoseId: string): AppointmentRow | null {
  return (
    (db.prepare(`SELECT * FROM appointments WHERE previous_dose_id = ? AND status IN ('noshow', 'cancelled') ORDER BY updated_at DESC, id LIMIT 1`).get(previousDoseId) as
      | AppointmentRow
      | undefined) ?? null
  );
}

export function waitingRequestCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM booking_requests WHERE status = 'waiting'`).get() as { n: number }).n;
}

export function insertWaitingRequest(
  db: Db,
  r: {
    id: string;
    citizenId: string;
    ssin: string;
    productCode: string;
    doseNumber: number;
    previousDoseId: string | null;
    earliestDate: string;
    targetDate: string;
    latestDate: string;
    preference: string;
    reason: ToBeBookedReason;
    messageKey: string;
    stationId: string;
    at: string;
  },
): void {
  db.prepare(
    `INSERT INTO booking_requests (id, citizen_id, ssin, product_code, dose_number, previous_dose_id, earliest_date, target_date, latest_date, preference, reason, message_key, status, station_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
  ).run(r.id, r.citizenId, r.ssin, r.productCode, r.doseNumber, r.previousDoseId, r.earliestDate, r.targetDate, r.latestDate, r.preference, r.reason, r.messageKey, r.stationId, r.at, r.at);
}

/** The waiting request for this dose is now booked. */
export function markWaitingRequestBooked(db: Db, ssin: string, doseNumber: number, appointmentId: string, at: string): void {
  db.prepare(`UPDATE booking_requests SET status = 'booked', appointment_id = ?, updated_at = ? WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).run(
    appointmentId,
    at,
    ssin,
    doseNumber,
  );
}

/** The dose was given (elsewhere in the window or without the appointment): its request is void. */
export function cancelWaitingRequestForDose(db: Db, ssin: string, doseNumber: number, at: string): void {
  db.prepare(`UPDATE booking_requests SET status = 'cancelled', updated_at = ? WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).run(at, ssin, doseNumber);
}

export function cancelWaitingRequestsAfter(db: Db, previousDoseId: string, at: string): void {
  db.prepare(`UPDATE booking_requests SET status = 'cancelled', updated_at = ? WHERE previous_dose_id = ? AND status = 'waiting'`).run(at, previousDoseId);
}
