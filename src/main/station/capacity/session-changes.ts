import type { Db } from '../../adapters/sqlite/database';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { SessionChange as PublishedSessionChange } from '../../../domain/fhir/session-change';
import { sessionChangeRecordId } from '../../../domain/fhir/session-change';
import { applySessionChange, planSessionChange, type SessionChange } from './calendar';
import { bookedAppointmentIdsOfSession, findSession, markSessionCancelled } from './calendar-store';

/**
 * Closing or changing a session, wherever the decision was taken: on this station by its
 * supervisor, or on another station of the centre and read from the backend. The bookings that
 * no longer fit are handed to `move` (booking's cancel-to-follow-up, wired by the caller) inside
 * the caller's transaction, so a session never loses a person silently.
 */

/** Outbox kind of a session change for the other stations (sent by centre-sync, not the record worker). */
export const SESSION_CHANGE_KIND = 'centre-session';

export type MoveToFollowUp = (appointmentId: string) => void;

/** Closes an open session, moving its open bookings; the number moved. A closed one is left as it is. */
export function closeSessionMovingBookings(db: Db, sessionId: string, move: MoveToFollowUp): number {
  const session = findSession(db, sessionId);
  if (!session) throw new DoseDeskError('capacity.session_unknown', { session: sessionId });
  if (session.status !== 'open') return 0;
  const booked = bookedAppointmentIdsOfSession(db, sessionId);
  for (const id of booked) move(id);
  markSessionCancelled(db, sessionId);
  return booked.length;
}

/** Changes a session's end or places per slot, moving the bookings that no longer fit; the plan applied. */
export function changeSessionMovingBookings(db: Db, sessionId: string, change: SessionChange, move: MoveToFollowUp): ReturnType<typeof planSessionChange> {
  const plan = planSessionChange(db, sessionId, change);
  for (const id of plan.affected) move(id);
  applySessionChange(db, plan, change);
  return plan;
}

/**
 * Queues the session's state as it now is for the centre's other stations, in the caller's
 * transaction (the local change and its publication commit together). The backend keeps one
 * Schedule per session, so only the newest state matters.
 */
export function publishSessionChange(db: Db, centreId: string, sessionId: string, now: Date): void {
  const s = findSession(db, sessionId);
  if (!s) throw new DoseDeskError('capacity.session_unknown', { session: sessionId });
  const payload: PublishedSessionChange = {
    centreId,
    sessionId,
    date: s.date,
    productCode: s.product_code,
    start: s.start_local,
    end: s.end_local,
    slotMinutes: s.slot_minutes,
    capacityPerSlot: s.capacity_per_slot,
    active: s.status === 'open',
  };
  enqueueOutbox(db, { kind: SESSION_CHANGE_KIND, recordId: sessionChangeRecordId(sessionId), personKey: `centre:${centreId}`, payload }, now);
}
