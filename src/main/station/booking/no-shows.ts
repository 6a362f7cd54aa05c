import type { Db } from '../../adapters/sqlite/database';
import { localDateOf } from '../../../domain/time/local-time';
import { setAppointmentStatus, type Actor } from './appointments';
import { bookedPastSessionEnd, bookedUntilDay, type AppointmentRow } from './appointment-store';
import { requestFollowUp } from './follow-up';

/**
 * No-shows. An appointment booked here that is neither fulfilled nor cancelled when its session
 * ends (by the station's clock) becomes `noshow`: a new version through the outbox, and the
 * person goes on the follow-up desk's list. Only this station's own bookings: the station that
 * booked an appointment is the one that decides it was missed, so two stations never write two
 * versions of it. A late arrival the same day is still served (doses.ts turns it into `fulfilled`).
 */
function markAll(db: Db, actor: Actor, rows: readonly AppointmentRow[], reason: string): AppointmentRow[] {
  return rows.map((row) => {
    const missed = setAppointmentStatus(db, row, 'noshow', reason, actor);
    requestFollowUp(db, actor, missed, 'noshow');
    return missed;
  });
}

/** Marks the appointments whose session has ended by the actor's clock; cheap when there are none. */
export function markEndedSessions(db: Db, actor: Actor): AppointmentRow[] {
  const now = actor.now.toISOString();
  const due = bookedPastSessionEnd(db, actor.stationId, localDateOf(actor.now), now);
  if (due.length === 0) return [];
  return db.transaction(() => markAll(db, actor, bookedPastSessionEnd(db, actor.stationId, localDateOf(actor.now), now), 'session ended')).immediate();
}

/** Day close: every appointment of the day (or earlier) still open is a no-show, whatever its session's end. */
export function closeDay(db: Db, actor: Actor, date: string): AppointmentRow[] {
  return db.transaction(() => markAll(db, actor, bookedUntilDay(db, actor.stationId, date), 'day closed')).immediate();
}
