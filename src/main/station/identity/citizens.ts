import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import type { PersonRef } from '../../../domain/records';
import { parseSsin } from '../../../domain/identity/ssin';
import { localDateOf } from '../../../domain/time/local-time';
import { newId } from '../base/ids';
import {
  citizenBySsin,
  insertCitizen,
  insertCitizenChange,
  insertInvitationIfNew,
  invitationRowByCode,
  latestActiveInvitation,
  updateCitizenDetails,
  type CitizenRow,
  type InvitationRow,
} from './citizen-store';

export type { CitizenRow, InvitationRow };

export interface PersonDetails {
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  language: Language;
}

export function findCitizen(db: Db, ssin: string): CitizenRow | null {
  return citizenBySsin(db, ssin);
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
  insertCitizen(db, { id: newId(), ssin, familyName: details.familyName, givenNames: details.givenNames, birthDate: details.birthDate, sex: details.sex, language: details.language, source, at });
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
    updateCitizenDetails(db, before.id, after, now.toISOString());
    insertCitizenChange(db, { id: newId(), citizenId: before.id, at: now.toISOString(), by, reason, before: JSON.stringify(before), after: JSON.stringify(after) });
    return findCitizen(db, ssin)!;
  }).immediate();
}

export function invitationByCode(db: Db, code: string): InvitationRow | null {
  return invitationRowByCode(db, code);
}

/** The active invitation of a citizen, the most recent first. */
export function activeInvitation(db: Db, citizenId: string): InvitationRow | null {
  return latestActiveInvitation(db, citizenId);
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
  insertInvitationIfNew(db, { id: inv.id ?? newId(), citizenId, code: inv.code, eligibleProducts: JSON.stringify(inv.eligibleProducts), validFrom: inv.validFrom, source: inv.source, createdAt: now.toISOString() });
}
