import type { Db } from '../../adapters/sqlite/database';

/** retention_runs and retention_purged (migration 42), and the question of who is due for pseudonymisation. */

/** A citizen whose names retention may replace. */
export interface RetentionCandidate {
  id: string;
  ssin: string;
  family_name: string;
  given_names: string;
}

/** Whether another capability has created its table yet (retention runs on any schema). */
export function tableExists(db: Db, name: string): boolean {
  return !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);
}

/**
 * Citizens whose every record is synced and untouched since the cut-off, with nothing still open
 * (a booked appointment, a booking request, a standby entry, a review item). Tables another
 * capability has not created yet are simply not consulted. One statement on purpose: the
 * conditions span several slices' tables and must be read as one consistent snapshot.
 */
export function eligibleCitizens(db: Db, cutoff: string): RetentionCandidate[] {
  const guards = [`c.updated_at < @cutoff`, `NOT EXISTS (SELECT 1 FROM retention_purged p WHERE p.citizen_id = c.id)`];
  guards.push(`NOT EXISTS (SELECT 1 FROM outbox o WHERE o.person_key IN (c.ssin, c.id) AND (o.state != 'synced' OR coalesce(o.synced_at, o.updated_at) >= @cutoff))`);
  if (tableExists(db, 'dose_records')) guards.push(`NOT EXISTS (SELECT 1 FROM dose_records d WHERE d.citizen_id = c.id AND d.updated_at >= @cutoff)`);
  if (tableExists(db, 'appointments'))
    guards.push(`NOT EXISTS (SELECT 1 FROM appointments a WHERE a.citizen_id = c.id AND (a.status = 'booked' OR a.updated_at >= @cutoff OR a.end_at >= @cutoff))`);
  if (tableExists(db, 'booking_requests'))
    guards.push(`NOT EXISTS (SELECT 1 FROM booking_requests b WHERE b.citizen_id = c.id AND (b.status = 'waiting' OR b.updated_at >= @cutoff))`);
  if (tableExists(db, 'standby'))
    guards.push(`NOT EXISTS (SELECT 1 FROM standby s WHERE (s.citizen_id = c.id OR s.ssin = c.ssin) AND (s.status IN ('waiting', 'called') OR s.updated_at >= @cutoff))`);
  if (tableExists(db, 'citizen_message'))
    guards.push(`NOT EXISTS (SELECT 1 FROM citizen_message m WHERE m.citizen_id = c.id AND (m.state IN ('queued', 'sending') OR m.updated_at >= @cutoff))`);
  if (tableExists(db, 'sync_review'))
    guards.push(`NOT EXISTS (SELECT 1 FROM sync_review r WHERE r.person_key IN (c.ssin, c.id) AND (r.resolved_at IS NULL OR r.resolved_at >= @cutoff))`);
  return db.prepare(`SELECT c.id, c.ssin, c.family_name, c.given_names FROM citizens c WHERE ${guards.join(' AND ')}`).all({ cutoff }) as RetentionCandidate[];
}

export function insertRetentionRun(db: Db, run: { id: string; at: string; by: string; cutoff: string; retentionDays: number }): void {
  db.prepare('INSERT INTO retention_runs (id, at, by, cutoff, retention_days, citizens, detail) VALUES (?, ?, ?, ?, ?, 0, ?)').run(run.id, run.at, run.by, run.cutoff, run.retentionDays, '{}');
}

export function finishRetentionRun(db: Db, runId: string, citizens: number, detail: string): void {
  db.prepare('UPDATE retention_runs SET citizens = ?, detail = ? WHERE id = ?').run(citizens, detail, runId);
}

export function recordPurged(db: Db, citizenId: string, runId: string, at: string): void {
  db.prepare('INSERT INTO retention_purged (citizen_id, run_id, purged_at) VALUES (?, ?, ?)').run(citizenId, runId, at);
}

/** Replaced values are overwritten in the file, not left in free pages. */
export function eraseFreedPages(db: Db): void {
  db.pragma('secure_delete = ON');
}

/** Copies the WAL into the database and empties it, so old values do not linger there either. */
export function truncateWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
