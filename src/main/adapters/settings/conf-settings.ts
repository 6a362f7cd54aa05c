import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type Conf from 'conf';
import { DoseDeskError } from '../../../shared/errors';
import { describeIssues } from '../../../shared/envelope';
import { databaseHasContent, stationMarkerFile } from '../sqlite/station-marker';
import { DEFAULT_SETTINGS, Settings as SettingsSchema, type Settings } from '../../../shared/settings';
import { ValidatedSettingsStore, type KeyValueBackend } from './settings-store';

/**
 * Settings for the Node host: `conf` (electron-store is built on it) in a settings.json inside the
 * station's folder, checked with the shared schema. conf is not given the schema: compiling it
 * with ajv took about a quarter of a second of every host start, and every write is validated by
 * ValidatedSettingsStore anyway.
 */
export function openConfSettings(folder: string, initial: Partial<Settings> = {}): ValidatedSettingsStore {
  const defaults = { ...DEFAULT_SETTINGS, ...initial };
  // Before conf opens the file (it writes the defaults into it): a bad file is refused untouched.
  const exists = refuseInvalidSettingsFile(folder, defaults);
  // A new folder gets its settings file now, as conf would write it when it opens.
  if (!exists) writeDefaultSettings(folder, defaults);
  return new ValidatedSettingsStore(new ConfOnFirstWrite(folder, defaults));
}

/**
 * The defaults as conf writes them (tab-indented JSON), whole or not at all: conf, ajv and semver
 * are 0.1 s of a new station's first start, and that start writes no setting of its own.
 */
function writeDefaultSettings(folder: string, defaults: Settings): void {
  mkdirSync(folder, { recursive: true });
  const file = settingsFile(folder);
  const temp = `${file}.${process.pid}.new`;
  writeFileSync(temp, JSON.stringify(defaults, undefined, '\t'), { flush: true });
  renameSync(temp, file);
}

/**
 * Reads settings.json as conf reads it (again at every read, so a change another process made is
 * seen), with the defaults under it as conf writes them when it opens; conf itself loads for the
 * first write of a setting only. It imports ajv and semver, which are 0.1-0.2 s of every station's start on two
 * cores, and a station that is only started never writes its settings.
 */
class ConfOnFirstWrite implements KeyValueBackend {
  private conf: Conf<Record<string, unknown>> | null = null;
  constructor(
    private readonly folder: string,
    private readonly defaults: Settings,
  ) {}

  get store(): Record<string, unknown> {
    if (this.conf) return this.conf.store;
    let text: string;
    try {
      text = readFileSync(settingsFile(this.folder), 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { ...this.defaults };
      throw error;
    }
    return { ...this.defaults, ...(JSON.parse(text) as Record<string, unknown>) };
  }

  set(values: Record<string, unknown>): void {
    this.open().set(values);
  }

  private open(): Conf<Record<string, unknown>> {
    if (this.conf) return this.conf;
    // ESM conf through require: synchronous, as settings are (Node 20.19+ loads ES modules so).
    const { default: ConfClass } = createRequire(import.meta.url)('conf') as { default: typeof Conf };
    try {
      this.conf = new ConfClass<Record<string, unknown>>({ cwd: this.folder, configName: 'settings', projectName: 'dosedesk', defaults: this.defaults, clearInvalidConfig: false });
    } catch (error) {
      // Garbage, a truncated file or values outside the schema: refused, never replaced by defaults.
      throw new DoseDeskError('settings.unreadable', { file: settingsFile(this.folder), detail: (error as Error).message.slice(0, 200) });
    }
    return this.conf;
  }
}

/** Garbage, a truncated file or values outside the schema: refused, never replaced by defaults. Whether there is a file. */
function refuseInvalidSettingsFile(folder: string, defaults: Settings): boolean {
  const file = settingsFile(folder);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
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
  return true;
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
