/** SQL of the standby list (people called in for leftover doses). */
import type { Db } from '../../adapters/sqlite/database';

export interface StandbyRow {
  id: string;
  ssin: string | null;
  display_name: string;
  phone: string | null;
  product_codes: string;
  note: string | null;
  status: 'waiting' | 'called' | 'vaccinated' | 'removed';
  added_at: string;
  call_outcome: CallOutcome | null;
  call_outcome_at: string | null;
}

export type CallOutcome = 'called' | 'coming' | 'unreachable';

export function insertStandby(
  db: Db,
  s: { id: string; citizenId: string | null; ssin: string | null; displayName: string; phone: string | null; productCodes: string; note: string | null; stationId: string; at: string },
): void {
  db.prepare(
    `INSERT INTO standby (id, citizen_id, ssin, display_name, phone, product_codes, note, status, station_id, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
  ).run(s.id, s.citizenId, s.ssin, s.displayName, s.phone, s.productCodes, s.note, s.stationId, s.at, s.at);
}

/** A standby entry known to exist. */
export function standbyRow(db: Db, id: string): StandbyRow {
  return db.prepare('SELECT * FROM standby WHERE id = ?').get(id) as StandbyRow;
}

export function standbyRows(db: Db, status?: StandbyRow['status']): StandbyRow[] {
  return (status ? db.prepare('SELECT * FROM standby WHERE status = ? ORDER BY added_at').all(status) : db.prepare('SELECT * FROM standby ORDER BY added_at').all()) as StandbyRow[];
}

/** Changes an entry's status; false when there is no such entry. */
export function setStandbyStatus(db: Db, id: string, status: StandbyRow['status'], reason: string | null, at: string): boolean {
  return db.prepare('UPDATE standby SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, at, id).changes > 0;
}

export function waitingStandbyCount(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'waiting'`).get() as { n: number }).n;
}

/** Entries that may still be called (waiting, or called and not answered yet), earliest added first. */
export function callableStandbyRows(db: Db): StandbyRow[] {
  return db.prepare(`SELECT * FROM standby WHERE status IN ('waiting', 'called') ORDER BY added_at, id`).all() as StandbyRow[];
}

/** Records the answer of a call: called or coming are 'called', not reachable stays 'waiting' for another day. False when no callable entry. */
export function setCallOutcome(db: Db, id: string, outcome: CallOutcome, at: string): boolean {
  const status = outcome === 'unreachable' ? 'waiting' : 'called';
  return (
    db
      .prepare(`UPDATE standby SET status = ?, call_outcome = ?, call_outcome_at = ?, updated_at = ? WHERE id = ? AND status IN ('waiting', 'called')`)
      .run(status, outcome, at, at, id).changes > 0
  );
}
