import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildResources } from '../../shared/i18n/translate';
import { languageFromLocale, TIME_ZONE, type Language } from '../../shared/i18n/languages';

/** The screens' i18next instance: same catalogs as the back end, language switchable on screen. */
export function setupI18n(initial: Language = languageFromLocale(navigator.language)) {
  void i18next.use(initReactI18next).init({
    resources: buildResources(),
    lng: initial,
    fallbackLng: 'en',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = initial;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-BE' };

/** Dates and times are always shown in Brussels time, in the screen language's local format. */
export function formatDateTime(iso: string, lang: Language, style: 'time' | 'date' | 'datetime' = 'datetime'): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE };
  if (style !== 'time') Object.assign(options, { year: 'numeric', month: 'long', day: 'numeric' });
  if (style !== 'date') Object.assign(options, { hour: '2-digit', minute: '2-digit' });
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(new Date(iso));
}
