import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, languageFromLocale, TIME_ZONE, type Language } from '../../shared/i18n/languages';
import { dateTimeFormat } from './intl-cache';

/** One chunk of messages per language (built by scripts/vite-messages.ts from the shared catalogs). */
const MESSAGES: Record<Language, () => Promise<{ default: Record<string, string> }>> = {
  nl: () => import('virtual:dosedesk-messages/nl'),
  fr: () => import('virtual:dosedesk-messages/fr'),
  de: () => import('virtual:dosedesk-messages/de'),
  en: () => import('virtual:dosedesk-messages/en'),
};

const loading = new Map<Language, Promise<void>>();

/** Loads a language's messages once; later calls wait for the same load. */
export function loadLanguage(lang: Language): Promise<void> {
  let pending = loading.get(lang);
  if (!pending) {
    pending = MESSAGES[lang]().then((m) => {
      i18next.addResourceBundle(lang, 'translation', m.default);
    });
    // A failed load (the station restarted mid-fetch) may be tried again.
    pending.catch(() => loading.delete(lang));
    loading.set(lang, pending);
  }
  return pending;
}

export function languageLoaded(lang: Language): boolean {
  return i18next.hasResourceBundle(lang, 'translation');
}

/** Where this window keeps the language staff chose, so a reload does not fall back to the browser's. */
const CHOSEN_KEY = 'dosedesk.language';

/** The language chosen earlier in this window (or the Electron profile), if any. */
function chosenLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(CHOSEN_KEY);
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : null;
  } catch {
    return null;
  }
}

/** Shows the screen in another language once its messages are there, and keeps the choice for a reload. */
export async function switchLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  await i18next.changeLanguage(lang);
  try {
    window.localStorage.setItem(CHOSEN_KEY, lang);
  } catch {
    // Storage refused (private window): the choice lasts until the reload.
  }
}

/** The other languages, fetched after the first screen is up (for a switch, or a citizen's language). */
export function preloadLanguages(): void {
  for (const lang of LANGUAGES) void loadLanguage(lang).catch(() => undefined);
}

/**
 * The screens' i18next instance: same catalogs as the back end, language switchable on screen.
 * Resolves once the first language's messages are loaded (the first screen needs no other).
 */
export async function setupI18n(initial: Language = chosenLanguage() ?? languageFromLocale(navigator.language)) {
  await i18next.use(initReactI18next).init({
    resources: {},
    partialBundledLanguages: true,
    lng: initial,
    fallbackLng: 'en',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  await loadLanguage(initial);
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
  return dateTimeFormat(LOCALES[lang], options).format(new Date(iso));
}
