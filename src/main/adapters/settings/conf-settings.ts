import Conf from 'conf';
import { DEFAULT_SETTINGS, settingsJsonSchema, type Settings } from '../../../shared/settings';
import { ValidatedSettingsStore } from './settings-store';

/**
 * Settings for the Node host: `conf` with the same JSON schema electron-store uses in Electron
 * (electron-store is built on conf), in a settings.json inside the station's folder.
 */
export function openConfSettings(folder: string, initial: Partial<Settings> = {}): ValidatedSettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    cwd: folder,
    configName: 'settings',
    projectName: 'dosedesk',
    schema: settingsJsonSchema() as never,
    defaults: { ...DEFAULT_SETTINGS, ...initial },
    clearInvalidConfig: false,
  });
  return new ValidatedSettingsStore(conf);
}
