import type { Db } from '../../adapters/sqlite/database';
import type { SessionRow } from './calendar';

/**
 * Read-only questions centre-sync asks about the booking slice's capacity (sessions, slots,
 * slot_units, capacity_transfers, capacity_allocations). Lookups used in loops return a function
 * over one prepared statement.
 */

/** The open session of the product that covers [start, end] on the day, if any. */
export function coveringOpenSession(db: Db, date: string, productCode: string, start: string, end: string): SessionRow | undefined {
  return db
    .prepare(`SELECT * FROM sessions WHERE date = ? AND product_code = ? AND status = 'open' AND start_local <= ? AND end_local >= ? ORDER BY start_local`)
    .get(date, productCode, start, end) as SessionRow | undefined;
}

/** The unit's transfer epoch (0 until it first moves); undefined for a unit this station does not know. */
export function unitEpochLookup(db: Db): (slotId: string, unit: number) => number | undefined {
  const stmt = db.prepare('SELECT epoch FROM slot_units WHERE slot_id = ? AND unit = ?');
  return (slotId, unit) => (stmt.get(slotId, unit) as { epoch: number } | undefined)?.epoch;
}

export function allocationAppliedLookup(db: Db): (id: string) => boolean {
  const stmt = db.prepare('SELECT 1 FROM capacity_allocations WHERE id = ?');
  return (id) => stmt.get(id) !== undefined;
}

export function slotKnownLookup(db: Db): (slotId: string) => boolean {
  const stmt = db.prepare('SELECT 1 FROM slots WHERE id = ?');
  return (slotId) => stmt.get(slotId) !== undefined;
}

export interface SlotTiming {
  start_at: string;
  end_at: string;
  product_code: string;
}

export function slotTimingLookup(db: Db): (slotId: string) => SlotTiming | undefined {
  const stmt = db.prepare(`SELECT s.start_at, s.end_at, se.product_code FROM slots s JOIN sessions se ON se.id = s.session_id WHERE s.id = ?`);
  return (slotId) => stmt.get(slotId) as SlotTiming | undefined;
}

/** The station owns a unit in [from, to] (local dates). */
export function ownsUnitBetween(db: Db, stationId: string, from: string, to: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM slot_units u INDEXED BY slot_units_owner_unit JOIN slots s ON s.id = u.slot_id
         WHERE u.owner_station = ? AND s.local_date BETWEEN ? AND ? AND u.unit < s.capacity LIMIT 1`,
      )
      .get(stationId, from, to) !== undefined
  );
}

/** The station gave or took a unit in [from, to] (local dates). */
export function transferredBetween(db: Db, stationId: string, from: string, to: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM capacity_transfers t JOIN slots s ON s.id = t.slot_id
         WHERE (t.from_station = ? OR t.to_station = ?) AND s.local_date BETWEEN ? AND ? LIMIT 1`,
      )
      .get(stationId, stationId, from, to) !== undefined
  );
}

export interface FreeUnitRow {
  slot_id: string;
  start_at: string;
  local_date: string;
  unit: number;
}

/** Unbooked units the station owns in open sessions, in slots starting after `after`, by day, slot and unit. */
export function freeOwnedUnits(db: Db, stationId: string, from: string, to: string, after: string): FreeUnitRow[] {
  return db
    .prepare(
      `SELECT s.id AS slot_id, s.start_at, s.local_date, u.unit
       FROM slot_units u INDEXED BY slot_units_owner_unit
       JOIN slots s ON s.id = u.slot_id
       JOIN sessions se ON se.id = s.session_id AND se.status = 'open'
       WHERE u.owner_station = ? AND s.local_date BETWEEN ? AND ? AND u.unit < s.capacity AND s.start_at > ?
         AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = u.slot_id AND a.unit = u.unit AND a.status != 'cancelled')
       ORDER BY s.local_date, s.start_at, s.id, u.unit`,
    )
    .all(stationId, from, to, after) as FreeUnitRow[];
}
