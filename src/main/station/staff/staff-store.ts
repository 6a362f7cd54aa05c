import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { StaffMember, StaffRole } from '../../../shared/api/staff';
import { parseParams, type PinHash } from '../../adapters/crypto/pin-hash';

export interface StaffRow {
  id: string;
  code: string | null;
  display_name: string;
  nihdi: string | null;
  roles: string;
  pin_hash: string;
  pin_salt: string;
  pin_params: string;
  active: 0 | 1;
  /** 1 after a PIN reset: the next sign-in must choose a new PIN before anything else. */
  pin_must_change: 0 | 1;
  failed_attempts: number;
  lockouts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface NewStaff {
  displayName: string;
  code: string | null;
  nihdi: string | null;
  roles: readonly StaffRole[];
  pin: PinHash;
}

export const rolesOf = (row: StaffRow): StaffRole[] => JSON.parse(row.roles) as StaffRole[];
export const pinOf = (row: StaffRow): PinHash => ({ hash: row.pin_hash, salt: row.pin_salt, params: parseParams(row.pin_params) });

export function toMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    code: row.code,
    displayName: row.display_name,
    nihdi: row.nihdi,
    roles: rolesOf(row),
    active: row.active === 1,
    lockedUntil: row.locked_until,
    mustChangePin: row.pin_must_change === 1,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

export function findStaff(db: Db, id: string): StaffRow | null {
  return (db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined) ?? null;
}

export function requireStaff(db: Db, id: string): StaffRow {
  const row = findStaff(db, id);
  if (!row) throw new DoseDeskError('staff.not_found');
  return row;
}

/** By NIHDI number (with or without separators), staff number (any case) or staff id. */
export function findByLogin(db: Db, login: string): StaffRow | null {
  const digits = login.replace(/[\s./-]/g, '');
  if (/^\d{11}$/.test(digits)) {
    const byNihdi = db.prepare('SELECT * FROM staff WHERE nihdi = ?').get(digits) as StaffRow | undefined;
    if (byNihdi) return byNihdi;
  }
  return (db.prepare('SELECT * FROM staff WHERE code = ? OR id = ?').get(login.trim(), login.trim()) as StaffRow | undefined) ?? null;
}

export function listStaff(db: Db, includeInactive: boolean): StaffRow[] {
  return db.prepare(`SELECT * FROM staff ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY display_name, id`).all() as StaffRow[];
}

function refuseDuplicates(db: Db, staff: { code: string | null; nihdi: string | null }, exceptId: string | null): void {
  if (staff.nihdi && db.prepare('SELECT 1 FROM staff WHERE nihdi = ? AND id IS NOT ?').get(staff.nihdi, exceptId)) throw new DoseDeskError('staff.duplicate_nihdi');
  if (staff.code && db.prepare('SELECT 1 FROM staff WHERE code = ? AND id IS NOT ?').get(staff.code, exceptId)) throw new DoseDeskError('staff.duplicate_code');
}

export function recordChange(db: Db, staffId: string, what: string, by: string, at: string, detail: object = {}): void {
  db.prepare('INSERT INTO staff_changes (id, staff_id, at, by, what, detail) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), staffId, at, by, what, JSON.stringify(detail));
}

/** Inserts a staff member; call inside a transaction (the change row commits with it). */
export function insertStaff(db: Db, staff: NewStaff, by: string, now: Date): StaffRow {
  if (staff.roles.includes('vaccinator') && !staff.nihdi) throw new DoseDeskError('staff.nihdi_required');
  refuseDuplicates(db, staff, null);
  const id = randomUUID();
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO staff (id, code, display_name, nihdi, roles, pin_hash, pin_salt, pin_params, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, staff.code, staff.displayName, staff.nihdi, JSON.stringify([...new Set(staff.roles)]), staff.pin.hash, staff.pin.salt, JSON.stringify(staff.pin.params), at, by, at);
  recordChange(db, id, 'created', by, at, { roles: staff.roles, nihdi: staff.nihdi, code: staff.code });
  return findStaff(db, id)!;
}

export function storePin(db: Db, id: string, pin: PinHash, at: string): void {
  db.prepare('UPDATE staff SET pin_hash = ?, pin_salt = ?, pin_params = ?, updated_at = ? WHERE id = ?').run(pin.hash, pin.salt, JSON.stringify(pin.params), at, id);
}

/** A one-time PIN replaces the old one at once: the person must choose their own at the next sign-in; any lock-out is lifted so they can. */
export function storeOneTimePin(db: Db, id: string, pin: PinHash, at: string): void {
  db.prepare(
    'UPDATE staff SET pin_hash = ?, pin_salt = ?, pin_params = ?, pin_must_change = 1, failed_attempts = 0, lockouts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
  ).run(pin.hash, pin.salt, JSON.stringify(pin.params), at, id);
}

/** The person's own new PIN: the must-change flag of a reset is lifted with it. */
export function storeOwnPin(db: Db, id: string, pin: PinHash, at: string): void {
  db.prepare('UPDATE staff SET pin_hash = ?, pin_salt = ?, pin_params = ?, pin_must_change = 0, updated_at = ? WHERE id = ?').run(pin.hash, pin.salt, JSON.stringify(pin.params), at, id);
}

export function clearLockout(db: Db, id: string, at: string): void {
  db.prepare('UPDATE staff SET failed_attempts = 0, lockouts = 0, locked_until = NULL, updated_at = ? WHERE id = ?').run(at, id);
}

export function activeSupervisors(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM staff WHERE active = 1 AND roles LIKE '%"supervisor"%'`).get() as { n: number }).n;
}

export function staffCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

/** A good sign-in: the failure counters and lockout are cleared. */
export function recordSignIn(db: Db, id: string, at: string): void {
  db.prepare('UPDATE staff SET failed_attempts = 0, lockouts = 0, locked_until = NULL, last_sign_in_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
}

export function setFailedAttempts(db: Db, id: string, failed: number, at: string): void {
  db.prepare('UPDATE staff SET failed_attempts = ?, updated_at = ? WHERE id = ?').run(failed, at, id);
}

/** Too many failures: the counter restarts and the account is locked until `until`. */
export function lockOut(db: Db, id: string, lockouts: number, until: string, at: string): void {
  db.prepare('UPDATE staff SET failed_attempts = 0, lockouts = ?, locked_until = ?, updated_at = ? WHERE id = ?').run(lockouts, until, at, id);
}

export function setRoles(db: Db, id: string, roles: readonly StaffRole[], at: string): void {
  db.prepare('UPDATE staff SET roles = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(roles), at, id);
}

export function setDisplayName(db: Db, id: string, displayName: string, at: string): void {
  db.prepare('UPDATE staff SET display_name = ?, updated_at = ? WHERE id = ?').run(displayName, at, id);
}

/** A new NIHDI number (digits) or none; refused when another person has it. */
export function setNihdi(db: Db, id: string, nihdi: string | null, at: string): void {
  refuseDuplicates(db, { code: null, nihdi }, id);
  db.prepare('UPDATE staff SET nihdi = ?, updated_at = ? WHERE id = ?').run(nihdi, at, id);
}

export function setActive(db: Db, id: string, active: boolean, at: string): void {
  db.prepare('UPDATE staff SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, at, id);
}
