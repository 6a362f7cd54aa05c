import type Database from 'better-sqlite3';

/** Read-only figures of the stand-in's database, for the simulator's end-of-day count. */

const scalar = (db: Database.Database, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number | null }).n ?? 0;

/** The station record identifiers the backend holds for a resource type. */
export function identifiersAtBackend(db: Database.Database, type: string, system: string): Set<string> {
  return new Set((db.prepare(`SELECT DISTINCT value FROM tokens WHERE type = ? AND param = 'identifier' AND system = ?`).all(type, system) as { value: string }[]).map((r) => r.value));
}

/** Identifiers held by more than one resource: a record sent twice. */
export function duplicateIdentifiers(db: Database.Database): number {
  return scalar(db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM tokens WHERE param = 'identifier' GROUP BY type, system, value HAVING COUNT(DISTINCT id) > 1)`);
}

export function resourceCount(db: Database.Database, type: string): number {
  return scalar(db, `SELECT COUNT(*) AS n FROM resources WHERE type = ?`, type);
}

/**
 * Completed Immunizations whose dose number (the station's extension) is above `doses`: boosters
 * given after a course of that many doses (a not-done record names the dose it would have been).
 */
export function immunizationsWithDoseNumberAbove(db: Database.Database, extensionUrl: string, doses: number): number {
  return scalar(
    db,
    `SELECT COUNT(*) AS n FROM resources r WHERE r.type = 'Immunization' AND json_extract(r.json, '$.status') = 'completed'
       AND EXISTS (SELECT 1 FROM json_each(r.json, '$.extension') e WHERE json_extract(e.value, '$.url') = ? AND json_extract(e.value, '$.valuePositiveInt') > ?)`,
    extensionUrl,
    doses,
  );
}

/** Immunizations that carry at least one reaction. */
export function immunizationsWithReaction(db: Database.Database): number {
  return scalar(db, `SELECT COUNT(*) AS n FROM resources WHERE type = 'Immunization' AND json_array_length(json, '$.reaction') > 0`);
}
