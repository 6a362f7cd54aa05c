import * as z from 'zod';

/** The station speaks the three national languages plus English. */
export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const TIME_ZONE = 'Europe/Brussels';

/** Picks a supported language from a locale such as `fr-BE` or `de_DE.UTF-8`; English otherwise. */
export function languageFromLocale(locale: string | undefined | null): Language {
  const tag = (locale ?? '').toLowerCase().slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(tag) ? (tag as Language) : 'en';
}
