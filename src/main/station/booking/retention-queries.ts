import type { Db } from '../../adapters/sqlite/database';

/** Read-only: where a citizen's names were copied inside the booking slice, for retention. */

export function citizenChangeRows(db: Db, citizenId: string): { id: string; before: string; after: string }[] {
  return db.prepare('SELECT id, before, after FROM citizen_changes WHERE citizen_id = ?').all(citizenId) as { id: string; before: string; after: string }[];
}

export function doseIdsOfCitizen(db: Db, citizenId: string): string[] {
  return (db.prepare('SELECT id FROM dose_records WHERE citizen_id = ?').all(citizenId) as { id: string }[]).map((r) => r.id);
}

export function appointmentIdsOfCitizen(db: Db, citizenId: string): string[] {
  return (db.prepare('SELECT id FROM appointments WHERE citizen_id = ?').all(citizenId) as { id: string }[]).map((r) => r.id);
}

export function standbyIdsOfPerson(db: Db, citizenId: string, ssin: string): string[] {
  return (db.prepare('SELECT id FROM standby WHERE citizen_id = ? OR ssin = ?').all(citizenId, ssin) as { id: string }[]).map((r) => r.id);
}

/** Closed standby entries of people never registered as citizens, older than the cut-off and not yet pseudonymised. */
export function closedAnonymousStandbyIds(db: Db, cutoff: string, pseudonymPrefix: string): string[] {
  return (
    db
      .prepare(`SELECT id FROM standby WHERE citizen_id IS NULL AND ssin IS NULL AND status IN ('vaccinated', 'removed') AND updated_at < ? AND display_name NOT LIKE ?`)
      .all(cutoff, `${pseudonymPrefix}%`) as { id: string }[]
  ).map((r) => r.id);
}
