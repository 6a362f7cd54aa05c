import type { Db } from '../../adapters/sqlite/database';
import { intervalOn } from '../rules/rules';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { AppointmentPayload } from '../../../domain/records';
import type { VaccineProduct } from '../../../domain/vaccines/products';
import { nextDoseWindow, type NextDoseWindow } from '../../../domain/vaccines/interval';
import { localDateOf, partOfDayOf, type PartOfDay } from '../../../domain/time/local-time';
import { daysInRankOrder, pickUnit, rankSlots, type CandidateSlot, type SlotPreference } from '../../../domain/booking/slot-search';
import { shortCodeOf } from '../../../domain/booking/short-code';
import { toBeBookedMessageKey, type ToBeBookedReason } from '../../../domain/booking/notices';
import { ensureCitizen, findCitizen, personRef, type CitizenRow } from '../identity/citizens';
import { getProduct } from '../products/products';
import { appointmentPayload } from './rows';
import { findCompletedDose, lastCompletedDose } from './dose-store';
import { freeOwnedSlotRows, openSessionCount, slotLocalDate } from '../capacity/calendar-store';
import {
  appointmentsOfPerson,
  findAppointment,
  findBookingRequest,
  findOpenAppointment,
  findWaitingRequest,
  insertAppointmentEvent,
  insertStationAppointment,
  insertSyncedAppointment,
  insertWaitingRequest,
  markWaitingRequestBooked,
  noShowOfDay,
  updateAppointmentStatus,
  updateSyncedAppointment,
  type AppointmentRow,
  type BookingRequestRow,
} from './appointment-store';
import { newId } from '../base/ids';
import { queueAppointmentMessages } from '../messages/queue';
import type { MessageChannel } from '../messages/store';

/** Who is acting, where and when: every write of the booking capability carries this. */
export interface Actor {
  stationId: string;
  centreId: string;
  now: Date;
  /** Staff member (NIHDI number or name) or `system`. */
  by: string;
  /**
   * The citizen-message channels set up on this station: a booking, move or cancellation queues
   * one message per channel in its own transaction. Absent or empty: no message (sync, tools).
   */
  messageChannels?: readonly MessageChannel[];
}

export type { BookingRequestRow };

export type NextDoseOutcome =
  | { kind: 'booked'; appointment: AppointmentRow; window: NextDoseWindow }
  | { kind: 'to_be_booked'; request: BookingRequestRow; window: NextDoseWindow }
  | { kind: 'none' };

export function getAppointment(db: Db, id: string): AppointmentRow {
  const row = findAppointment(db, id);
  if (!row) throw new DoseDeskError('booking.unknown_appointment', { appointment: id });
  return row;
}

export function openAppointment(db: Db, ssin: string, doseNumber: number): AppointmentRow | null {
  return findOpenAppointment(db, ssin, doseNumber);
}

/** Today's appointment for this dose that was marked a no-show: a late arrival is still expected. */
export function missedToday(db: Db, ssin: string, doseNumber: number, today: string): AppointmentRow | null {
  return noShowOfDay(db, ssin, doseNumber, today);
}

export function appointmentsOf(db: Db, ssin: string): AppointmentRow[] {
  return appointmentsOfPerson(db, ssin);
}

export function waitingRequest(db: Db, ssin: string, doseNumber: number): BookingRequestRow | null {
  return findWaitingRequest(db, ssin, doseNumber);
}

/**
 * Slots of a product in a date range in which THIS station owns free units. Units owned by other
 * stations never appear: that is the whole of the no-overbooking guarantee while offline.
 */
export function candidateSlots(db: Db, stationId: string, productCode: string, from: string, to: string): CandidateSlot[] {
  const rows = freeOwnedSlotRows(db, stationId, productCode, from, to);
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
  if (openSessionCount(db, product.code, window.earliestDate, window.latestDate) === 0) return 'no_session';
  if ((preference.partsOfDay?.length || preference.notBefore) && bestSlots(db, actor, product.code, window, {}, 1).length > 0) return 'preference';
  return 'no_capacity';
}

function recordEvent(db: Db, row: AppointmentRow, reason: string | null, actor: Actor): void {
  insertAppointmentEvent(db, { id: newId(), appointmentId: row.id, version: row.version, status: row.status, reason, by: actor.by, at: actor.now.toISOString() });
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
  input: { citizen: CitizenRow; product: VaccineProduct; previous: PreviousDose; preference: SlotPreference; slotId?: string | null; messageKind?: 'booked' | 'rebooked' },
): NextDoseOutcome {
  if (!db.inTransaction) throw new Error('bookNextDoseInTx must run inside a transaction');
  const { citizen, product, previous, preference } = input;
  // The interval of the rule in force on the day of the dose before.
  const interval = intervalOn(db, product.code, localDateOf(previous.administeredAt));
  if (!interval || previous.doseNumber >= product.dosesInCourse) return { kind: 'none' };
  const doseNumber = previous.doseNumber + 1;
  const window = nextDoseWindow(previous.administeredAt, interval);
  const existing = openAppointment(db, citizen.ssin, doseNumber);
  if (existing) return { kind: 'booked', appointment: existing, window };

  let chosen: CandidateSlot | undefined;
  if (input.slotId) {
    const slotDate = slotLocalDate(db, input.slotId);
    const day = slotDate ? candidateSlots(db, actor.stationId, product.code, slotDate, slotDate) : [];
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
    insertWaitingRequest(db, {
      id,
      citizenId: citizen.id,
      ssin: citizen.ssin,
      productCode: product.code,
      doseNumber,
      previousDoseId: previous.id,
      earliestDate: window.earliestDate,
      targetDate: window.targetDate,
      latestDate: window.latestDate,
      preference: JSON.stringify(preference),
      reason,
      messageKey: toBeBookedMessageKey(reason),
      stationId: actor.stationId,
      at,
    });
    return { kind: 'to_be_booked', request: findBookingRequest(db, id), window };
  }

  const id = newId();
  const at = actor.now.toISOString();
  insertStationAppointment(db, {
    id,
    citizenId: citizen.id,
    ssin: citizen.ssin,
    productCode: product.code,
    doseNumber,
    slotId: chosen.slotId,
    unit: pickUnit(chosen),
    startAt: chosen.start,
    endAt: chosen.end,
    localDate: localDateOf(chosen.start),
    stationId: actor.stationId,
    centreId: actor.centreId,
    previousDoseId: previous.id,
    shortCode: shortCodeOf(id),
    preference: JSON.stringify(preference),
    at,
  });
  const row = getAppointment(db, id);
  recordEvent(db, row, null, actor);
  enqueueAppointment(db, row, citizen, actor);
  markWaitingRequestBooked(db, citizen.ssin, doseNumber, id, at);
  queueAppointmentMessages(db, { appointment: row, kind: input.messageKind ?? 'booked', channels: actor.messageChannels ?? [], now: actor.now });
  return { kind: 'booked', appointment: row, window };
}

/**
 * Changes an appointment's status (version + 1, history, outbox) inside the caller's transaction.
 * A cancellation tells the citizen, unless `quiet` (a move: the new appointment's message says it).
 */
export function setAppointmentStatus(db: Db, row: AppointmentRow, status: AppointmentRow['status'], reason: string | null, actor: Actor, options: { quiet?: boolean } = {}): AppointmentRow {
  const version = row.version + 1;
  updateAppointmentStatus(db, row.id, status, version, actor.now.toISOString());
  const updated = getAppointment(db, row.id);
  recordEvent(db, updated, reason, actor);
  const citizen = findCitizen(db, row.ssin);
  if (citizen) enqueueAppointment(db, updated, citizen, actor);
  if (status === 'cancelled' && row.status === 'booked' && !options.quiet) {
    queueAppointmentMessages(db, { appointment: updated, kind: 'cancelled', channels: actor.messageChannels ?? [], now: actor.now });
  }
  return updated;
}

export function cancelAppointment(db: Db, actor: Actor, appointmentId: string, reason: string): AppointmentRow {
  return db.transaction(() => {
    const row = getAppointment(db, appointmentId);
    if (row.status !== 'booked') throw new DoseDeskError('booking.appointment_not_open', { appointment: appointmentId, status: row.status });
    return setAppointmentStatus(db, row, 'cancelled', reason, actor);
  }).immediate();
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
    if (!intervalOn(db, product.code, last.local_date) || last.dose_number >= product.dosesInCourse) throw new DoseDeskError('booking.course_complete', { ssin: input.ssin });
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
    const previous = old.previous_dose_id ? findCompletedDose(db, old.previous_dose_id) : null;
    if (!previous) throw new DoseDeskError('booking.no_previous_dose', { ssin: old.ssin });
    const cancelled = setAppointmentStatus(db, old, 'cancelled', input.reason, actor, { quiet: true });
    const outcome = bookNextDoseInTx(db, actor, {
      citizen,
      product: getProduct(db, previous.product_code),
      previous: { id: previous.id, administeredAt: previous.administered_at, doseNumber: previous.dose_number },
      preference: input.preference,
      slotId: input.slotId ?? null,
      messageKind: 'rebooked',
    });
    if (outcome.kind !== 'booked') throw new DoseDeskError('booking.no_slot', { ssin: old.ssin });
    return { ...outcome, cancelled };
  }).immediate();
}

export interface ProposedSlot extends CandidateSlot {
  rank: number;
}

/**
 * What is possible when a preference leaves nothing: the parts of the day that still have a free
 * place in the window (in day order) and the first such place, so staff can say why and offer it.
 */
export interface PreferenceGap {
  partsWithFreePlaces: PartOfDay[];
  firstFree: string | null;
}

function preferenceGap(db: Db, actor: Actor, productCode: string, window: NextDoseWindow): PreferenceGap {
  const free = rankSlots(candidateSlots(db, actor.stationId, productCode, window.earliestDate, window.latestDate), window, productCode, {}, actor.now.toISOString());
  const order: readonly PartOfDay[] = ['morning', 'afternoon', 'evening'];
  const parts = new Set(free.map((s) => partOfDayOf(s.start)));
  const first = free.reduce<string | null>((earliest, s) => (earliest === null || Date.parse(s.start) < Date.parse(earliest) ? s.start : earliest), null);
  return { partsWithFreePlaces: order.filter((p) => parts.has(p)), firstFree: first };
}

/** The best slots this station could book for a person's next dose, for the citizen to choose. */
export function proposeSlots(
  db: Db,
  actor: Actor,
  input: { ssin: string; preference: SlotPreference; limit: number },
): { window: NextDoseWindow; productCode: string; doseNumber: number; slots: ProposedSlot[]; gap: PreferenceGap | null } {
  const last = lastCompletedDose(db, input.ssin);
  if (!last) throw new DoseDeskError('booking.no_previous_dose', { ssin: input.ssin });
  const product = getProduct(db, last.product_code);
  const interval = intervalOn(db, product.code, last.local_date);
  if (!interval || last.dose_number >= product.dosesInCourse) throw new DoseDeskError('booking.course_complete', { ssin: input.ssin });
  const window = nextDoseWindow(last.administered_at, interval);
  const ranked = bestSlots(db, actor, product.code, window, input.preference, input.limit);
  const asked = Boolean(input.preference.partsOfDay?.length || input.preference.notBefore);
  const gap = ranked.length === 0 && asked ? preferenceGap(db, actor, product.code, window) : null;
  return { window, productCode: product.code, doseNumber: last.dose_number + 1, slots: ranked.map((s, i) => ({ ...s, rank: i + 1 })), gap };
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
    const local = findAppointment(db, payload.id);
    if (local && local.version >= payload.version) return 'unchanged';
    const citizen = ensureCitizen(db, payload.person.ssin, { ...payload.person, language }, 'sync', now);
    const clash = payload.status === 'booked' ? openAppointment(db, payload.person.ssin, payload.doseNumber) : null;
    if (clash && clash.id !== payload.id) return 'conflict';
    // A cancellation here may already have given the unit to someone else: never revive it.
    if (local && local.status === 'cancelled' && payload.status !== 'cancelled') return 'conflict';
    if (local) {
      const sameSlot = local.slot_id === payload.slotId;
      updateSyncedAppointment(db, payload.id, {
        status: payload.status,
        version: payload.version,
        slotId: payload.slotId,
        unit: sameSlot ? local.unit : null,
        startAt: payload.start,
        endAt: payload.end,
        localDate: localDateOf(payload.start),
        updatedAt: now.toISOString(),
      });
      recordEvent(db, getAppointment(db, payload.id), 'sync', { stationId: payload.stationId, centreId: payload.centreId, now, by: 'sync' });
      return 'updated';
    }
    insertSyncedAppointment(db, {
      id: payload.id,
      citizenId: citizen.id,
      ssin: citizen.ssin,
      productCode: payload.productCode,
      doseNumber: payload.doseNumber,
      slotId: payload.slotId,
      startAt: payload.start,
      endAt: payload.end,
      localDate: localDateOf(payload.start),
      status: payload.status,
      stationId: payload.stationId,
      centreId: payload.centreId,
      shortCode: shortCodeOf(payload.id),
      version: payload.version,
      createdAt: payload.createdAt,
      updatedAt: now.toISOString(),
    });
    recordEvent(db, getAppointment(db, payload.id), 'sync', { stationId: payload.stationId, centreId: payload.centreId, now, by: 'sync' });
    return 'inserted';
  }).immediate();
}
