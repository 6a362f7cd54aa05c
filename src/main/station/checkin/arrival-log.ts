import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../adapters/sqlite/database';
import type { CheckinSource } from '../../../shared/api/checkin';
import { localDateOf } from '../../../domain/time/local-time';
import { arrivalCountsOn, checkinsTableExists, insertArrival, latestArrivalAt } from './arrival-store';

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
  const found = checkinsTableExists(db);
  if (found) present.add(db);
  return found;
}

/** Appends an arrival and returns its id. Rows are never changed or deleted (triggers refuse it). */
export function appendArrival(db: Db, arrival: Arrival): { id: string; at: string } {
  const id = randomUUID();
  const at = arrival.at.toISOString();
  insertArrival(db, {
    id,
    ssin: arrival.ssin,
    localDate: localDateOf(arrival.at),
    at,
    stationId: arrival.stationId,
    staffId: arrival.staff?.id ?? null,
    staffName: arrival.staff?.name ?? null,
    source: arrival.source,
    invitationCode: arrival.invitationCode,
    warningsAcknowledged: JSON.stringify([...new Set(arrival.warningsAcknowledged)]),
  });
  return { id, at };
}

/** The last arrival of this person recorded here on a Brussels day, or null. */
export function lastArrivalOn(db: Db, ssin: string, day: string): string | null {
  if (!hasArrivalLog(db)) return null;
  return latestArrivalAt(db, ssin, day);
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
  const row = arrivalCountsOn(db, day);
  return { checkedIn: row.people, repeated: row.confirmations - row.people, withoutDose: row.without_dose };
}
