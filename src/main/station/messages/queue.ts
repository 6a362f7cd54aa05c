import type { Db } from '../../adapters/sqlite/database';
import type { MessageSettings } from '../../../shared/settings';
import { addDays, localDateOf, localInstant } from '../../../domain/time/local-time';
import { newId } from '../base/ids';
import { smsNumber } from '../../../domain/messages/phone';
import {
  appointmentsNeedingReminder,
  contactOf,
  insertMessage,
  markInterruptedUncertain,
  type ContactRow,
  type MessageChannel,
  type MessageKind,
} from './store';

/** Workers sharing this database, woken after a message is queued so it leaves without a poll delay. */
const listeners = new WeakMap<Db, Set<() => void>>();

export function onMessageQueued(db: Db, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

/** After the caller's transaction commits (better-sqlite3 transactions are synchronous). */
function notifyQueued(db: Db): void {
  const set = listeners.get(db);
  if (set && set.size > 0) setImmediate(() => set.forEach((listener) => listener()));
}

/** The channels whose gateway is set up on this station. */
export function configuredChannels(settings: MessageSettings): MessageChannel[] {
  const out: MessageChannel[] = [];
  if (settings.email) out.push('email');
  if (settings.sms) out.push('sms');
  return out;
}

/** Where a message of this channel goes for this person, or null (no contact, or they said no). */
export function recipientOf(contact: ContactRow, channel: MessageChannel): string | null {
  if (contact.contact_refused) return null;
  if (channel === 'email') return contact.email;
  return contact.phone ? smsNumber(contact.phone) : null;
}

/** The channels a person will actually hear through: configured here and with a contact. */
export function reachableChannels(db: Db, citizenId: string, channels: readonly MessageChannel[]): MessageChannel[] {
  const contact = contactOf(db, citizenId);
  if (!contact) return [];
  return channels.filter((c) => recipientOf(contact, c) !== null);
}

export interface AppointmentFacts {
  id: string;
  citizen_id: string;
  start_at: string;
  short_code: string;
}

/**
 * Queues one message per reachable channel about an appointment, inside the booking's own
 * transaction: the booking and its messages commit together or not at all. Queuing the same
 * message twice (a repeated call) adds nothing.
 */
export function queueAppointmentMessages(db: Db, input: { appointment: AppointmentFacts; kind: MessageKind; channels: readonly MessageChannel[]; now: Date }): number {
  if (!db.inTransaction) throw new Error('queueAppointmentMessages must run inside the booking transaction');
  if (input.channels.length === 0) return 0;
  const contact = contactOf(db, input.appointment.citizen_id);
  if (!contact) return 0;
  let queued = 0;
  for (const channel of input.channels) {
    const recipient = recipientOf(contact, channel);
    if (!recipient) continue;
    const inserted = insertMessage(db, {
      id: newId(),
      appointmentId: input.appointment.id,
      citizenId: contact.id,
      kind: input.kind,
      channel,
      recipient,
      language: contact.language,
      startAt: input.appointment.start_at,
      shortCode: input.appointment.short_code,
      resendOf: null,
      at: input.now.toISOString(),
    });
    if (inserted) queued += 1;
  }
  if (queued > 0) notifyQueued(db);
  return queued;
}

/**
 * The day-before reminders, from the station clock: every open appointment this station booked
 * for tomorrow (Europe/Brussels), booked before today, gets one per channel. A booking made today
 * got its own message, so the set does not grow during the day: the worker runs this once per
 * station day (again when the settings change); the unique index makes a repeat harmless.
 */
export function queueDueReminders(db: Db, input: { stationId: string; channels: readonly MessageChannel[]; now: Date }): number {
  if (input.channels.length === 0) return 0;
  const today = localDateOf(input.now);
  const filter = { stationId: input.stationId, localDate: addDays(today, 1), bookedBefore: new Date(localInstant(today, '00:00')).toISOString() };
  // Read first: the worker asks every round, and most rounds find nothing to write.
  if (appointmentsNeedingReminder(db, filter).length === 0) return 0;
  return db.transaction(() => {
    let queued = 0;
    for (const a of appointmentsNeedingReminder(db, filter)) {
      queued += queueAppointmentMessages(db, { appointment: a, kind: 'reminder', channels: input.channels, now: input.now });
    }
    return queued;
  }).immediate();
}

/** At start: a message found 'sending' may have reached the gateway, so it is shown, not resent. */
export function recoverInterruptedMessages(db: Db, now: Date): number {
  return markInterruptedUncertain(db, now.toISOString());
}
