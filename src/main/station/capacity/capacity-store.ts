/** SQL of the capacity escrow: unit owners, applied allocations, two-phase transfers. */
import type { Db } from '../../adapters/sqlite/database';

/** Active bookings (booked, fulfilled, no-show) hold their unit; only a cancelled one frees it. */
const UNIT_IS_FREE = `NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = u.slot_id AND a.unit = u.unit AND a.status != 'cancelled')`;

export interface AppliedAllocationRow {
  applied_units: number;
  unchanged_units: number;
  conflicts: string;
}

export function findAppliedAllocation(db: Db, id: string): AppliedAllocationRow | null {
  return (db.prepare('SELECT applied_units, unchanged_units, conflicts FROM capacity_allocations WHERE id = ?').get(id) as AppliedAllocationRow | undefined) ?? null;
}

export function insertAppliedAllocation(
  db: Db,
  a: { id: string; source: string; issuedAt: string; receivedAt: string; appliedUnits: number; unchangedUnits: number; conflicts: string },
): void {
  db.prepare(
    `INSERT INTO capacity_allocations (id, source, issued_at, received_at, applied_units, unchanged_units, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(a.id, a.source, a.issuedAt, a.receivedAt, a.appliedUnits, a.unchangedUnits, a.conflicts);
}

/** Owner lookup and first-owner insert, prepared once for a whole allocation. */
export function unitOwnerStatements(db: Db): {
  ownerOf(slotId: string, unit: number): string | null;
  insertOwner(slotId: string, unit: number, owner: string, at: string): void;
} {
  const getUnit = db.prepare('SELECT owner_station FROM slot_units WHERE slot_id = ? AND unit = ?');
  const insertUnit = db.prepare('INSERT INTO slot_units (slot_id, unit, owner_station, epoch, updated_at) VALUES (?, ?, ?, 0, ?)');
  return {
    ownerOf: (slotId, unit) => (getUnit.get(slotId, unit) as { owner_station: string } | undefined)?.owner_station ?? null,
    insertOwner: (slotId, unit, owner, at) => void insertUnit.run(slotId, unit, owner, at),
  };
}

/** The same units of every slot of a session, for one station, given at `at`. */
export interface SessionUnits {
  sessionId: string;
  stationId: string;
  units: readonly number[];
  at: string;
}

/**
 * Gives units of sessions whose slots nobody owns yet, each to its station, in one statement (a new
 * calendar: one statement for all its sessions instead of one per unit, or per station and
 * session). The shares wait in a temporary table indexed by session, so the slots are read in key
 * order and the rows written in that order without sorting them first: the table grows at its end
 * instead of being split all over. Returns how many units it gave.
 */
export function sessionsUnitsInserter(db: Db): (gives: readonly SessionUnits[]) => number {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS fresh_unit_shares (session_id TEXT NOT NULL, station TEXT NOT NULL, units TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.fresh_unit_shares_session ON fresh_unit_shares(session_id);
  `);
  const share = db.prepare('INSERT INTO fresh_unit_shares (session_id, station, units, at) VALUES (?, ?, ?, ?)');
  const insert = db.prepare(
    `INSERT INTO slot_units (slot_id, unit, owner_station, epoch, updated_at)
     SELECT s.id, u.value, f.station, 0, f.at FROM slots s JOIN fresh_unit_shares f ON f.session_id = s.session_id CROSS JOIN json_each(f.units) u
     ORDER BY s.id`,
  );
  const clear = db.prepare('DELETE FROM fresh_unit_shares');
  return (gives) => {
    clear.run();
    for (const g of gives) share.run(g.sessionId, g.stationId, JSON.stringify(g.units), g.at);
    const given = insert.run().changes;
    clear.run();
    return given;
  };
}

/** The units of a slot that someone owns, prepared once for many slots. */
export function ownedUnitsReader(db: Db): (slotId: string) => number[] {
  const owned = db.prepare('SELECT unit FROM slot_units WHERE slot_id = ?');
  return (slotId) => (owned.all(slotId) as { unit: number }[]).map((r) => r.unit);
}

/** Units a station owns in a date range, with whether each is booked (1) or free (0). */
export function ownedUnitRows(db: Db, stationId: string, from: string, to: string): { slot_id: string; unit: number; booked: number }[] {
  return db
    .prepare(
      `SELECT u.slot_id, u.unit, CASE WHEN ${UNIT_IS_FREE} THEN 0 ELSE 1 END AS booked
       FROM slot_units u JOIN slots s ON s.id = u.slot_id
       WHERE u.owner_station = ? AND s.local_date BETWEEN ? AND ? AND u.unit < s.capacity
       ORDER BY u.slot_id, u.unit`,
    )
    .all(stationId, from, to) as { slot_id: string; unit: number; booked: number }[];
}

export interface UnitState {
  owner_station: string;
  epoch: number;
  /** 1 when no active booking holds the unit. */
  free: number;
}

const UNIT_STATE_SQL = `SELECT u.owner_station, u.epoch, CASE WHEN ${UNIT_IS_FREE} THEN 1 ELSE 0 END AS free FROM slot_units u WHERE u.slot_id = ? AND u.unit = ?`;

/** A unit's owner, epoch and whether it is free, prepared once for many units. */
export function unitStateReader(db: Db): (slotId: string, unit: number) => UnitState | null {
  const unitRow = db.prepare(UNIT_STATE_SQL);
  return (slotId, unit) => (unitRow.get(slotId, unit) as UnitState | undefined) ?? null;
}

export function unitState(db: Db, slotId: string, unit: number): UnitState | null {
  return (db.prepare(UNIT_STATE_SQL).get(slotId, unit) as UnitState | undefined) ?? null;
}

export function setUnitOwner(db: Db, slotId: string, unit: number, owner: string, epoch: number, at: string): void {
  db.prepare('UPDATE slot_units SET owner_station = ?, epoch = ?, updated_at = ? WHERE slot_id = ? AND unit = ?').run(owner, epoch, at, slotId, unit);
}

export function insertUnitOwner(db: Db, slotId: string, unit: number, owner: string, epoch: number, at: string): void {
  db.prepare('INSERT INTO slot_units (slot_id, unit, owner_station, epoch, updated_at) VALUES (?, ?, ?, ?, ?)').run(slotId, unit, owner, epoch, at);
}

export interface TransferRow {
  id: string;
  slot_id: string;
  unit: number;
  from_station: string;
  to_station: string;
  epoch: number;
  released_at: string;
}

export function insertReleasedTransfer(db: Db, t: { id: string; slotId: string; unit: number; from: string; to: string; epoch: number; releasedAt: string }): void {
  db.prepare(
    `INSERT INTO capacity_transfers (id, slot_id, unit, from_station, to_station, epoch, state, released_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'released', ?, ?)`,
  ).run(t.id, t.slotId, t.unit, t.from, t.to, t.epoch, t.releasedAt, t.releasedAt);
}

/** A transfer learned from its giver; a record delivered twice is kept once. */
export function insertLearnedTransfer(
  db: Db,
  t: { id: string; slotId: string; unit: number; from: string; to: string; epoch: number; state: 'accepted' | 'observed'; releasedAt: string; recordedAt: string },
): void {
  db.prepare(
    `INSERT OR IGNORE INTO capacity_transfers (id, slot_id, unit, from_station, to_station, epoch, state, released_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.id, t.slotId, t.unit, t.from, t.to, t.epoch, t.state, t.releasedAt, t.recordedAt);
}

export function releasedTransferRows(db: Db, stationId: string, since: string): TransferRow[] {
  return db
    .prepare(
      `SELECT id, slot_id, unit, from_station, to_station, epoch, released_at FROM capacity_transfers
       WHERE state = 'released' AND from_station = ? AND released_at >= ? ORDER BY released_at, slot_id, unit`,
    )
    .all(stationId, since) as TransferRow[];
}

/** Per owning station of a session: units owned and units booked. */
export function sessionOwnerRows(db: Db, sessionId: string): { station: string; units: number; booked: number }[] {
  return db
    .prepare(
      `SELECT u.owner_station AS station, COUNT(*) AS units, SUM(CASE WHEN ${UNIT_IS_FREE} THEN 0 ELSE 1 END) AS booked
       FROM slot_units u JOIN slots s ON s.id = u.slot_id WHERE s.session_id = ? AND u.unit < s.capacity GROUP BY u.owner_station ORDER BY u.owner_station`,
    )
    .all(sessionId) as { station: string; units: number; booked: number }[];
}

export function ownerStations(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT owner_station FROM slot_units ORDER BY owner_station').all() as { owner_station: string }[]).map((r) => r.owner_station);
}

/** A unit's owner row as it is stored, for the centre file. */
export interface UnitOwnerRow {
  slot_id: string;
  unit: number;
  owner_station: string;
  epoch: number;
  updated_at: string;
}

/** Owner rows of the slots of sessions from `from` (a Brussels date) on. */
export function unitOwnerRowsFrom(db: Db, from: string): UnitOwnerRow[] {
  return db
    .prepare(
      `SELECT u.slot_id, u.unit, u.owner_station, u.epoch, u.updated_at FROM slot_units u
       JOIN slots s ON s.id = u.slot_id JOIN sessions x ON x.id = s.session_id WHERE x.date >= ? ORDER BY u.slot_id, u.unit`,
    )
    .all(from) as UnitOwnerRow[];
}

/** A capacity allocation record as it is stored, for the centre file. */
export interface AllocationRecordRow {
  id: string;
  source: 'backend' | 'supervisor' | 'seed';
  issued_at: string;
  received_at: string;
  applied_units: number;
  unchanged_units: number;
  conflicts: string;
}

export function allocationRecordRows(db: Db): AllocationRecordRow[] {
  return db.prepare('SELECT id, source, issued_at, received_at, applied_units, unchanged_units, conflicts FROM capacity_allocations ORDER BY issued_at, id').all() as AllocationRecordRow[];
}

/** Records an allocation another station applied; one this station knows stays as it is. Returns 1 when added. */
export function insertAllocationRecordIfMissing(db: Db, a: AllocationRecordRow): number {
  return db
    .prepare('INSERT OR IGNORE INTO capacity_allocations (id, source, issued_at, received_at, applied_units, unchanged_units, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(a.id, a.source, a.issued_at, a.received_at, a.applied_units, a.unchanged_units, a.conflicts).changes;
}

/** Insert and update of owner rows with their epoch, prepared once for a whole centre file. */
export function unitOwnerWriter(db: Db): { insert(row: UnitOwnerRow): void; set(row: UnitOwnerRow): void } {
  const insert = db.prepare('INSERT INTO slot_units (slot_id, unit, owner_station, epoch, updated_at) VALUES (?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE slot_units SET owner_station = ?, epoch = ?, updated_at = ? WHERE slot_id = ? AND unit = ?');
  return {
    insert: (r) => void insert.run(r.slot_id, r.unit, r.owner_station, r.epoch, r.updated_at),
    set: (r) => void update.run(r.owner_station, r.epoch, r.updated_at, r.slot_id, r.unit),
  };
}
