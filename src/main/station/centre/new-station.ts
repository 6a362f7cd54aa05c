import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { describeIssues } from '../../../shared/envelope';
import { Settings } from '../../../shared/settings';
import { DEFAULT_PRODUCTS } from '../../../domain/vaccines/products';
import { openConfSettings, settingsFile } from '../../adapters/settings/conf-settings';
import type { SettingsStore } from '../../adapters/settings/settings-store';
import { openDatabase, type Db } from '../../adapters/sqlite/database';
import { databaseHasContent, markStationProvisioned, refuseLostDatabase, stationMarkerFile } from '../../adapters/sqlite/station-marker';
import { stationDatabaseFile } from '../../adapters/sqlite/station-file';
import { checkDatabaseKey, generateDatabaseKey } from '../../adapters/crypto/db-key';
import { hostKeyFile, readKeyFile } from '../../adapters/crypto/host-key';
import { ensureProducts } from '../products/products';
import { setCardKey } from '../booking/card-key';

export interface StationIdentity {
  centreId: string;
  centreName: string;
  stationId: string;
}

/** What every new centre starts with: the default vaccine catalogue and a card key of its own. */
export function provisionCentreKeyAndCatalogue(db: Db, now: Date): void {
  ensureProducts(db, DEFAULT_PRODUCTS, now);
  setCardKey(db, randomBytes(32), now);
}

/** What a folder holds: nothing (or not there), a station, or files that are not a station. */
export type FolderState = 'empty' | 'station' | 'other';

export function stationFolderState(dataDir: string, env: NodeJS.ProcessEnv = process.env): FolderState {
  const dir = resolve(dataDir);
  const proofs = [stationMarkerFile(dir), settingsFile(dir), `${stationDatabaseFile(dir)}-wal`, ...(env.DOSEDESK_DB_KEY_FILE ? [] : [hostKeyFile(dir, env)])];
  if (databaseHasContent(stationDatabaseFile(dir)) || proofs.some((file) => existsSync(file))) return 'station';
  if (!existsSync(dir)) return 'empty';
  return readdirSync(dir).length === 0 ? 'empty' : 'other';
}

/**
 * For a folder that holds a station: its database must be there. A lost one is `db.missing` (as
 * everywhere); a folder with only settings is not a station to export from or merge into.
 */
export function requireStationDatabase(dataDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = resolve(dataDir);
  refuseLostDatabase(dir, stationDatabaseFile(dir), env.DOSEDESK_DB_KEY_FILE ? [] : [hostKeyFile(dir, env)]);
  if (!databaseHasContent(stationDatabaseFile(dir))) throw new DoseDeskError('centre.no_station', { data: dir });
}

/** The database key of a new station, and the key file to write beside it once all went well. */
function keyForNewStation(dir: string, env: NodeJS.ProcessEnv): { value: string; file: string | null } {
  if (env.DOSEDESK_DB_KEY) return { value: checkDatabaseKey(env.DOSEDESK_DB_KEY, 'DOSEDESK_DB_KEY'), file: null };
  const file = hostKeyFile(dir, env);
  // A key file named by DOSEDESK_DB_KEY_FILE may be shared by several folders: used, never replaced.
  if (env.DOSEDESK_DB_KEY_FILE && existsSync(file)) return { value: readKeyFile(file), file: null };
  return { value: generateDatabaseKey(), file };
}

function checkIdentity(identity: StationIdentity): void {
  const parsed = Settings.pick({ centreId: true, centreName: true, stationId: true }).safeParse(identity);
  if (!parsed.success) throw new DoseDeskError('settings.invalid', { detail: describeIssues(parsed.error) });
}

/**
 * Creates a station folder as the host would (encrypted database, key file beside it, settings,
 * marker) with the default vaccine catalogue and a card key of its own, then lets `fill` add to
 * it in the same transaction (`folder` is where the station is being built). Everything is built in a staging folder next to the target and
 * renamed into place at the end, so a failure leaves no half-made station behind.
 * Refuses a folder that holds a station (`centre.station_exists`) or other files (`centre.folder_not_empty`).
 */
export function createStationFolder<R>(
  dataDir: string,
  identity: StationIdentity,
  now: Date,
  fill: (db: Db, settings: SettingsStore, folder: string) => R,
  env: NodeJS.ProcessEnv = process.env,
): R {
  const dir = resolve(dataDir);
  checkIdentity(identity);
  const state = stationFolderState(dir, env);
  if (state === 'station') throw new DoseDeskError('centre.station_exists', { data: dir });
  if (state === 'other') throw new DoseDeskError('centre.folder_not_empty', { data: dir });
  const key = keyForNewStation(dir, env);
  const staging = join(dirname(dir), `.${basename(dir)}.partial-${randomBytes(4).toString('hex')}`);
  let keyWritten = false;
  try {
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    const settings = openConfSettings(staging, { dataDir: dir });
    settings.update({ centreId: identity.centreId, centreName: identity.centreName, stationId: identity.stationId, dataDir: dir });
    const db = openDatabase(stationDatabaseFile(staging), { key: key.value });
    let result: R;
    try {
      result = db.transaction(() => {
        provisionCentreKeyAndCatalogue(db, now);
        return fill(db, settings, staging);
      })();
    } finally {
      db.close();
    }
    markStationProvisioned(staging, { stationId: identity.stationId, at: now });
    if (key.file) {
      writeFileSync(key.file, `${key.value}\n`, { mode: 0o600, flag: 'wx' });
      keyWritten = true;
    }
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(staging, dir);
    return result;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (keyWritten && key.file) rmSync(key.file, { force: true });
    throw error;
  }
}
