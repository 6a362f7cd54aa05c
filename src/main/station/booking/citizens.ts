import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import type { PersonRef } from '../../../domain/records';
import { parseSsin } from '../../../domain/identity/ssin';
import { localDateOf } from '../../../domain/time/local-time';
import { newId } from './ids';

export interface CitizenRow {
  id: string;
  ssin: string;
  family_name: string;
  given_names: string;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  language: Language;
  source: string;
}

export interface PersonDetails {
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  language: Language;
}

export function findCitizen(db: Db, ssin: string): CitizenRow | null {
  return (db.prepare('SELECT * FROM citizens WHERE ssin = ?').get(ssin) as CitizenRow | undefined) ?? null;
}

export function personRef(c: CitizenRow): PersonRef {
  return { ssin: c.ssin, familyName: c.family_name, givenNames: c.given_names, birthDate: c.birth_date, sex: c.sex };
}

export function fullName(c: { given_names: string; family_name: string }): string {
  return `${c.given_names} ${c.family_name}`.trim();
}

/**
 * The 11 digits of a valid national or BIS number. Numbers read from a document the state issued
 * pass with an odd month (specimens); a typed number must be fully valid.
 */
export function checkedSsin(text: string, now: Date, source: 'typed' | 'document' = 'typed'): string {
  const parsed = parseSsin(text, localDateOf(now), { source });
  if (!parsed.ok) throw new DoseDeskError(parsed.code, parsed.params);
  return parsed.value.ssin;
}

/**
 * The citizen with this SSIN, created from the details given (check-in, card, chip) when unknown.
 * Known details are not overwritten silently: changes to a person go through corrections.
 */
export function ensureCitizen(db: Db, ssin: string, details: PersonDetails | null, source: 'checkin' | 'card' | 'seed' | 'sync' | 'invitation', now: Date): CitizenRow {
  const existing = findCitizen(db, ssin);
  if (existing) return existing;
  if (!details) throw new DoseDeskError('booking.unknown_person', { ssin });
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), ssin, details.familyName, details.givenNames, details.birthDate, details.sex, details.language, source, at, at);
  return findCitizen(db, ssin)!;
}

/** Corrects a person's details, keeping before/after, who and why. */
export function correctCitizen(db: Db, ssin: string, patch: Partial<PersonDetails>, reason: string, by: string, now: Date): CitizenRow {
  return db.transaction(() => {
    const before = findCitizen(db, ssin);
    if (!before) throw new DoseDeskError('booking.unknown_person', { ssin });
    const after = {
      family_name: patch.familyName ?? before.family_name,
      given_names: patch.givenNames ?? before.given_names,
      birth_date: patch.birthDate === undefined ? before.birth_date : patch.birthDate,
      sex: patch.sex === undefined ? before.sex : patch.sex,
      language: patch.language ?? before.language,
    };
    db.prepare('UPDATE citizens SET family_name = ?, given_names = ?, birth_date = ?, sex = ?, language = ?, updated_at = ? WHERE id = ?').run(
      after.family_name,
      after.given_names,
      after.birth_date,
      after.sex,
      after.language,
      now.toISOString(),
      before.id,
    );
    db.prepare('INSERT INTO citizen_changes (id, citizen_id, at, by, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      newId(),
      before.id,
      now.toISOString(),
      by,
      reason,
      JSON.stringify(before),
      JSON.stringify(after),
    );
    return findCitizen(db, ssin)!;
  }).immediate();
}

export interface InvitationRow {
  id: string;
  citizen_id: string;
  code: string;
  eligible_products: string;
  valid_from: string | null;
  status: 'active' | 'withdrawn';
}

export function invitationByCode(db: Db, code: string): InvitationRow | null {
  return (db.prepare('SELECT * FROM invitations WHERE code = ?').get(code) as InvitationRow | undefined) ?? null;
}

/** The active invitation of a citizen, the most recent first. */
export function activeInvitation(db: Db, citizenId: string): InvitationRow | null {
  return (
    (db.prepare(`SELECT * FROM invitations WHERE citizen_id = ? AND status = 'active' ORDER BY created_at DESC LIMIT 1`).get(citizenId) as
      | InvitationRow
      | undefined) ?? null
  );
}

export function eligibleProducts(inv: InvitationRow): string[] {
  try {
    const parsed = JSON.parse(inv.eligible_products) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function addInvitation(
  db: Db,
  citizenId: string,
  inv: { id?: string; code: string; eligibleProducts: string[]; validFrom: string | null; source: 'seed' | 'sync' | 'supervisor' },
  now: Date,
): void {
  db.prepare(
    `INSERT OR IGNORE INTO invitations (id, citizen_id, code, eligible_products, valid_from, status, source, created_at)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
  ).run(inv.id ?? newId(), citizenId, inv.code, JSON.stringify(inv.eligibleProducts), inv.validFrom, inv.source, now.toISOString());
}
