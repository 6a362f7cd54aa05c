import type { Db } from '../../adapters/sqlite/database';

/**
 * Read-only SQL of the day's reconciliation: the doses and not-given records this station made on a
 * Brussels day, each with what its outbox rows say (the outbox keeps every version of a record:
 * the dose, then its corrections) and the newest review note about it.
 */
export interface ReconciledRecordRow {
  type: 'dose' | 'not-given';
  id: string;
  ssin: string;
  person_name: string | null;
  at: string;
  product_code: string;
  dose_number: number;
  /** Outbox rows of the record (all versions). */
  queued: number;
  /** Rows refused or in conflict, waiting for a person. */
  needs_review: number;
  /** Rows a person dismissed from review: closed here, never taken by the backend. */
  dismissed: number;
  /** Rows not sent yet or being retried. */
  waiting: number;
  /** The newest outbox error (or the dismissal's reason). */
  last_error: string | null;
  /** The newest review note's reason, when the backend refused or disputed the record. */
  review_reason: string | null;
}

export function recordsOfDayWithSyncState(db: Db, date: string, stationId: string): ReconciledRecordRow[] {
  return db
    .prepare(
      `WITH given AS (
         SELECT 'dose' AS type, id, ssin, citizen_id, administered_at AS at, product_code, dose_number FROM dose_records
         WHERE local_date = @date AND station_id = @station AND origin = 'station' AND status = 'completed'
         UNION ALL
         SELECT 'not-given', id, ssin, citizen_id, decided_at, product_code, dose_number FROM not_given
         WHERE local_date = @date AND station_id = @station AND status = 'not-done'
       )
       SELECT g.type, g.id, g.ssin, trim(c.given_names || ' ' || c.family_name) AS person_name, g.at, g.product_code, g.dose_number,
         COUNT(o.seq) AS queued,
         COALESCE(SUM(o.state = 'needs_review'), 0) AS needs_review,
         COALESCE(SUM(o.state = 'synced' AND o.synced_at IS NULL), 0) AS dismissed,
         COALESCE(SUM(o.state IN ('waiting', 'sending')), 0) AS waiting,
         (SELECT last_error FROM outbox WHERE record_id = g.id AND last_error IS NOT NULL ORDER BY seq DESC LIMIT 1) AS last_error,
         (SELECT reason FROM sync_review WHERE record_id = g.id ORDER BY created_at DESC LIMIT 1) AS review_reason
       FROM given g
       LEFT JOIN citizens c ON c.id = g.citizen_id
       LEFT JOIN outbox o ON o.record_id = g.id
       GROUP BY g.type, g.id
       ORDER BY g.at, g.id`,
    )
    .all({ date, station: stationId }) as ReconciledRecordRow[];
}

export interface AppointmentSyncRow {
  status: 'booked' | 'cancelled' | 'fulfilled' | 'noshow';
  sync: 'at_backend' | 'waiting' | 'in_review';
  n: number;
}

/**
 * This station's appointments last changed in [from, to) (booked, moved = cancelled and booked
 * again, cancelled, fulfilled, missed), counted by status and by where their outbox rows stand.
 */
export function appointmentsChangedWithSyncState(db: Db, stationId: string, from: string, to: string): AppointmentSyncRow[] {
  return db
    .prepare(
      `WITH changed AS (
         SELECT a.id, a.status,
           CASE WHEN SUM(o.state = 'needs_review' OR (o.state = 'synced' AND o.synced_at IS NULL)) > 0 THEN 'in_review'
                WHEN SUM(o.state IN ('waiting', 'sending')) > 0 THEN 'waiting'
                ELSE 'at_backend' END AS sync
         FROM appointments a JOIN outbox o ON o.record_id = a.id
         WHERE a.station_id = @station AND a.origin = 'station' AND a.updated_at >= @from AND a.updated_at < @to
         GROUP BY a.id
       )
       SELECT status, sync, COUNT(*) AS n FROM changed GROUP BY status, sync`,
    )
    .all({ station: stationId, from, to }) as AppointmentSyncRow[];
}
