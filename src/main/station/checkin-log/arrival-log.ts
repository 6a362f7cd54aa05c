import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../adapters/sqlite/database';
import type { CheckinSource } from '../../../shared/api/checkin';
import { localDateOf } from '../../../domain/time/local-time';

/** One confirmed arrival, as the `checkins` table keeps it (migration 30). */
export interface Arrival {
  ssin: string;
  source: z.infer<typeof CheckinSource>;
  invitationCode: string | null;
  warningsAcknowledged: readonly string[];
  stationId: string;
  staff: { id: string; name: string } | null;
  at: Date;
}

const present = new WeakSet<Db>();

/**
 * Whether migration 30 has run on this database. A station upgraded from a database already past
 * version 30 (migrations numbered by capability) would not have it: check-in must still work then,
 * it only cannot say "already checked in".
 */
export function hasArrivalLog(db: Db): boolean {
  if (present.has(db)) return true;
  const found = !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkins'`).get();
  if (found) present.add(db);
  return found;
}

/** Appends an arrival and returns its id. Rows are never changed or deleted (triggers refuse it). */
export function appendArrival(db: Db, arrival: Arrival): { id: string; at: string } {
  const id = randomUUID();
  const at = arrival.at.toISOString();
  db.prepare(
    `INSERT INTO checkins (id, ssin, local_date, at, station_id, staff_id, staff_name, source, invitation_code, warnings_acknowledged)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    arrival.ssin,
    localDateOf(arrival.at),
    at,
    arrival.stationId,
    arrival.staff?.id ?? null,
    arrival.staff?.name ?? null,
    arrival.source,
    arrival.invitationCode,
    JSON.stringify([...new Set(arrival.warningsAcknowledged)]),
  );
  return { id, at };
}

/** The last arrival of this person recorded here on a Brussels day, or null. */
export function lastArrivalOn(db: Db, ssin: string, day: string): string | null {
  if (!hasArrivalLog(db)) return null;
  const row = db.prepare('SELECT MAX(at) AS at FROM checkins WHERE ssin = ? AND local_date = ?').get(ssin, day) as { at: string | null };
  return row.at;
}

export interface ArrivalsOfDay {
  /** People whose arrival was confirmed that day (each counted once). */
  checkedIn: number;
  /** Confirmations beyond a person's first of the day (scanned and confirmed again). */
  repeated: number;
  /** People checked in that day for whom no completed dose of that day is known here. */
  withoutDose: number;
}

/** The arrival figures of one Brussels day for the end-of-day report. */
export function arrivalsOfDay(db: Db, day: string): ArrivalsOfDay {
  if (!hasArrivalLog(db)) return { checkedIn: 0, repeated: 0, withoutDose: 0 };
  const row = db
    .prepare(
      `SELECT COUNT(DISTINCT c.ssin) AS people, COUNT(*) AS confirmations,
              COUNT(DISTINCT CASE WHEN NOT EXISTS (
                SELECT 1 FROM dose_records d WHERE d.ssin = c.ssin AND d.local_date = c.local_date AND d.status = 'completed'
              ) THEN c.ssin END) AS without_dose
         FROM checkins c WHERE c.local_date = ?`,
    )
    .get(day) as { people: number; confirmations: number; without_dose: number };
  return { checkedIn: row.people, repeated: row.confirmations - row.people, withoutDose: row.without_dose };
}
