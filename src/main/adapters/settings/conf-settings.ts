import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { DoseDeskError } from '../../../shared/errors';
import { databaseHasContent, stationMarkerFile } from '../sqlite/station-marker';
import { DEFAULT_SETTINGS, settingsJsonSchema, type Settings } from '../../../shared/settings';
import { ValidatedSettingsStore } from './settings-store';

/**
 * Settings for the Node host: `conf` with the same JSON schema electron-store uses in Electron
 * (electron-store is built on conf), in a settings.json inside the station's folder.
 */
export function openConfSettings(folder: string, initial: Partial<Settings> = {}): ValidatedSettingsStore {
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      cwd: folder,
      configName: 'settings',
      projectName: 'dosedesk',
      schema: settingsJsonSchema() as never,
      defaults: { ...DEFAULT_SETTINGS, ...initial },
      clearInvalidConfig: false,
    });
  } catch (error) {
    // Garbage, a truncated file or values outside the schema: refused, never replaced by defaults.
    throw new DoseDeskError('settings.unreadable', { file: settingsFile(folder), detail: (error as Error).message.slice(0, 200) });
  }
  return new ValidatedSettingsStore(conf);
}

export function settingsFile(folder: string): string {
  return join(folder, 'settings.json');
}

/**
 * conf recreates a missing settings.json from the defaults; for a folder that already holds a
 * station that would run it as "station-1" of the demo centre, so it is refused instead.
 */
export function refuseLostSettings(folder: string, databaseFile: string): void {
  if (existsSync(settingsFile(folder))) return;
  if (databaseHasContent(databaseFile) || existsSync(stationMarkerFile(folder))) {
    throw new DoseDeskError('settings.missing', { file: settingsFile(folder) });
  }
}
