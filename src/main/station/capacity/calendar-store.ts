/** SQL of the calendar: sessions, their slots, open/closed days, and the free-slot search on them. */
import type { Db } from '../../adapters/sqlite/database';
import type { LocalDate } from '../../../domain/time/local-time';

export interface SessionRow {
  id: string;
  date: string;
  product_code: string;
  start_local: string;
  end_local: string;
  slot_minutes: number;
  capacity_per_slot: number;
  status: 'open' | 'cancelled';
  /** Booths (migration 057); null: not set. */
  booths?: number | null;
}

export interface SlotRow {
  id: string;
  session_id: string;
  start_at: string;
  end_at: string;
  local_date: string;
  capacity: number;
}

export function findSession(db: Db, id: string): SessionRow | null {
  return (db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined) ?? null;
}

/** Sets a session's booths (null: not set); only the booths, the places per slot stay as they are. */
export function setSessionBooths(db: Db, sessionId: string, booths: number | null): void {
  db.prepare('UPDATE sessions SET booths = ? WHERE id = ?').run(booths, sessionId);
}

/** Raises a session's capacity and that of its slots (never lowers it). */
export function raiseSessionCapacity(db: Db, sessionId: string, capacityPerSlot: number): void {
  db.prepare('UPDATE sessions SET capacity_per_slot = ? WHERE id = ?').run(capacityPerSlot, sessionId);
  db.prepare('UPDATE slots SET capacity = ? WHERE session_id = ? AND capacity < ?').run(capacityPerSlot, sessionId, capacityPerSlot);
}

export interface NewSession {
  id: string;
  date: string;
  productCode: string;
  startLocal: string;
  endLocal: string;
  slotMinutes: number;
  capacityPerSlot: number;
  source: string;
  createdAt: string;
}

/**
 * The statements of `findSession` and `insertSessionWithSlots`, prepared once for many sessions (a
 * calendar of months: preparing them per session costs more than running them). `insert` returns
 * how many of the slots were new.
 */
export function sessionWriter(db: Db): {
  find(id: string): SessionRow | null;
  insert(s: NewSession, slots: readonly { id: string; startAt: string; endAt: string; localDate: string }[]): number;
} {
  const find = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  );
  const insertSlot = db.prepare('INSERT OR IGNORE INTO slots (id, session_id, start_at, end_at, local_date, capacity) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    find: (id) => (find.get(id) as SessionRow | undefined) ?? null,
    insert(s, slots) {
      insertSession.run(s.id, s.date, s.productCode, s.startLocal, s.endLocal, s.slotMinutes, s.capacityPerSlot, s.source, s.createdAt);
      let added = 0;
      for (const t of slots) added += insertSlot.run(t.id, s.id, t.startAt, t.endAt, t.localDate, s.capacityPerSlot).changes;
      return added;
    },
  };
}

export function slotRowsOfSession(db: Db, sessionId: string): SlotRow[] {
  return db.prepare('SELECT * FROM slots WHERE session_id = ? ORDER BY start_at').all(sessionId) as SlotRow[];
}

export function sessionRowsOfDay(db: Db, date: LocalDate): SessionRow[] {
  return db.prepare('SELECT * FROM sessions WHERE date = ? ORDER BY start_local, product_code').all(date) as SessionRow[];
}

export function slotExists(db: Db, id: string): boolean {
  return db.prepare('SELECT id FROM slots WHERE id = ?').get(id) !== undefined;
}

export function slotLocalDate(db: Db, id: string): string | null {
  return (db.prepare('SELECT local_date FROM slots WHERE id = ?').get(id) as { local_date: string } | undefined)?.local_date ?? null;
}

export function slotEndAt(db: Db, id: string): string | null {
  return (db.prepare('SELECT end_at FROM slots WHERE id = ?').get(id) as { end_at: string } | undefined)?.end_at ?? null;
}

/** Total capacity of a session's slots, prepared once for a day's sessions. */
export function sessionCapacityCounter(db: Db): (sessionId: string) => number {
  const capacity = db.prepare('SELECT COALESCE(SUM(capacity), 0) AS c FROM slots WHERE session_id = ?');
  return (sessionId) => (capacity.get(sessionId) as { c: number }).c;
}

export function upsertCentreDay(db: Db, date: LocalDate, open: boolean, note: string | null, at: string): void {
  db.prepare(
    `INSERT INTO centre_days (date, open, note, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(date) DO UPDATE SET open = excluded.open, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(date, open ? 1 : 0, note, at);
}

/** Whether a day was marked open or closed; null when never marked (open by default). */
export function centreDayOpen(db: Db, date: string): boolean | null {
  const day = db.prepare('SELECT open FROM centre_days WHERE date = ?').get(date) as { open: number } | undefined;
  return day ? day.open === 1 : null;
}

/** Open sessions of a product on open days of a date range. */
export function openSessionCount(db: Db, productCode: string, from: string, to: string): number {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM sessions se LEFT JOIN centre_days d ON d.date = se.date
       WHERE se.product_code = ? AND se.status = 'open' AND se.date BETWEEN ? AND ? AND COALESCE(d.open, 1) = 1`,
    )
    .get(productCode, from, to) as { n: number };
  return row.n;
}

export interface FreeOwnedSlotRow {
  slot_id: string;
  session_id: string;
  product_code: string;
  start_at: string;
  end_at: string;
  /** The free units this station owns, comma separated. */
  units: string;
}

/**
 * Slots of a product in a date range in which `stationId` owns free units, one row per slot.
 * Units owned by other stations never appear: that is the no-overbooking guarantee while offline.
 */
export function freeOwnedSlotRows(db: Db, stationId: string, productCode: string, from: string, to: string): FreeOwnedSlotRow[] {
  return db
    .prepare(
      `SELECT s.id AS slot_id, s.session_id, se.product_code, s.start_at, s.end_at, group_concat(u.unit) AS units
       FROM slots s INDEXED BY slots_date
       -- The plan is pinned: the few slots of the dates first (by date), then only the units this
       -- station owns in each (by the owner index, not every unit of the slot).
       CROSS JOIN sessions se ON se.id = s.session_id AND se.status = 'open'
       CROSS JOIN slot_units u INDEXED BY slot_units_owner_unit ON u.owner_station = ? AND u.slot_id = s.id AND u.unit < s.capacity
       LEFT JOIN centre_days d ON d.date = s.local_date
       WHERE se.product_code = ? AND s.local_date BETWEEN ? AND ? AND COALESCE(d.open, 1) = 1
         AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.unit = u.unit AND a.status != 'cancelled')
       -- Grouped in the date index's own order (a slot's local date follows its start), so rows come
       -- out grouped and in time order with no sort of their own: a fifth faster over 200 days.
       GROUP BY s.local_date, s.start_at, s.rowid`,
    )
    .all(stationId, productCode, from, to) as FreeOwnedSlotRow[];
}

export interface SessionOverviewRow extends SessionRow {
  slots: number;
  /** Open appointments in the session's slots. */
  booked: number;
  /** 0 when the day is marked closed; 1 when open or never marked. */
  day_open: number;
}

/** Sessions of a date range with their slot and booking counts, for the calendar screen. */
export function sessionOverviewRows(db: Db, from: string, to: string): SessionOverviewRow[] {
  return db
    .prepare(
      `SELECT se.*,
         (SELECT COUNT(*) FROM slots s WHERE s.session_id = se.id AND s.capacity > 0) AS slots,
         (SELECT COUNT(*) FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE s.session_id = se.id AND a.status = 'booked') AS booked,
         COALESCE(d.open, 1) AS day_open
       FROM sessions se LEFT JOIN centre_days d ON d.date = se.date
       WHERE se.date BETWEEN ? AND ?
       ORDER BY se.date, se.start_local, se.product_code`,
    )
    .all(from, to) as SessionOverviewRow[];
}

/** Open appointments in a session's slots (their slot and place), oldest slot first. */
export function bookedAppointmentsOfSession(db: Db, sessionId: string): { id: string; slot_id: string; unit: number | null }[] {
  return db
    .prepare(`SELECT a.id, a.slot_id, a.unit FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE s.session_id = ? AND a.status = 'booked' ORDER BY a.start_at, a.id`)
    .all(sessionId) as { id: string; slot_id: string; unit: number | null }[];
}

/** Open appointments in a session's slots, oldest slot first. */
export function bookedAppointmentIdsOfSession(db: Db, sessionId: string): string[] {
  return bookedAppointmentsOfSession(db, sessionId).map((r) => r.id);
}

/**
 * A changed session: its new end and places per slot, the slots it keeps or gains at that
 * capacity, and the slots it loses at capacity 0 (a slot is never deleted: at 0 it offers no place).
 */
export function rewriteSessionSlots(
  db: Db,
  session: { id: string; end: string; capacityPerSlot: number },
  keep: readonly { id: string; startAt: string; endAt: string; localDate: string }[],
  drop: readonly string[],
): void {
  db.prepare('UPDATE sessions SET end_local = ?, capacity_per_slot = ? WHERE id = ?').run(session.end, session.capacityPerSlot, session.id);
  const insert = db.prepare('INSERT OR IGNORE INTO slots (id, session_id, start_at, end_at, local_date, capacity) VALUES (?, ?, ?, ?, ?, ?)');
  const capacity = db.prepare('UPDATE slots SET capacity = ? WHERE id = ?');
  for (const slot of keep) {
    insert.run(slot.id, session.id, slot.startAt, slot.endAt, slot.localDate, session.capacityPerSlot);
    capacity.run(session.capacityPerSlot, slot.id);
  }
  for (const id of drop) capacity.run(0, id);
}

/** A closed session offers no slot; its rows stay (nothing is deleted). */
export function markSessionCancelled(db: Db, sessionId: string): void {
  db.prepare(`UPDATE sessions SET status = 'cancelled' WHERE id = ?`).run(sessionId);
}

/** Open appointments on a local day. */
export function bookedCountOnDay(db: Db, date: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM appointments WHERE local_date = ? AND status = 'booked'`).get(date) as { n: number }).n;
}
