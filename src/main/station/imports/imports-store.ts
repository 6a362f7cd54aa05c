/** SQL the centre imports add beside booking's stores: invited times and contact details. */
import type { Db } from '../../adapters/sqlite/database';

export function setInvitationInvitedAt(db: Db, code: string, invitedAt: string | null): void {
  db.prepare('UPDATE invitations SET invited_at = ? WHERE code = ?').run(invitedAt, code);
}

export interface CitizenContactRow {
  citizen_id: string;
  email: string | null;
  phone: string | null;
}

export function citizenContact(db: Db, citizenId: string): CitizenContactRow | null {
  return (db.prepare('SELECT citizen_id, email, phone FROM citizen_contacts WHERE citizen_id = ?').get(citizenId) as CitizenContactRow | undefined) ?? null;
}

/** The e-mail and phone the invitation list gives; a value the list leaves empty is kept. */
export function upsertCitizenContact(db: Db, c: { citizenId: string; email: string | null; phone: string | null; at: string }): void {
  db.prepare(
    `INSERT INTO citizen_contacts (citizen_id, email, phone, source, updated_at) VALUES (?, ?, ?, 'invitation', ?)
     ON CONFLICT(citizen_id) DO UPDATE SET email = COALESCE(excluded.email, email), phone = COALESCE(excluded.phone, phone), updated_at = excluded.updated_at`,
  ).run(c.citizenId, c.email, c.phone, c.at);
}

/** Invitations whose code equals this one in any case (at most two are read: one is a match, two a clash). */
export function invitationCodesLike(db: Db, code: string): { code: string; citizen_id: string; eligible_products: string; invited_at: string | null }[] {
  return db.prepare('SELECT code, citizen_id, eligible_products, invited_at FROM invitations WHERE code = ? COLLATE NOCASE LIMIT 2').all(code) as {
    code: string;
    citizen_id: string;
    eligible_products: string;
    invited_at: string | null;
  }[];
}

export function invitationIdTaken(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM invitations WHERE id = ?').get(id) !== undefined;
}
