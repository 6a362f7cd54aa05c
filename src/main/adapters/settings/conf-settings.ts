import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { DoseDeskError } from '../../../shared/errors';
import { describeIssues } from '../../../shared/envelope';
import { databaseHasContent, stationMarkerFile } from '../sqlite/station-marker';
import { DEFAULT_SETTINGS, Settings as SettingsSchema, type Settings } from '../../../shared/settings';
import { ValidatedSettingsStore } from './settings-store';

/**
 * Settings for the Node host: `conf` (electron-store is built on it) in a settings.json inside the
 * station's folder, checked with the shared schema. conf is not given the schema: compiling it
 * with ajv took about a quarter of a second of every host start, and every write is validated by
 * ValidatedSettingsStore anyway.
 */
export function openConfSettings(folder: string, initial: Partial<Settings> = {}): ValidatedSettingsStore {
  const defaults = { ...DEFAULT_SETTINGS, ...initial };
  // Before conf opens the file (it writes the defaults into it): a bad file is refused untouched.
  refuseInvalidSettingsFile(folder, defaults);
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      cwd: folder,
      configName: 'settings',
      projectName: 'dosedesk',
      defaults,
      clearInvalidConfig: false,
    });
  } catch (error) {
    // Garbage, a truncated file or values outside the schema: refused, never replaced by defaults.
    throw new DoseDeskError('settings.unreadable', { file: settingsFile(folder), detail: (error as Error).message.slice(0, 200) });
  }
  return new ValidatedSettingsStore(conf);
}

/** Garbage, a truncated file or values outside the schema: refused, never replaced by defaults. */
function refuseInvalidSettingsFile(folder: string, defaults: Settings): void {
  const file = settingsFile(folder);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return;
    throw new DoseDeskError('settings.unreadable', { file, detail: (error as Error).message.slice(0, 200) });
  }
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (error) {
    throw new DoseDeskError('settings.unreadable', { file, detail: (error as Error).message.slice(0, 200) });
  }
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) throw new DoseDeskError('settings.unreadable', { file, detail: 'not a JSON object' });
  const checked = SettingsSchema.safeParse({ ...defaults, ...stored });
  if (!checked.success) throw new DoseDeskError('settings.unreadable', { file, detail: describeIssues(checked.error).slice(0, 200) });
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
