import type { Db } from '../../adapters/sqlite/database';
import { classifyScan } from '../../../domain/identity/classify';
import { invitationCodeKey } from '../../../domain/identity/invitation';
import { parseSsin } from '../../../domain/identity/ssin';
import { localDateOf } from '../../../domain/time/local-time';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { addInvitation, ensureCitizen, findCitizen } from '../identity/citizens';
import { findProduct } from '../products/products';
import { citizenById } from '../identity/citizen-store';
import { nameUuid } from '../base/ids';
import { plainText, required, rowsByColumn, type Row } from './columns';
import type { CsvTable } from './csv';
import { ImportError } from './import-error';
import { invitationCodesLike, invitationIdTaken, setInvitationInvitedAt, setCitizenContact } from './imports-store';
import { localInstantCell } from './values';

/**
 * `centre import-invitations`: the people the centre invited, with the code of their letter.
 * Check-in then finds them by that code (in any case, with spaces around it). A person already
 * known keeps their details (changes go through corrections); an invitation code already known
 * for the same person and products is unchanged, for anyone else refused.
 */

export const INVITATION_COLUMNS = ['code', 'ssin', 'surname', 'given_names', 'language', 'product'] as const;
export const INVITATION_OPTIONAL_COLUMNS = ['start', 'email', 'phone'] as const;

export interface InvitationsImportSummary {
  /** Invitations added. */
  invitations: number;
  /** People not known before. */
  citizens: number;
  /** Rows identical to an invitation already there. */
  unchanged: number;
}

export interface PlannedInvitation {
  code: string;
  ssin: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  familyName: string;
  givenNames: string;
  language: Language;
  products: string[];
  invitedAt: string | null;
  email: string | null;
  phone: string | null;
}

/** The code as check-in will read it: what a scan of the letter classifies as an invitation code. */
function codeCell(row: Row, today: string): string {
  const value = required(row, 'code');
  const scan = classifyScan(value, today);
  if (!scan.ok || scan.value.kind !== 'invitation' || scan.value.code !== value || value.length > 64) {
    throw new ImportError('import.code_invalid', { column: 'code', value: value.slice(0, 64) }, row.line);
  }
  return value;
}

/** The national number, checked as a typed one, with the birth date and sex it encodes. */
function ssinCell(row: Row, today: string): { ssin: string; birthDate: string | null; sex: 'M' | 'F' | null } {
  const parsed = parseSsin(required(row, 'ssin'), today, { source: 'typed' });
  if (!parsed.ok) throw new ImportError(parsed.code, parsed.params, row.line);
  return { ssin: parsed.value.ssin, birthDate: parsed.value.birthDate, sex: parsed.value.sex };
}

function languageCell(row: Row): Language {
  const value = required(row, 'language').toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(value)) throw new ImportError('import.language_invalid', { value: row.get('language') }, row.line);
  return value as Language;
}

function productsCell(db: Db, row: Row): string[] {
  const codes = required(row, 'product')
    .split('|')
    .map((p) => p.trim());
  for (const code of codes) if (!findProduct(db, code)) throw new ImportError('import.product_unknown', { product: code }, row.line);
  return [...new Set(codes)];
}

function emailCell(row: Row): string | null {
  const value = row.get('email');
  if (value === '') return null;
  if (value.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new ImportError('import.email_invalid', { value: value.slice(0, 64) }, row.line);
  return value;
}

function phoneCell(row: Row): string | null {
  const value = row.get('phone');
  if (value === '') return null;
  if (!/^\+?[0-9][0-9 ./-]{5,23}$/.test(value)) throw new ImportError('import.phone_invalid', { value: value.slice(0, 32) }, row.line);
  return value;
}

const sameProducts = (stored: string, products: readonly string[]) => stored === JSON.stringify(products);

/**
 * One row checked with the import's rules (the backend's invitations are checked with these too,
 * see sync/invitations-pull.ts); `invitedAt` is read by the caller, a file's local time or the
 * backend's instant.
 */
export function checkedInvitation(db: Db, row: Row, today: string, invitedAt: string | null): PlannedInvitation {
  const code = codeCell(row, today);
  const { ssin, birthDate, sex } = ssinCell(row, today);
  return {
    code,
    ssin,
    birthDate,
    sex,
    familyName: plainText(row, 'surname', 120),
    givenNames: plainText(row, 'given_names', 120),
    language: languageCell(row),
    products: productsCell(db, row),
    invitedAt,
    email: emailCell(row),
    phone: phoneCell(row),
  };
}

/**
 * What the station already holds under this code (in any case): nothing ('new'), the same
 * invitation ('same': same code, person, products and invited time), or something else ('other').
 */
export function knownInvitation(db: Db, p: PlannedInvitation): 'new' | 'same' | 'other' {
  const known = invitationCodesLike(db, p.code);
  if (known.length === 0) return 'new';
  const k = known[0]!;
  const same = known.length === 1 && k.code === p.code && citizenById(db, k.citizen_id)?.ssin === p.ssin && sameProducts(k.eligible_products, p.products) && (k.invited_at ?? null) === p.invitedAt;
  return same ? 'same' : 'other';
}

/** Checks every row against the file and the station; writes nothing. */
export function planInvitations(db: Db, table: CsvTable, now: Date): { planned: PlannedInvitation[]; unchanged: number } {
  const today = localDateOf(now);
  const codes = new Set<string>();
  const people = new Set<string>();
  const planned: PlannedInvitation[] = [];
  let unchanged = 0;
  for (const row of rowsByColumn(table, INVITATION_COLUMNS, INVITATION_OPTIONAL_COLUMNS)) {
    const invitation = checkedInvitation(db, row, today, row.get('start') === '' ? null : localInstantCell(row, 'start'));
    const { code, ssin } = invitation;
    // Check-in matches codes whatever their case, so two codes may not differ only by case.
    if (codes.has(invitationCodeKey(code))) throw new ImportError('import.duplicate', { column: 'code', value: code }, row.line);
    if (people.has(ssin)) throw new ImportError('import.duplicate', { column: 'ssin', value: ssin }, row.line);
    codes.add(invitationCodeKey(code));
    people.add(ssin);
    const known = knownInvitation(db, invitation);
    if (known === 'other') throw new ImportError('import.invitation_conflict', { code }, row.line);
    if (known === 'same') {
      unchanged++;
      continue;
    }
    planned.push(invitation);
  }
  return { planned, unchanged };
}

/**
 * The same id on every station of the centre: a person's first invitation gets the id the demo
 * seed and sync give it (centre + SSIN), a later one also names its code.
 */
function invitationId(db: Db, centreId: string, p: PlannedInvitation): string {
  const first = nameUuid(`invitation:${centreId}:${p.ssin}`);
  return invitationIdTaken(db, first) ? nameUuid(`invitation:${centreId}:${p.ssin}:${p.code}`) : first;
}

/**
 * Writes one checked, new invitation: the person (kept as known when already there), the
 * invitation, its invited time and contact details. The one write path of the file import, the
 * demo seed and the backend pull. Call inside a transaction.
 */
export function writeInvitation(db: Db, centreId: string, p: PlannedInvitation, source: 'supervisor' | 'seed' | 'sync', now: Date): void {
  const citizenSource = source === 'supervisor' ? 'invitation' : source;
  const citizen = ensureCitizen(db, p.ssin, { familyName: p.familyName, givenNames: p.givenNames, birthDate: p.birthDate, sex: p.sex, language: p.language }, citizenSource, now);
  addInvitation(db, citizen.id, { id: invitationId(db, centreId, p), code: p.code, eligibleProducts: p.products, validFrom: null, source }, now);
  if (p.invitedAt) setInvitationInvitedAt(db, p.code, p.invitedAt);
  if (p.email || p.phone) setCitizenContact(db, { citizenId: citizen.id, email: p.email, phone: p.phone, at: now.toISOString() });
}

/** `source` 'seed': the demo centre's invitations, recorded as seeded (citizens too). */
export function importInvitations(db: Db, table: CsvTable, input: { centreId: string; now: Date; dryRun: boolean; source?: 'supervisor' | 'seed' }): InvitationsImportSummary {
  const run = () => {
    const { planned, unchanged } = planInvitations(db, table, input.now);
    const summary: InvitationsImportSummary = { invitations: planned.length, citizens: planned.filter((p) => !findCitizen(db, p.ssin)).length, unchanged };
    if (input.dryRun) return summary;
    for (const p of planned) writeInvitation(db, input.centreId, p, input.source ?? 'supervisor', input.now);
    return summary;
  };
  return input.dryRun ? run() : db.transaction(run).immediate();
}
