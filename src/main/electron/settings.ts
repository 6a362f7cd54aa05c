import Store from 'electron-store';
import { DEFAULT_SETTINGS, settingsJsonSchema, type Settings } from '../../shared/settings';
import { ValidatedSettingsStore } from '../adapters/settings/settings-store';

/** Electron keeps settings with electron-store, on the same schema the Node host gives conf. */
export function openElectronSettings(initial: Partial<Settings> = {}): ValidatedSettingsStore {
  const store = new Store<Record<string, unknown>>({
    name: 'settings',
    schema: settingsJsonSchema() as never,
    defaults: { ...DEFAULT_SETTINGS, ...initial },
    clearInvalidConfig: false,
  });
  return new ValidatedSettingsStore(store);
}
