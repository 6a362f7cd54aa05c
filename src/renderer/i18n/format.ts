import { TIME_ZONE, type Language } from '../../shared/i18n/languages';
import { formatSsin } from '../../domain/identity/ssin';
import { dateTimeFormat } from './intl-cache';

const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-BE' };

/** Each language named in itself, for language buttons and "speaks …". */
export const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

/** A local calendar day (YYYY-MM-DD) in the screen's format; noon UTC is the same day in Brussels. */
export function formatDay(day: string, lang: Language, style: 'long' | 'short' = 'long'): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { timeZone: TIME_ZONE, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } : { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' };
  return dateTimeFormat(LOCALES[lang], options).format(date);
}

/** An instant as a weekday, day and time in Brussels, e.g. "dinsdag 16 december 2025 om 10:15". */
export function formatAppointment(iso: string, lang: Language): string {
  return dateTimeFormat(LOCALES[lang], {
    timeZone: TIME_ZONE,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatClock(iso: string, lang: Language): string {
  return dateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Today in Brussels as YYYY-MM-DD, from an instant (the station's own "now" when we have it). */
export function brusselsDay(at: Date | string = new Date()): string {
  const parts = dateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A duration for staff, short: "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatNationalNumber(ssin: string): string {
  return /^\d{11}$/.test(ssin) ? formatSsin(ssin) : ssin;
}
