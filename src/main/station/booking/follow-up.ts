import type { Db } from '../../adapters/sqlite/database';
import { intervalOn } from '../rules/rules';
import { nextDoseWindow } from '../../../domain/vaccines/interval';
import { toBeBookedMessageKey, type ToBeBookedReason } from '../../../domain/booking/notices';
import { findCitizen } from '../identity/citizens';
import { getProduct } from '../products/products';
import { newId } from '../base/ids';
import { bookNextDoseInTx, cancelAppointment, waitingRequest, type Actor } from './appointments';
import { findCompletedDose } from './dose-store';
import { insertWaitingRequest, waitingRequestRows, type AppointmentRow, type RequestFilter } from './appointment-store';

/**
 * The follow-up desk: people whose next dose is not booked. A cancelled or missed appointment puts
 * the person back on the list (a waiting booking request, like a dose that found no slot), so the
 * desk, the day plan's count and "book everyone who fits now" all read one list.
 */

/**
 * Puts the person of a cancelled or missed appointment on the list, inside the caller's transaction.
 * The window is the one the dose before gives; an appointment with no dose before (one pulled from
 * the backend) keeps its own day as the window rather than dropping the person.
 */
export function requestFollowUp(db: Db, actor: Actor, appointment: AppointmentRow, reason: Extract<ToBeBookedReason, 'cancelled' | 'noshow'>): void {
  // Already waiting for this dose (an earlier request): one entry per person and dose.
  if (waitingRequest(db, appointment.ssin, appointment.dose_number)) return;
  const previous = appointment.previous_dose_id ? findCompletedDose(db, appointment.previous_dose_id) : null;
  const product = getProduct(db, previous?.product_code ?? appointment.product_code);
  // A course with no next dose (single-dose product) has nothing to book.
  const interval = previous ? intervalOn(db, product.code, previous.local_date) : null;
  if (previous && !interval) return;
  const window =
    previous && interval
      ? nextDoseWindow(previous.administered_at, interval)
      : { earliestDate: appointment.local_date, targetDate: appointment.local_date, latestDate: appointment.local_date };
  insertWaitingRequest(db, {
    id: newId(),
    citizenId: appointment.citizen_id,
    ssin: appointment.ssin,
    productCode: product.code,
    doseNumber: appointment.dose_number,
    previousDoseId: previous?.id ?? null,
    earliestDate: window.earliestDate,
    targetDate: window.targetDate,
    latestDate: window.latestDate,
    preference: appointment.preference,
    reason,
    messageKey: toBeBookedMessageKey(reason),
    stationId: actor.stationId,
    at: actor.now.toISOString(),
  });
}

/**
 * Cancels an appointment and puts its person on the list in one transaction (the cancellation goes
 * through the outbox like any other): `booking.cancel`, and the calendar when a session with bookings
 * is closed or shortened, so nobody is dropped silently.
 */
export function cancelToFollowUp(db: Db, actor: Actor, appointmentId: string, reason: string): AppointmentRow {
  return db.transaction(() => {
    const cancelled = cancelAppointment(db, actor, appointmentId, reason);
    requestFollowUp(db, actor, cancelled, 'cancelled');
    return cancelled;
  }).immediate();
}

export interface BookAllResult {
  booked: AppointmentRow[];
  /** Waiting requests of the filter that still found no slot. */
  left: number;
}

/**
 * Books everyone on the list (within the filter) who fits in this station's free capacity now, in
 * a fair order: the window that ends first is served first. Each booking is an ordinary one (a unit
 * this station owns, its history and outbox row), so nothing is ever overbooked; all of it commits
 * together or not at all. The person's stored preference still applies.
 */
export function bookAllThatFit(db: Db, actor: Actor, filter: RequestFilter): BookAllResult {
  return db.transaction((): BookAllResult => {
    const booked: AppointmentRow[] = [];
    let left = 0;
    for (const request of waitingRequestRows(db, filter)) {
      const citizen = findCitizen(db, request.ssin);
      const previous = request.previous_dose_id ? findCompletedDose(db, request.previous_dose_id) : null;
      if (!citizen || !previous) {
        left++;
        continue;
      }
      const outcome = bookNextDoseInTx(db, actor, {
        citizen,
        product: getProduct(db, previous.product_code),
        previous: { id: previous.id, administeredAt: previous.administered_at, doseNumber: previous.dose_number },
        preference: parsePreference(request.preference),
      });
      if (outcome.kind === 'booked') booked.push(outcome.appointment);
      else left++;
    }
    return { booked, left };
  }).immediate();
}

function parsePreference(text: string): { partsOfDay?: ('morning' | 'afternoon' | 'evening')[]; notBefore?: string | null } {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as { partsOfDay?: ('morning' | 'afternoon' | 'evening')[]; notBefore?: string | null }) : {};
  } catch {
    return {};
  }
}
