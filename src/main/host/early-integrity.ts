import { resolveHostDatabaseKey } from '../adapters/crypto/host-key';
import { databaseHasContent } from '../adapters/sqlite/station-marker';
import { startIntegrityCheck, type IntegrityCheck } from '../adapters/sqlite/background-integrity';
import { databaseFileOf } from './paths';

/**
 * The host's check of a station folder that exists: its database's integrity check runs on another
 * thread, started once `after` settles (about as long as the check at open on a centre's
 * database). Null when there is nothing to check yet or the key is not at hand: the station then
 * checks at open, as always, and reports any refusal itself.
 */
export function startEarlyIntegrityCheck(dataDir: string, after?: Promise<unknown>): IntegrityCheck | null {
  const file = databaseFileOf(dataDir);
  try {
    if (!databaseHasContent(file)) return null;
    const { key } = resolveHostDatabaseKey(dataDir, { databaseFile: file });
    return startIntegrityCheck(file, key, after);
  } catch {
    return null;
  }
}

/** True when the folder holds no station database yet: the host creates (and seeds) it on this start. */
export function isNewStationFolder(dataDir: string): boolean {
  return !databaseHasContent(databaseFileOf(dataDir));
}
