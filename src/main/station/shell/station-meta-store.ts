import type { Db } from '../../adapters/sqlite/database';

/** station_meta (migration 1): small key/value settings that travel with the database. */

export function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM station_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function hasMeta(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM station_meta WHERE key = ?').get(key) !== undefined;
}

/** The values of the given keys that are set; absent keys are missing from the result. */
export function readMetas(db: Db, keys: readonly string[]): Map<string, string> {
  if (keys.length === 0) return new Map();
  const rows = db.prepare(`SELECT key, value FROM station_meta WHERE key IN (${keys.map(() => '?').join(', ')})`).all(...keys) as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

export function writeMeta(db: Db, key: string, value: string, at: string): void {
  db.prepare(
    `INSERT INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at);
}

/** Sets the key only when it has no value yet: the first writer wins. */
export function writeMetaIfAbsent(db: Db, key: string, value: string, at: string): void {
  db.prepare('INSERT OR IGNORE INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)').run(key, value, at);
}
