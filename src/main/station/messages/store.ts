/** SQL of citizen messages and of the contact details and consent they are sent to. */
import type { Db } from '../../adapters/sqlite/database';
import type { Language } from '../../../shared/i18n/languages';

export type MessageKind = 'booked' | 'rebooked' | 'cancelled' | 'reminder';
export type MessageChannel = 'email' | 'sms';
export type MessageState = 'queued' | 'sending' | 'sent' | 'uncertain' | 'failed';

export interface MessageRow {
  seq: number;
  id: string;
  appointment_id: string;
  citizen_id: string;
  kind: MessageKind;
  channel: MessageChannel;
  recipient: string;
  language: Language;
  start_at: string;
  short_code: string;
  state: MessageState;
  attempts: number;
  problem: string | null;
  problem_detail: string | null;
  gateway_ref: string | null;
  resolution: 'confirmed' | 'resent' | 'dropped' | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resend_of: string | null;
  created_at: string;
  updated_at: string;
  sending_at: string | null;
  sent_at: string | null;
}

export interface ContactRow {
  id: string;
  language: Language;
  email: string | null;
  phone: string | null;
  contact_refused: number;
}

export function contactOf(db: Db, citizenId: string): ContactRow | null {
  return (db.prepare('SELECT id, language, email, phone, contact_refused FROM citizens WHERE id = ?').get(citizenId) as ContactRow | undefined) ?? null;
}

export function contactBySsin(db: Db, ssin: string): ContactRow | null {
  return (db.prepare('SELECT id, language, email, phone, contact_refused FROM citizens WHERE ssin = ?').get(ssin) as ContactRow | undefined) ?? null;
}

/** Check-in's answer: the contact as the person gave it (null clears) and whether they want messages. */
export function updateContact(db: Db, c: { citizenId: string; email: string | null; phone: string | null; refused: boolean; at: string }): void {
  db.prepare('UPDATE citizens SET email = ?, phone = ?, contact_refused = ?, updated_at = ? WHERE id = ?').run(c.email, c.phone, c.refused ? 1 : 0, c.at, c.citizenId);
}

export interface NewMessage {
  id: string;
  appointmentId: string;
  citizenId: string;
  kind: MessageKind;
  channel: MessageChannel;
  recipient: string;
  language: Language;
  startAt: string;
  shortCode: string;
  resendOf: string | null;
  at: string;
}

/** Inserts unless this kind of message for this appointment and channel exists already; true when inserted. */
export function insertMessage(db: Db, m: NewMessage): boolean {
  const result = db
    .prepare(
      `INSERT INTO citizen_message (id, appointment_id, citizen_id, kind, channel, recipient, language, start_at, short_code, resend_of, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(m.id, m.appointmentId, m.citizenId, m.kind, m.channel, m.recipient, m.language, m.startAt, m.shortCode, m.resendOf, m.at, m.at);
  return result.changes === 1;
}

export function findMessage(db: Db, id: string): MessageRow | null {
  return (db.prepare('SELECT * FROM citizen_message WHERE id = ?').get(id) as MessageRow | undefined) ?? null;
}

/** The oldest queued message of a channel. */
export function nextQueued(db: Db, channel: MessageChannel): MessageRow | null {
  return (db.prepare(`SELECT * FROM citizen_message WHERE state = 'queued' AND channel = ? ORDER BY seq LIMIT 1`).get(channel) as MessageRow | undefined) ?? null;
}

export function queuedChannels(db: Db): MessageChannel[] {
  return (db.prepare(`SELECT DISTINCT channel FROM citizen_message WHERE state = 'queued'`).all() as { channel: MessageChannel }[]).map((r) => r.channel);
}

/** queued -> sending, committed before the gateway sees the message; false when another round took it. */
export function claimMessage(db: Db, id: string, at: string): boolean {
  return db.prepare(`UPDATE citizen_message SET state = 'sending', attempts = attempts + 1, sending_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'`).run(at, at, id).changes === 1;
}

/** The gateway refused before taking the message: it waits in the queue again. */
export function releaseMessage(db: Db, id: string, f: { problem: string; detail: string; at: string }): void {
  db.prepare(`UPDATE citizen_message SET state = 'queued', problem = ?, problem_detail = ?, updated_at = ? WHERE id = ? AND state = 'sending'`).run(f.problem, f.detail.slice(0, 300), f.at, id);
}

export function finishMessage(db: Db, id: string, f: { state: 'sent' | 'uncertain' | 'failed'; problem: string | null; detail: string | null; ref: string | null; at: string }): void {
  db.prepare(
    `UPDATE citizen_message SET state = ?, problem = ?, problem_detail = ?, gateway_ref = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, updated_at = ? WHERE id = ? AND state = 'sending'`,
  ).run(f.state, f.problem, f.detail?.slice(0, 300) ?? null, f.ref, f.state, f.at, f.at, id);
}

/** Messages left 'sending' by a stop mid-send: the gateway may have them, so a person decides. */
export function markInterruptedUncertain(db: Db, at: string): number {
  return db.prepare(`UPDATE citizen_message SET state = 'uncertain', problem = 'messages.problem.interrupted', updated_at = ? WHERE state = 'sending'`).run(at).changes;
}

export function resolveMessage(db: Db, id: string, r: { resolution: 'confirmed' | 'resent' | 'dropped'; by: string; at: string }): boolean {
  return (
    db
      .prepare(`UPDATE citizen_message SET resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND state IN ('uncertain', 'failed') AND resolution IS NULL`)
      .run(r.resolution, r.by, r.at, r.at, id).changes === 1
  );
}

export interface MessageCounts {
  waiting: number;
  sent: number;
  uncertain: number;
  failed: number;
}

/** Counts for staff; an uncertain or failed message a person has settled no longer counts as one. */
export function messageCounts(db: Db): MessageCounts {
  const row = db
    .prepare(
      `SELECT
         COALESCE(SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END), 0) AS waiting,
         COALESCE(SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END), 0) AS sent,
         COALESCE(SUM(CASE WHEN state = 'uncertain' AND resolution IS NULL THEN 1 ELSE 0 END), 0) AS uncertain,
         COALESCE(SUM(CASE WHEN state = 'failed' AND resolution IS NULL THEN 1 ELSE 0 END), 0) AS failed
       FROM citizen_message`,
    )
    .get() as MessageCounts;
  return row;
}

export function listMessages(db: Db, filter: { states: MessageState[] | null; limit: number }): MessageRow[] {
  if (!filter.states) return db.prepare('SELECT * FROM citizen_message ORDER BY seq DESC LIMIT ?').all(filter.limit) as MessageRow[];
  const marks = filter.states.map(() => '?').join(', ');
  return db.prepare(`SELECT * FROM citizen_message WHERE state IN (${marks}) ORDER BY seq DESC LIMIT ?`).all(...filter.states, filter.limit) as MessageRow[];
}

export interface ReminderCandidate {
  id: string;
  citizen_id: string;
  start_at: string;
  short_code: string;
}

/**
 * Appointments this station booked for a day, still open, and made before `bookedBefore` (an
 * appointment booked the day before already got its own message).
 */
export function appointmentsNeedingReminder(db: Db, f: { stationId: string; localDate: string; bookedBefore: string }): ReminderCandidate[] {
  return db
    .prepare(
      `SELECT a.id, a.citizen_id, a.start_at, a.short_code FROM appointments a
       WHERE a.local_date = ? AND a.status = 'booked' AND a.origin = 'station' AND a.station_id = ? AND a.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM citizen_message m WHERE m.appointment_id = a.id AND m.kind = 'reminder')`,
    )
    .all(f.localDate, f.stationId, f.bookedBefore) as ReminderCandidate[];
}

/** Retention: the addresses and numbers messages went to are replaced once the person's records are old and synced. */
export function forgetRecipients(db: Db, citizenId: string, at: string): number {
  return db.prepare(`UPDATE citizen_message SET recipient = '(removed)', gateway_ref = NULL, problem_detail = NULL, updated_at = ? WHERE citizen_id = ? AND recipient != '(removed)'`).run(at, citizenId).changes;
}
