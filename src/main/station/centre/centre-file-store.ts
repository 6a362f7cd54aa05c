/** SQL of centre files: the calendar and staff they carry, and what a station holds of its own. */
import type { Db } from '../../adapters/sqlite/database';
import { allocationRecordRows, unitOwnerRowsFrom } from '../capacity/capacity-store';
import { groupUnitOwners } from './centre-units';
import { recordChange } from '../staff/staff-store';
import type { CentreCalendar, StaffAccount } from './centre-file-content';

/** Open/closed days, sessions, slots and their unit owners from `from` (a Brussels date) on, and the allocations applied. */
export function calendarFrom(db: Db, from: string): CentreCalendar {
  return {
    from,
    days: db.prepare('SELECT date, open, note, updated_at FROM centre_days WHERE date >= ? ORDER BY date').all(from) as CentreCalendar['days'],
    sessions: db
      .prepare('SELECT id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status, source, created_at, booths FROM sessions WHERE date >= ? ORDER BY date, id')
      .all(from) as CentreCalendar['sessions'],
    slots: db
      .prepare('SELECT s.id, s.session_id, s.start_at, s.end_at, s.local_date, s.capacity FROM slots s JOIN sessions x ON x.id = s.session_id WHERE x.date >= ? ORDER BY s.start_at, s.id')
      .all(from) as CentreCalendar['slots'],
    units: groupUnitOwners(unitOwnerRowsFrom(db, from)),
    allocations: allocationRecordRows(db),
  };
}

/**
 * Adds the days, sessions and slots this station does not know yet; what it knows stays as it is.
 * Their unit owners are merged afterwards (centre-units.ts).
 */
export function addMissingCalendar(db: Db, calendar: CentreCalendar): { days: number; sessions: number; slots: number } {
  const day = db.prepare('INSERT OR IGNORE INTO centre_days (date, open, note, updated_at) VALUES (?, ?, ?, ?)');
  const session = db.prepare(
    `INSERT OR IGNORE INTO sessions (id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status, source, created_at, booths)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const slot = db.prepare('INSERT OR IGNORE INTO slots (id, session_id, start_at, end_at, local_date, capacity) VALUES (?, ?, ?, ?, ?, ?)');
  let days = 0;
  let sessions = 0;
  let slots = 0;
  for (const d of calendar.days) days += day.run(d.date, d.open, d.note, d.updated_at).changes;
  for (const s of calendar.sessions) sessions += session.run(s.id, s.date, s.product_code, s.start_local, s.end_local, s.slot_minutes, s.capacity_per_slot, s.status, s.source, s.created_at, s.booths).changes;
  for (const s of calendar.slots) slots += slot.run(s.id, s.session_id, s.start_at, s.end_at, s.local_date, s.capacity).changes;
  return { days, sessions, slots };
}

interface StaffExportRow extends Omit<StaffAccount, 'roles' | 'active'> {
  roles: string;
  active: 0 | 1;
}

export function staffAccounts(db: Db): StaffAccount[] {
  const rows = db.prepare('SELECT id, code, display_name, nihdi, roles, pin_hash, pin_salt, pin_params, active, created_at, created_by FROM staff ORDER BY created_at, id').all() as StaffExportRow[];
  return rows.map((r) => ({ ...r, roles: JSON.parse(r.roles) as StaffAccount['roles'], active: r.active === 1 }));
}

/**
 * Adds the accounts this station does not have (by id, staff number or NIHDI number): an account
 * it has keeps its own PIN, roles and lock-out state. Returns the ids added.
 */
export function addMissingStaff(db: Db, accounts: readonly StaffAccount[], by: string, at: string): string[] {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO staff (id, code, display_name, nihdi, roles, pin_hash, pin_salt, pin_params, active, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const added: string[] = [];
  for (const a of accounts) {
    const run = insert.run(a.id, a.code, a.display_name, a.nihdi, JSON.stringify(a.roles), a.pin_hash, a.pin_salt, a.pin_params, a.active ? 1 : 0, a.created_at, a.created_by, at);
    if (run.changes === 0) continue;
    recordChange(db, a.id, 'created', by, at, { from: 'centre file' });
    added.push(a.id);
  }
  return added;
}

/** Records that are this station's own: a station holding any of them is not blank. */
export function ownRecordCounts(db: Db): { doses: number; appointments: number; outbox: number; citizens: number } {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { doses: count('dose_records'), appointments: count('appointments'), outbox: count('outbox'), citizens: count('citizens') };
}
