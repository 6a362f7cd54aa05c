import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../../src/shared/i18n/catalogs';
import { LANGUAGES } from '../../../../src/shared/i18n/languages';
import { translate } from '../../../../src/shared/i18n/translate';

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('translation catalogs', () => {
  it('have the same keys in nl, fr, de and en, none empty', () => {
    for (const catalog of catalogs) {
      const keys = Object.keys(catalog.en).sort();
      for (const lang of LANGUAGES) {
        expect(Object.keys(catalog[lang]).sort(), `${lang} keys`).toEqual(keys);
        for (const key of keys) expect(catalog[lang][key]!.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
      }
    }
  });

  it('use the same placeholders in every language', () => {
    for (const catalog of catalogs) {
      for (const key of Object.keys(catalog.en)) {
        for (const lang of LANGUAGES) expect(placeholders(catalog[lang][key]!), `${lang} ${key}`).toEqual(placeholders(catalog.en[key]!));
      }
    }
  });

  it('never define one key in two catalogs', () => {
    const seen = new Map<string, number>();
    catalogs.forEach((catalog, index) => {
      for (const key of Object.keys(catalog.en)) {
        expect(seen.has(key), `${key} defined twice`).toBe(false);
        seen.set(key, index);
      }
    });
  });

  it('translate with parameters and differ between languages where the words differ', () => {
    expect(translate('fr', 'status.mode.offline_since', { time: '10:15' })).toBe('Hors ligne depuis 10:15');
    expect(translate('de', 'status.mode.offline_since', { time: '10:15' })).toBe('Offline seit 10:15');
    expect(translate('nl', 'error.unknown_method', { method: 'x' })).toContain('"x"');
  });
});
