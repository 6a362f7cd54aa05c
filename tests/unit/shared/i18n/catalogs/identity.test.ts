import { describe, expect, it } from 'vitest';
import { identity } from '../../../../../src/shared/i18n/catalogs/identity';
import { catalogs } from '../../../../../src/shared/i18n/catalogs';
import { translate } from '../../../../../src/shared/i18n/translate';
import { IDENTITY_ERROR_CODES, IDENTITY_WARNINGS } from '../../../../../src/domain/identity/result';

const LANGS = ['en', 'nl', 'fr', 'de'] as const;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('identity catalog', () => {
  it('has a message for every refusal and every warning, in all four languages, and nothing else', () => {
    const expected = [...IDENTITY_ERROR_CODES.map((c) => `error.${c}`), ...IDENTITY_WARNINGS.map((w) => `identity.warning.${w}`)].sort();
    for (const lang of LANGS) expect(Object.keys(identity[lang]).sort(), lang).toEqual(expected);
  });

  it('uses the same placeholders in every language, and no empty message', () => {
    for (const key of Object.keys(identity.en)) {
      const want = placeholders(identity.en[key]!);
      for (const lang of LANGS) {
        expect(identity[lang][key]!.trim().length, `${lang} ${key}`).toBeGreaterThan(10);
        expect(placeholders(identity[lang][key]!), `${lang} ${key}`).toEqual(want);
      }
    }
  });

  it('is registered, so translate() renders the messages with their parameters', () => {
    expect(catalogs).toContain(identity);
    expect(translate('fr', 'error.identity.gs1.unknown_ai', { ai: '714' })).toContain('AI 714');
    expect(translate('de', 'error.identity.too_long', { max: 4096 })).toContain('4096');
    expect(translate('nl', 'error.identity.ssin.checksum')).toMatch(/rijksregisternummer/);
  });
});
