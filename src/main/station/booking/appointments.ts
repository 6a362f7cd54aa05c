import type { Db } from '../../adapters/sqlite/database';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { AppointmentPayload } from '../../../domain/records';
import type { VaccineProduct } from '../../../domain/vaccines/products';
import { nextDoseWindow, type NextDoseWindow } from '../../../domain/vaccines/interval';
import { localDateOf } from '../../../domain/time/local-time';
import { daysInRankOrder, pickUnit, rankSlots, type CandidateSlot, type SlotPreference } from '../../../domain/booking/slot-search';
import { shortCodeOf } from '../../../domain/booking/short-code';
import { toBeBookedMessageKey, type ToBeBookedReason } from '../../../domain/booking/notices';
import { ensureCitizen, findCitizen, personRef, type CitizenRow } from './citizens';
import { getProduct } from './products';
import { appointmentPayload, type AppointmentRow, type DoseRow } from './rows';
import { newId } from './ids';

/** Who is acting, where and when: every write of the booking capability carries this. */
export interface Actor {
  stationId: string;
  centreId: string;
  now: Date;
  /** Staff member (NIHDI number or name) or `system`. */
  by: string;
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

export type NextDoseOutcome =
  | { kind: 'booked'; appointment: AppointmentRow; window: NextDoseWindow }
  | { kind: 'to_be_booked'; request: BookingRequestRow; window: NextDoseWindow }
  | { kind: 'none' };

export function getAppointment(db: Db, id: string): AppointmentRow {
  const row = db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as AppointmentRow | undefined;
  if (!row) throw new DoseDeskError('booking.unknown_appointment', { appointment: id });
  return row;
}

export function openAppointment(db: Db, ssin: string, doseNumber: number): AppointmentRow | null {
  return (db.prepare(`SELECT * FROM appointments WHERE ssin = ? AND dose_number = ? AND status = 'booked'`).get(ssin, doseNumber) as AppointmentRow | undefined) ?? null;
}

export function appointmentsOf(db: Db, ssin: string): AppointmentRow[] {
  return db.prepare('SELECT * FROM appointments WHERE ssin = ? ORDER BY created_at, id').all(ssin) as AppointmentRow[];
}

export function waitingRequest(db: Db, ssin: string, doseNumber: number): BookingRequestRow | null {
  return (db.prepare(`SELECT * FROM booking_requests WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).get(ssin, doseNumber) as BookingRequestRow | undefined) ?? null;
}

/**
 * Slots of a product in a date range in which THIS station owns free units. Units owned by other
 * stations never appear: that is the whole of the no-overbooking guarantee while offline.
 */
export function candidateSlots(db: Db, stationId: string, productCode: string, from: string, to: string): CandidateSlot[] {
  const rows = db
    .prepare(
      `SELECT s.id AS slot_id, s.session_id, se.product_code, s.start_at, s.end_at, group_concat(u.unit) AS units
       FROM slots s INDEXED BY slots_date
       -- The plan is pinned: the few slots of the dates first (by date), then only the units this
       -- station owns in each (by the owner index, not every unit of the slot).
       CROSS JOIN sessions se ON se.id = s.session_id AND se.status = 'open'
       CROSS JOIN slot_units u INDEXED BY slot_units_owner_unit ON u.owner_station = ? AND u.slot_id = s.id AND u.unit < s.capacity
       LEFT JOIN centre_days d ON d.date = s.local_date
       WHERE se.product_code = ? AND s.local_date BETWEEN ? AND ? AND COALESCE(d.open, 1) = 1
         AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.unit = u.unit AND a.status != 'cancelled')
       GROUP BY s.id
       ORDER BY s.start_at`,
    )
    .all(stationId, productCode, from, to) as { slot_id: string; session_id: string; product_code: string; start_at: string; end_at: string; units: string }[];
  // One row per slot with its free units as text: far fewer rows cross from SQLite to JavaScript.
  return rows.map((r) => ({
    slotId: r.slot_id,
    sessionId: r.session_id,
    productCode: r.product_code,
    start: r.start_at,
    end: r.end_at,
    freeOwnedUnits: r.units
      .split(',')
      .map(Number)
      .sort((a, b) => a - b),
  }));
}

/**
 * The best slots for the next dose, reading the calendar one day at a time in the order the
 * ranking tries days, and stopping as soon as `limit` slots are found: usually only the target day
 * is read, however long the window.
 */
export function bestSlots(db: Db, actor: Actor, productCode: string, window: NextDoseWindow, preference: SlotPreference, limit: number): CandidateSlot[] {
  const found: CandidateSlot[] = [];
  for (const date of daysInRankOrder(window)) {
    if (preference.notBefore && date < preference.notBefore) continue;
    const day = candidateSlots(db, actor.stationId, productCode, date, date);
    if (day.length === 0) continue;
    found.push(...rankSlots(day, window, productCode, preference, actor.now.toISOString()));
    if (found.length >= limit) break;
  }
  return found.slice(0, limit);
}

/** Why nothing could be booked: it decides what the citizen is told. */
function whyNothingFits(db: Db, actor: Actor, product: VaccineProduct, window: NextDoseWindow, preference: SlotPreference): ToBeBookedReason {
  const today = localDateOf(actor.now);
  if (today > window.latestDate) return 'window_passed';
  const sessions = db
    .prepare(
      `SELECT COUNT(*) AS n FROM sessions se LEFT JOIN centre_days d ON d.date = se.date
       WHERE se.product_code = ? AND se.status = 'open' AND se.date BETWEEN ? AND ? AND COALESCE(d.open, 1) = 1`,
    )
    .get(product.code, window.earliestDate, window.latestDate) as { n: number };
  if (sessions.n === 0) return 'no_session';
  if ((preference.partsOfDay?.length || preference.notBefore) && bestSlots(db, actor, product.code, window, {}, 1).length > 0) return 'preference';
  return 'no_capacity';
}

function recordEvent(db: Db, row: AppointmentRow, reason: string | null, actor: Actor): void {
  db.prepare('INSERT INTO appointment_events (id, appointment_id, version, status, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    newId(),
    row.id,
    row.version,
    row.status,
    reason,
    actor.by,
    actor.now.toISOString(),
  );
}

function enqueueAppointment(db: Db, row: AppointmentRow, citizen: CitizenRow, actor: Actor): void {
  enqueueOutbox(db, { kind: row.version === 1 ? 'appointment' : 'appointment-update', recordId: row.id, personKey: row.ssin, payload: appointmentPayload(row, personRef(citizen)) }, actor.now);
}

export interface PreviousDose {
  id: string;
  administeredAt: string;
  doseNumber: number;
}

/**
 * Books the dose after `previous` on this station's own capacity, inside the caller's
 * transaction: the chosen slot (if it is one this station may book) or the best ranked one. When
 * nothing fits, the citizen goes on the "to be booked" list with the reason. Idempotent: an open
 * appointment or waiting request for the same dose is returned as is.
 */
export function bookNextDoseInTx(
  db: Db,
  actor: Actor,
  input: { citizen: CitizenRow; product: VaccineProduct; previous: PreviousDose; preference: SlotPreference; slotId?: string | null },
): NextDoseOutcome {
  if (!db.inTransaction) throw new Error('bookNextDoseInTx must run inside a transaction');
  const { citizen, product, previous, preference } = input;
  if (!product.interval || previous.doseNumber >= product.dosesInCourse) return { kind: 'none' };
  const doseNumber = previous.doseNumber + 1;
  const window = nextDoseWindow(previous.administeredAt, product.interval);
  const existing = openAppointment(db, citizen.ssin, doseNumber);
  if (existing) return { kind: 'booked', appointment: existing, window };

  let chosen: CandidateSlot | undefined;
  if (input.slotId) {
    const slot = db.prepare('SELECT local_date FROM slots WHERE id = ?').get(input.slotId) as { local_date: string } | undefined;
    const day = slot ? candidateSlots(db, actor.stationId, product.code, slot.local_date, slot.local_date) : [];
    chosen = rankSlots(day, window, product.code, {}, actor.now.toISOString()).find((s) => s.slotId === input.slotId);
    if (!chosen) throw new DoseDeskError('booking.slot_unavailable', { slot: input.slotId });
  } else {
    chosen = bestSlots(db, actor, product.code, window, preference, 1)[0];
  }

  if (!chosen) {
    const waiting = waitingRequest(db, citizen.ssin, doseNumber);
    if (waiting) return { kind: 'to_be_booked', request: waiting, window };
    const reason = whyNothingFits(db, actor, product, window, preference);
    const id = newId();
    const at = actor.now.toISOString();
    db.prepare(
      `INSERT INTO booking_requests (id, citizen_id, ssin, product_code, dose_number, previous_dose_id, earliest_date, target_date, latest_date, preference, reason, message_key, status, station_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
    ).run(id, citizen.id, citizen.ssin, product.code, doseNumber, previous.id, window.earliestDate, window.targetDate, window.latestDate, JSON.stringify(preference), reason, toBeBookedMessageKey(reason), actor.stationId, at, at);
    return { kind: 'to_be_booked', request: db.prepare('SELECT * FROM booking_requests WHERE id = ?').get(id) as BookingRequestRow, window };
  }

  const id = newId();
  const at = actor.now.toISOString();
  db.prepare(
    `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, 'station', 1, ?, ?)`,
  ).run(id, citizen.id, citizen.ssin, product.code, doseNumber, chosen.slotId, pickUnit(chosen), chosen.start, chosen.end, localDateOf(chosen.start), actor.stationId, actor.centreId, previous.id, shortCodeOf(id), JSON.stringify(preference), at, at);
  const row = getAppointment(db, id);
  recordEvent(db, row, null, actor);
  enqueueAppointment(db, row, citizen, actor);
  db.prepare(`UPDATE booking_requests SET status = 'booked', appointment_id = ?, updated_at = ? WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).run(id, at, citizen.ssin, doseNumber);
  return { kind: 'booked', appointment: row, window };
}

/** Changes an appointment's status (version + 1, history, outbox) inside the caller's transaction. */
export function setAppointmentStatus(db: Db, row: AppointmentRow, status: AppointmentRow['status'], reason: string | null, actor: Actor): AppointmentRow {
  const version = row.version + 1;
  db.prepare('UPDATE appointments SET status = ?, version = ?, updated_at = ? WHERE id = ?').run(status, version, actor.now.toISOString(), row.id);
  const updated = getAppointment(db, row.id);
  recordEvent(db, updated, reason, actor);
  const citizen = findCitizen(db, row.ssin);
  if (citizen) enqueueAppointment(db, updated, citizen, actor);
  return updated;
}

export function cancelAppointment(db: Db, actor: Actor, appointmentId: string, reason: string): AppointmentRow {
  return db.transaction(() => {
    const row = getAppointment(db, appointmentId);
    if (row.status !== 'booked') throw new DoseDeskError('booking.appointment_not_open', { appointment: appointmentId, status: row.status });
    return setAppointmentStatus(db, row, 'cancelled', reason, actor);
  }).immediate();
}

function lastCompletedDose(db: Db, ssin: string): DoseRow | null {
  return (db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND status = 'completed' ORDER BY dose_number DESC LIMIT 1`).get(ssin) as DoseRow | undefined) ?? null;
}

/**
 * Books the next dose of someone who has none (to be booked, or after a cancellation): from the
 * last completed dose this station knows.
 */
export function bookForPerson(db: Db, actor: Actor, input: { ssin: string; slotId?: string | null; preference: SlotPreference }): NextDoseOutcome {
  return db.transaction(() => {
    const citizen = findCitizen(db, input.ssin);
    if (!citizen) throw new DoseDeskError('booking.unknown_person', { ssin: input.ssin });
    const last = lastCompletedDose(db, input.ssin);
    if (!last) throw new DoseDeskError('booking.no_previous_dose', { ssin: input.ssin });
    const product = getProduct(db, last.product_code);
    if (!product.interval || last.dose_number >= product.dosesInCourse) throw new DoseDeskError('booking.course_complete', { ssin: input.ssin });
    const open = openAppointment(db, input.ssin, last.dose_number + 1);
    if (open) throw new DoseDeskError('booking.already_booked', { appointment: open.id, start: open.start_at });
    return bookNextDoseInTx(db, actor, {
      citizen,
      product,
      previous: { id: last.id, administeredAt: last.administered_at, doseNumber: last.dose_number },
      preference: input.preference,
      slotId: input.slotId ?? null,
    });
  }).immediate();
}

/**
 * Moves an appointment: the old one is cancelled and a new one booked in the same transaction.
 * When nothing fits, nothing changes (the old appointment stays) and the caller is told.
 */
export function rebookAppointment(db: Db, actor: Actor, input: { appointmentId: string; slotId?: string | null; preference: SlotPreference; reason: string }): NextDoseOutcome & { cancelled: AppointmentRow } {
  return db.transaction(() => {
    const old = getAppointment(db, input.appointmentId);
    if (old.status !== 'booked') throw new DoseDeskError('booking.appointment_not_open', { appointment: old.id, status: old.status });
    const citizen = findCitizen(db, old.ssin);
    if (!citizen) throw new DoseDeskError('booking.unknown_person', { ssin: old.ssin });
    const previous = old.previous_dose_id
      ? (db.prepare(`SELECT * FROM dose_records WHERE id = ? AND status = 'completed'`).get(old.previous_dose_id) as DoseRow | undefined)
      : undefined;
    if (!previous) throw new DoseDeskError('booking.no_previous_dose', { ssin: old.ssin });
    const cancelled = setAppointmentStatus(db, old, 'cancelled', input.reason, actor);
    const outcome = bookNextDoseInTx(db, actor, {
      citizen,
      product: getProduct(db, previous.product_code),
      previous: { id: previous.id, administeredAt: previous.administered_at, doseNumber: previous.dose_number },
      preference: input.preference,
      slotId: input.slotId ?? null,
    });
    if (outcome.kind !== 'booked') throw new DoseDeskError('booking.no_slot', { ssin: old.ssin });
    return { ...outcome, cancelled };
  }).immediate();
}

export interface ProposedSlot extends CandidateSlot {
  rank: number;
}

/** The best slots this station could book for a person's next dose, for the citizen to choose. */
export function proposeSlots(db: Db, actor: Actor, input: { ssin: string; preference: SlotPreference; limit: number }): { window: NextDoseWindow; productCode: string; doseNumber: number; slots: ProposedSlot[] } {
  const last = lastCompletedDose(db, input.ssin);
  if (!last) throw new DoseDeskError('booking.no_previous_dose', { ssin: input.ssin });
  const product = getProduct(db, last.product_code);
  if (!product.interval || last.dose_number >= product.dosesInCourse) throw new DoseDeskError('booking.course_complete', { ssin: input.ssin });
  const window = nextDoseWindow(last.administered_at, product.interval);
  const ranked = bestSlots(db, actor, product.code, window, input.preference, input.limit);
  return { window, productCode: product.code, doseNumber: last.dose_number + 1, slots: ranked.map((s, i) => ({ ...s, rank: i + 1 })) };
}

export type MergeOutcome = 'inserted' | 'updated' | 'unchanged' | 'conflict';

/**
 * Takes in an appointment learned from elsewhere (sync from the backend or another station): a
 * newer version replaces the local one; an appointment of another station holds no unit here. A
 * version that would give one person two open appointments for one dose is left out: `conflict`,
 * for a person to resolve.
 */
export function mergeRemoteAppointment(db: Db, payload: AppointmentPayload, now: Date, language: CitizenRow['language'] = 'en'): MergeOutcome {
  return db.transaction((): MergeOutcome => {
    const local = db.prepare('SELECT * FROM appointments WHERE id = ?').get(payload.id) as AppointmentRow | undefined;
    if (local && local.version >= payload.version) return 'unchanged';
    const citizen = ensureCitizen(db, payload.person.ssin, { ...payload.person, language }, 'sync', now);
    const clash = payload.status === 'booked' ? openAppointment(db, payload.person.ssin, payload.doseNumber) : null;
    if (clash && clash.id !== payload.id) return 'conflict';
    // A cancellation here may already have given the unit to someone else: never revive it.
    if (local && local.status === 'cancelled' && payload.status !== 'cancelled') return 'conflict';
    if (local) {
      const sameSlot = local.slot_id === payload.slotId;
      db.prepare(
        `UPDATE appointments SET status = ?, version = ?, slot_id = ?, unit = ?, start_at = ?, end_at = ?, local_date = ?, updated_at = ? WHERE id = ?`,
      ).run(payload.status, payload.version, payload.slotId, sameSlot ? local.unit : null, payload.start, payload.end, localDateOf(payload.start), now.toISOString(), payload.id);
      recordEvent(db, getAppointment(db, payload.id), 'sync', { stationId: payload.stationId, centreId: payload.centreId, now, by: 'sync' });
      return 'updated';
    }
    db.prepare(
      `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, ?, '{}', 'sync', ?, ?, ?)`,
    ).run(payload.id, citizen.id, citizen.ssin, payload.productCode, payload.doseNumber, payload.slotId, payload.start, payload.end, localDateOf(payload.start), payload.status, payload.stationId, payload.centreId, shortCodeOf(payload.id), payload.version, payload.createdAt, now.toISOString());
    recordEvent(db, getAppointment(db, payload.id), 'sync', { stationId: payload.stationId, centreId: payload.centreId, now, by: 'sync' });
    return 'inserted';
  }).immediate();
}
