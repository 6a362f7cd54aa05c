/** SQL of the booking entries of station_meta (card key, centre details). */
import type { Db } from '../../adapters/sqlite/database';

export function readMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM station_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function writeMeta(db: Db, key: string, value: string, at: string): void {
  db.prepare(
    `INSERT INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at);
}

/** Writes the value only if the key has none (two writers: the first one wins). */
export function writeMetaIfAbsent(db: Db, key: string, value: string, at: string): void {
  db.prepare('INSERT OR IGNORE INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)').run(key, value, at);
}
