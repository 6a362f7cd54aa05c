import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';

/**
 * `station.json` is written beside the database once a station folder has been provisioned. With
 * it (or a key file, or a write-ahead log), a missing or empty database is a loss to restore from
 * a backup, never a new station: opening would silently start over on an empty database.
 */
export const STATION_MARKER = 'station.json';

export function stationMarkerFile(dataDir: string): string {
  return join(dataDir, STATION_MARKER);
}

const hasContent = (file: string): boolean => existsSync(file) && statSync(file).size > 0;

/** True when the database file exists and is not empty (SQLite takes an empty file as a new database). */
export function databaseHasContent(databaseFile: string): boolean {
  return hasContent(databaseFile);
}

/**
 * Refuses with `db.missing` when the database is missing or empty but something proves the folder
 * held a station: the marker, the write-ahead log, or one of `proofs` (the key file, which the
 * caller checks before it would create one).
 */
export function refuseLostDatabase(dataDir: string, databaseFile: string, proofs: readonly string[] = []): void {
  if (databaseHasContent(databaseFile)) return;
  const found = [stationMarkerFile(dataDir), `${databaseFile}-wal`, ...proofs].find((file) => existsSync(file));
  if (found) throw new DoseDeskError('db.missing', { file: databaseFile, proof: basename(found) });
}

/** Records that this folder holds a station (once; written whole under a temporary name, then renamed). */
export function markStationProvisioned(dataDir: string, info: { stationId: string; at: Date }): void {
  const file = stationMarkerFile(dataDir);
  if (existsSync(file)) return;
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify({ format: 1, stationId: info.stationId, provisionedAt: info.at.toISOString() }, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
