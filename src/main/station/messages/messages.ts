import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { MessageSummary } from '../../../shared/api/messages';
import { smsNumber } from '../../../domain/messages/phone';
import { newId } from '../base/ids';
import { ensureCitizen, type PersonDetails } from '../identity/citizens';
import { recipientOf } from './queue';
import { contactBySsin, contactOf, findMessage, insertMessage, resolveMessage, updateContact, type MessageChannel, type MessageRow } from './store';

export function toSummary(row: MessageRow): MessageSummary {
  return {
    id: row.id,
    appointmentId: row.appointment_id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    language: row.language,
    startAt: row.start_at,
    state: row.state,
    attempts: row.attempts,
    problem: row.problem,
    problemDetail: row.problem_detail,
    resolution: row.resolution,
    resendOf: row.resend_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
  };
}

export function getMessage(db: Db, id: string): MessageRow {
  const row = findMessage(db, id);
  if (!row) throw new DoseDeskError('messages.not_found', { message: id });
  return row;
}

/**
 * A person settles a message that may have gone or was refused: confirmed (the citizen has it),
 * dropped, or resent as a NEW message (to the contact as it is now), so the first one is never
 * sent again by itself. Returns the new message for a resend, the settled one otherwise.
 */
export function resolve(db: Db, input: { id: string; action: 'confirm' | 'resend' | 'drop'; by: string; now: Date }): MessageRow {
  return db.transaction(() => {
    const row = getMessage(db, input.id);
    const at = input.now.toISOString();
    const resolution = input.action === 'confirm' ? 'confirmed' : input.action === 'resend' ? 'resent' : 'dropped';
    if (!resolveMessage(db, row.id, { resolution, by: input.by, at })) throw new DoseDeskError('messages.not_open', { message: row.id, state: row.state });
    if (input.action !== 'resend') return getMessage(db, row.id);
    const contact = contactOf(db, row.citizen_id);
    const id = newId();
    insertMessage(db, {
      id,
      appointmentId: row.appointment_id,
      citizenId: row.citizen_id,
      kind: row.kind,
      channel: row.channel,
      recipient: (contact && recipientOf(contact, row.channel)) ?? row.recipient,
      language: contact?.language ?? row.language,
      startAt: row.start_at,
      shortCode: row.short_code,
      resendOf: row.id,
      at,
    });
    return getMessage(db, id);
  }).immediate();
}

export interface ContactView {
  email: string | null;
  phone: string | null;
  consent: boolean;
  reachableBy: MessageChannel[];
}

function view(db: Db, ssin: string, channels: readonly MessageChannel[]): ContactView {
  const contact = contactBySsin(db, ssin);
  if (!contact) throw new DoseDeskError('messages.unknown_person', { ssin });
  return { email: contact.email, phone: contact.phone, consent: !contact.contact_refused, reachableBy: channels.filter((c) => recipientOf(contact, c) !== null) };
}

export function contactView(db: Db, ssin: string, channels: readonly MessageChannel[]): ContactView {
  return view(db, ssin, channels);
}

/** Check-in's edit of a person's contact and consent; the number is checked as an SMS gateway would need it. */
export function setContact(
  db: Db,
  input: { ssin: string; email: string | null; phone: string | null; consent: boolean; person?: PersonDetails | undefined; now: Date },
  channels: readonly MessageChannel[],
): ContactView {
  const email = input.email ? input.email.trim() : null;
  const phone = input.phone ? input.phone.trim() : null;
  if (email && (email.length < 3 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) throw new DoseDeskError('messages.email_invalid', { value: email.slice(0, 64) });
  if (phone && (!smsNumber(phone) || phone.length > 24)) throw new DoseDeskError('messages.phone_invalid', { value: phone.slice(0, 32) });
  return db.transaction(() => {
    if (input.person) ensureCitizen(db, input.ssin, input.person, 'checkin', input.now);
    const contact = contactBySsin(db, input.ssin);
    if (!contact) throw new DoseDeskError('messages.unknown_person', { ssin: input.ssin });
    updateContact(db, { citizenId: contact.id, email, phone, refused: !input.consent, at: input.now.toISOString() });
    return view(db, input.ssin, channels);
  }).immediate();
}
