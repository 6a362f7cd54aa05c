import { join, resolve } from 'node:path';
import { openDatabase, type Db } from './database';
import { databaseHasContent, refuseLostDatabase } from './station-marker';
import { hostKeyFile, resolveHostDatabaseKey } from '../crypto/host-key';

export function stationDatabaseFile(dataDir: string): string {
  return join(resolve(dataDir), 'station.sqlite');
}

/**
 * Opens a station folder's database for an operator command, with the Node host's key
 * (DOSEDESK_DB_KEY or `<folder>.key`); a plain test database opens without one. Never creates a
 * key or a database. Commands that read station data should open it through this.
 */
export function openStationFile(dataDir: string, options: { readonly?: boolean; env?: NodeJS.ProcessEnv } = {}): { db: Db; key: string | null } {
  const file = stationDatabaseFile(dataDir);
  const env = options.env ?? process.env;
  // A folder that held a station but lost its database is refused as such (db.missing), never read as empty.
  refuseLostDatabase(resolve(dataDir), file, env.DOSEDESK_DB_KEY_FILE ? [] : [hostKeyFile(dataDir, env)]);
  if (!databaseHasContent(file)) throw new Error(`No station database in ${resolve(dataDir)}.`);
  const { key } = resolveHostDatabaseKey(dataDir, { databaseFile: file, ...(options.env ? { env: options.env } : {}) });
  const db = openDatabase(file, { ...(key ? { key } : {}), ...(options.readonly ? { readonly: true } : {}) });
  return { db, key };
}
