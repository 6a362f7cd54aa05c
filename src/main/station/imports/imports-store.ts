/** SQL the centre imports add beside booking's stores: invited times and contact details. */
import type { Db } from '../../adapters/sqlite/database';
import { invitationCodeKey } from '../../../domain/identity/invitation';

export function setInvitationInvitedAt(db: Db, code: string, invitedAt: string | null): void {
  db.prepare('UPDATE invitations SET invited_at = ? WHERE code = ?').run(invitedAt, code);
}

export interface CitizenContactRow {
  email: string | null;
  phone: string | null;
}

export function citizenContact(db: Db, citizenId: string): CitizenContactRow | null {
  return (db.prepare('SELECT email, phone FROM citizens WHERE id = ?').get(citizenId) as CitizenContactRow | undefined) ?? null;
}

/** The e-mail and phone the invitation list gives; a value the list leaves empty is kept. */
export function setCitizenContact(db: Db, c: { citizenId: string; email: string | null; phone: string | null; at: string }): void {
  db.prepare('UPDATE citizens SET email = COALESCE(?, email), phone = COALESCE(?, phone), updated_at = ? WHERE id = ?').run(c.email, c.phone, c.at, c.citizenId);
}

/** Invitations whose code equals this one in any case, in any alphabet (at most two are read: one is a match, two a clash). */
export function invitationCodesLike(db: Db, code: string): { code: string; citizen_id: string; eligible_products: string; invited_at: string | null }[] {
  return db.prepare('SELECT code, citizen_id, eligible_products, invited_at FROM invitations WHERE code_key = ? LIMIT 2').all(invitationCodeKey(code)) as {
    code: string;
    citizen_id: string;
    eligible_products: string;
    invited_at: string | null;
  }[];
}

export function invitationIdTaken(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM invitations WHERE id = ?').get(id) !== undefined;
}
