/** SQL of citizens, their corrections and their invitations. */
import type { Db } from '../../adapters/sqlite/database';
import type { Language } from '../../../shared/i18n/languages';
import { invitationCodeKey } from '../../../domain/identity/invitation';

export interface CitizenRow {
  id: string;
  ssin: string;
  family_name: string;
  given_names: string;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  language: Language;
  source: string;
  /** From the invitation list (migration 050); retention clears them with the names. */
  email?: string | null;
  phone?: string | null;
}

export interface InvitationRow {
  id: string;
  citizen_id: string;
  code: string;
  eligible_products: string;
  valid_from: string | null;
  status: 'active' | 'withdrawn';
  /** The invited time from the centre's invitation list (migration 050). */
  invited_at?: string | null;
  /** When and by whom it was withdrawn (migration 058); null while active. */
  withdrawn_at?: string | null;
  withdrawn_source?: 'backend' | 'supervisor' | null;
}

export function citizenBySsin(db: Db, ssin: string): CitizenRow | null {
  return (db.prepare('SELECT * FROM citizens WHERE ssin = ?').get(ssin) as CitizenRow | undefined) ?? null;
}

export function citizenById(db: Db, id: string): CitizenRow | null {
  return (db.prepare('SELECT * FROM citizens WHERE id = ?').get(id) as CitizenRow | undefined) ?? null;
}

export function insertCitizen(
  db: Db,
  c: { id: string; ssin: string; familyName: string; givenNames: string; birthDate: string | null; sex: 'M' | 'F' | null; language: Language; source: string; at: string },
): void {
  db.prepare(
    `INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.ssin, c.familyName, c.givenNames, c.birthDate, c.sex, c.language, c.source, c.at, c.at);
}

export function updateCitizenDetails(
  db: Db,
  id: string,
  d: { family_name: string; given_names: string; birth_date: string | null; sex: 'M' | 'F' | null; language: Language },
  at: string,
): void {
  db.prepare('UPDATE citizens SET family_name = ?, given_names = ?, birth_date = ?, sex = ?, language = ?, updated_at = ? WHERE id = ?').run(
    d.family_name,
    d.given_names,
    d.birth_date,
    d.sex,
    d.language,
    at,
    id,
  );
}

export function insertCitizenChange(db: Db, c: { id: string; citizenId: string; at: string; by: string; reason: string; before: string; after: string }): void {
  db.prepare('INSERT INTO citizen_changes (id, citizen_id, at, by, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.id,
    c.citizenId,
    c.at,
    c.by,
    c.reason,
    c.before,
    c.after,
  );
}

/**
 * The invitation with this code: as stored, else the one code equal to it in another case, in any
 * alphabet (a code typed from the letter or read out on the phone rarely keeps its case).
 */
export function invitationRowByCode(db: Db, code: string): InvitationRow | null {
  const exact = db.prepare('SELECT * FROM invitations WHERE code = ?').get(code) as InvitationRow | undefined;
  if (exact) return exact;
  const any = db.prepare('SELECT * FROM invitations WHERE code_key = ? LIMIT 2').all(invitationCodeKey(code)) as InvitationRow[];
  return any.length === 1 ? any[0]! : null;
}

/**
 * Marks the active invitations with this code (in any case) withdrawn, with when and by whom;
 * never deletes them. Returns how many changed.
 */
export function withdrawInvitationsByCode(db: Db, code: string, source: 'backend' | 'supervisor', at: string): number {
  return db
    .prepare(`UPDATE invitations SET status = 'withdrawn', withdrawn_at = ?, withdrawn_source = ? WHERE code_key = ? AND status = 'active'`)
    .run(at, source, invitationCodeKey(code)).changes;
}

/** The most recent active invitation of a citizen. */
export function latestActiveInvitation(db: Db, citizenId: string): InvitationRow | null {
  return (
    (db.prepare(`SELECT * FROM invitations WHERE citizen_id = ? AND status = 'active' ORDER BY created_at DESC LIMIT 1`).get(citizenId) as
      | InvitationRow
      | undefined) ?? null
  );
}

/** An active invitation; an id or code already known is kept as it is. */
export function insertInvitationIfNew(
  db: Db,
  inv: { id: string; citizenId: string; code: string; eligibleProducts: string; validFrom: string | null; source: string; createdAt: string },
): void {
  db.prepare(
    `INSERT OR IGNORE INTO invitations (id, citizen_id, code, code_key, eligible_products, valid_from, status, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
  ).run(inv.id, inv.citizenId, inv.code, invitationCodeKey(inv.code), inv.eligibleProducts, inv.validFrom, inv.source, inv.createdAt);
}
