import i18next, { type i18n } from 'i18next';
import { catalogs } from './catalogs';
import { LANGUAGES, type Language } from './languages';
import type { ErrorParams } from '../errors';

/** Merges all catalogs into i18next resources: one flat `translation` namespace per language. */
export function buildResources(): Record<Language, { translation: Record<string, string> }> {
  const out = {} as Record<Language, { translation: Record<string, string> }>;
  for (const lang of LANGUAGES) {
    out[lang] = { translation: Object.assign({}, ...catalogs.map((c) => c[lang])) };
  }
  return out;
}

let shared: i18n | undefined;

/** One synchronous i18next instance for code outside React (back end, CLI). */
export function translator(): i18n {
  if (!shared) {
    shared = i18next.createInstance();
    void shared.init({
      resources: buildResources(),
      lng: 'en',
      fallbackLng: 'en',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
    });
  }
  return shared;
}

export function translate(lang: Language, key: string, params: ErrorParams = {}): string {
  return translator().getFixedT(lang)(key, params);
}
