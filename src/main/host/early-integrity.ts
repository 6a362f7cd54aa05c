import { resolveHostDatabaseKey } from '../adapters/crypto/host-key';
import { databaseHasContent } from '../adapters/sqlite/station-marker';
import { startIntegrityCheck, type IntegrityCheck } from '../adapters/sqlite/background-integrity';
import { databaseFileOf } from './paths';

/**
 * The host's first step on a station folder that exists: its database's integrity check starts on
 * another thread before the station's modules load (about as long as the check on a centre's
 * database). Null when there is nothing to check yet or the key is not at hand: the station then
 * checks at open, as always, and reports any refusal itself.
 */
export function startEarlyIntegrityCheck(dataDir: string): IntegrityCheck | null {
  const file = databaseFileOf(dataDir);
  try {
    if (!databaseHasContent(file)) return null;
    const { key } = resolveHostDatabaseKey(dataDir, { databaseFile: file });
    return startIntegrityCheck(file, key);
  } catch {
    return null;
  }
}
