import type { Db } from '../../adapters/sqlite/database';
import type { TransferRecord } from '../capacity/capacity';

/** centre-sync's own tables (migration 21): published views, handled tasks, released units. */

export function publishedFingerprint(db: Db, stationId: string, day: string): string | null {
  const r = db.prepare('SELECT fingerprint FROM centre_sync_view WHERE station_id = ? AND day = ?').get(stationId, day) as { fingerprint: string } | undefined;
  return r?.fingerprint ?? null;
}

export function recordPublished(db: Db, stationId: string, day: string, fingerprint: string, at: string): void {
  db.prepare(
    `INSERT INTO centre_sync_view (station_id, day, fingerprint, published_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(station_id, day) DO UPDATE SET fingerprint = excluded.fingerprint, published_at = excluded.published_at`,
  ).run(stationId, day, fingerprint, at);
}

export function taskHandled(db: Db, identifier: string): boolean {
  return db.prepare('SELECT 1 FROM centre_sync_task WHERE identifier = ?').get(identifier) !== undefined;
}

export function recordTask(
  db: Db,
  t: { identifier: string; remoteId: string | null; giver: string; receiver: string; state: 'completed' | 'rejected'; reason: string; units: string; released: number },
  at: string,
): void {
  db.prepare(
    `INSERT INTO centre_sync_task (identifier, remote_id, giver, receiver, state, reason, units, released, handled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.identifier, t.remoteId, t.giver, t.receiver, t.state, t.reason, t.units, t.released, at);
}

export type ReleaseState = 'pending' | 'sent' | 'accepted' | 'reclaimed';

export interface ReleaseRow {
  transfer_id: string;
  slot_id: string;
  unit: number;
  epoch: number;
  from_station: string;
  to_station: string;
  task_identifier: string | null;
  state: ReleaseState;
  released_at: string;
  /** When the state last changed: for a sent release, when the backend got it. */
  updated_at: string;
}

export function recordRelease(db: Db, r: TransferRecord, task: string | null): void {
  db.prepare(
    `INSERT OR IGNORE INTO centre_sync_release (transfer_id, slot_id, unit, epoch, from_station, to_station, task_identifier, state, released_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(r.id, r.slotId, r.unit, r.epoch, r.from, r.to, task, r.releasedAt, r.releasedAt);
}

export function setReleaseState(db: Db, transferId: string, state: ReleaseState, at: string): void {
  db.prepare('UPDATE centre_sync_release SET state = ?, updated_at = ? WHERE transfer_id = ?').run(state, at, transferId);
}

export function releasesIn(db: Db, state: ReleaseState, stationId: string): ReleaseRow[] {
  return db.prepare('SELECT * FROM centre_sync_release WHERE state = ? AND from_station = ? ORDER BY released_at, transfer_id').all(state, stationId) as ReleaseRow[];
}

/** A reclaimed unit settles the release of its previous epoch, if that release is still open. */
export function settleReclaimedRelease(db: Db, slotId: string, unit: number, releasedEpoch: number, at: string): void {
  db.prepare(`UPDATE centre_sync_release SET state = 'reclaimed', updated_at = ? WHERE slot_id = ? AND unit = ? AND epoch = ? AND state IN ('pending', 'sent')`).run(at, slotId, unit, releasedEpoch);
}

/** The station still has a release to send or settle. */
export function hasOpenRelease(db: Db, stationId: string): boolean {
  return db.prepare(`SELECT 1 FROM centre_sync_release WHERE from_station = ? AND state IN ('pending', 'sent') LIMIT 1`).get(stationId) !== undefined;
}
