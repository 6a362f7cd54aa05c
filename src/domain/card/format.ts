import { DateTime } from 'luxon';
import { TIME_ZONE, type Language } from '../../shared/i18n/languages';

/** Belgian conventions per language: `dinsdag 12 oktober 2021`, `Dienstag, 12. Oktober 2021`. */
function local(iso: string, lang: Language): DateTime {
  const dt = DateTime.fromISO(iso, { zone: TIME_ZONE });
  if (!dt.isValid) throw new Error(`not an ISO instant: ${iso}`);
  return dt.setLocale(`${lang}-BE`);
}

export function formatLongDate(iso: string, lang: Language): string {
  return local(iso, lang).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatShortDate(iso: string, lang: Language): string {
  return local(iso, lang).toLocaleString({ day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function formatTime(iso: string, lang: Language): string {
  return local(iso, lang).toLocaleString(DateTime.TIME_24_SIMPLE);
}
