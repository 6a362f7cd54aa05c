import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../../../src/main/adapters/settings/conf-settings';
import { DEFAULT_SETTINGS } from '../../../../../src/shared/settings';
import { DoseDeskError } from '../../../../../src/shared/errors';
import { makeTempDir } from '../../../../support/temp-dir';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('station settings through conf', () => {
  it('start from the defaults and persist validated changes to settings.json', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const store = openConfSettings(t.dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    // The new folder's file holds the defaults, as conf writes them, before any change.
    expect(readFileSync(join(t.dir, 'settings.json'), 'utf8')).toBe(JSON.stringify(DEFAULT_SETTINGS, undefined, '\t'));
    store.update({ role: 'checkin', language: 'fr', printer: { uri: 'tcp://127.0.0.1:9100', type: 'star', width: '58', paper: 'receipt' } });
    const reopened = openConfSettings(t.dir);
    expect(reopened.get().role).toBe('checkin');
    expect(reopened.get().printer.type).toBe('star');
    expect(JSON.parse(readFileSync(join(t.dir, 'settings.json'), 'utf8')).language).toBe('fr');
  });

  it('refuse invalid values with a code and keep the file unchanged', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const store = openConfSettings(t.dir);
    store.update({ centreName: 'Heysel' });
    const before = readFileSync(join(t.dir, 'settings.json'), 'utf8');
    for (const bad of [{ federalUrl: 'ftp://x' }, { printer: { uri: 'http://x', type: 'epson', width: '80', paper: 'receipt' } }, { role: 'admin' }, { centreName: '' }]) {
      expect(() => store.update(bad)).toThrow(DoseDeskError);
    }
    expect(readFileSync(join(t.dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('tell listeners about a change', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const store = openConfSettings(t.dir);
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.language));
    store.update({ language: 'de' });
    expect(seen).toEqual(['de']);
  });

  it('refuse a bad settings.json as unreadable and leave it byte for byte as it was', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'settings.json');
    for (const bad of ['{garbage', '', '[]', 'null', '{"language":"xx"}', '{"printer":{"uri":"http://x"}}']) {
      writeFileSync(file, bad);
      let code: string | undefined;
      try {
        openConfSettings(t.dir);
      } catch (error) {
        code = (error as DoseDeskError).code;
      }
      expect(code, bad).toBe('settings.unreadable');
      expect(readFileSync(file, 'utf8'), bad).toBe(bad);
    }
  });
  it('a station that only reads leaves its file as it was, sees another process change it, and fills in new settings from the defaults', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'settings.json');
    openConfSettings(t.dir).update({ centreName: 'Heysel' });
    // A file from before a setting existed: no `language` in it.
    const { language: _dropped, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify(older));
    const before = readFileSync(file, 'utf8');
    const store = openConfSettings(t.dir);
    expect(store.get().language).toBe(DEFAULT_SETTINGS.language);
    expect(store.get().centreName).toBe('Heysel');
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Another process (an operator command) changes the file: the next read sees it.
    writeFileSync(file, JSON.stringify({ ...older, centreName: 'Antwerpen Expo' }));
    expect(store.get().centreName).toBe('Antwerpen Expo');
    // The first write writes the whole file, the default it lacked included.
    store.update({ role: 'checkin' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ role: 'checkin', centreName: 'Antwerpen Expo', language: DEFAULT_SETTINGS.language });
    expect(openConfSettings(t.dir).get().role).toBe('checkin');
  });
});
