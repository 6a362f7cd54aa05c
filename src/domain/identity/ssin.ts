import { daysInMonth, fullIso, parseToday, compareDays, type PartialDate } from './calendar';
import { accept, refuse, type IdentityWarning, type Parsed } from './result';

/**
 * Belgian national number (INSZ/NISS/SSIN) and BIS number: YYMMDD + serial (3) + check (2).
 *
 * Validity policy (the same as python-stdnum >= 1.19, so the two can be compared number for number):
 * - check digits: 97 - (first 9 digits mod 97); for births from 2000 on, `2` is put in front of the
 *   9 digits. The 20xx reading only counts when 2000+YY is not after today's year.
 * - month 0..12 is a national number, 20..32 a BIS number whose sex was unknown, 40..52 a BIS
 *   number whose sex was known. Month 00 (also 20/40) means month and day are unknown (or the day
 *   counter ran out); day 00 means the day is unknown; 000001/002001/004001 mean the whole birth
 *   date is unknown.
 * - a day past the end of its month is accepted as "day unknown" with a warning, not refused:
 *   python-stdnum >= 1.19 does the same, because the register spills over when a day's serials run
 *   out, and a number the state issued must not lock a person out of vaccination.
 * - the serial is not checked beyond its parity (odd = male, even = female).
 * A month outside those ranges is refused when typed, but only a warning when the number comes from
 * a card's chip or MRZ (specimen cards carry month 71): see `source`.
 */
export type SsinKind = 'nn' | 'bis';

export interface SsinValue {
  /** The 11 digits. */
  readonly ssin: string;
  /** YY.MM.DD-SSS.CC, as printed on Belgian documents. */
  readonly formatted: string;
  readonly numberKind: SsinKind;
  readonly bis: boolean;
  /** ISO date when every part is known, else null. */
  readonly birthDate: string | null;
  readonly birth: PartialDate;
  /** Null for a BIS number assigned without the person's sex (month + 20). */
  readonly sex: 'M' | 'F' | null;
  readonly warnings: readonly IdentityWarning[];
}

export interface SsinOptions {
  /** `document`: read from a card the state issued (chip, MRZ): odd months only warn. */
  readonly source?: 'typed' | 'document';
}

const SEPARATORS = /[\s.-]/g;
const UNKNOWN_DATE = new Set(['000001', '002001', '004001']);

/** Digits only, separators (dots, dashes, spaces) removed; null when anything else is present. */
export function compactSsin(text: string): string | null {
  const compact = text.replace(SEPARATORS, '');
  return /^\d*$/.test(compact) ? compact : null;
}

export function formatSsin(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9, 11)}`;
}

/** Check digits of the first nine digits, for a birth in the 1900s or from 2000 on. */
export function ssinCheckDigits(first9: string, century: 1900 | 2000): number {
  const n = Number(first9) + (century === 2000 ? 2_000_000_000 : 0);
  return 97 - (n % 97);
}

/** The century the check digits prove, or null when neither reading matches. */
export function ssinCentury(digits: string, todayYear: number): 1900 | 2000 | null {
  if (!/^\d{11}$/.test(digits)) return null;
  const first9 = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  if (ssinCheckDigits(first9, 1900) === check) return 1900;
  // 2e9 mod 97 = 68, so both readings never match the same number.
  if (2000 + Number(digits.slice(0, 2)) <= todayYear && ssinCheckDigits(first9, 2000) === check) return 2000;
  return null;
}

export function parseSsin(text: string, today: string, options: SsinOptions = {}): Parsed<SsinValue> {
  const todayDay = parseToday(today);
  const digits = compactSsin(text.trim());
  if (digits === null || digits.length !== 11) {
    return refuse('identity.ssin.format', { length: digits === null ? null : digits.length });
  }
  const century = ssinCentury(digits, todayDay.year);
  if (century === null) return refuse('identity.ssin.checksum');

  const warnings: IdentityWarning[] = [];
  const yy = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));
  const serial = Number(digits.slice(6, 9));
  const serialSex = serial % 2 === 1 ? 'M' : 'F';

  let numberKind: SsinKind = 'nn';
  let sexKnown = true;
  let month: number;
  if (mm <= 12) month = mm;
  else if (mm >= 20 && mm <= 32) [numberKind, sexKnown, month] = ['bis', false, mm - 20];
  else if (mm >= 40 && mm <= 52) [numberKind, sexKnown, month] = ['bis', true, mm - 40];
  else {
    if (options.source !== 'document') return refuse('identity.ssin.birth_date', { month: mm });
    warnings.push('ssin.month_out_of_range');
    month = 0;
  }

  const year = century + yy;
  let birth: PartialDate;
  if (UNKNOWN_DATE.has(digits.slice(0, 6))) birth = { year: null, month: null, day: null };
  else if (month === 0) birth = { year, month: null, day: null };
  else if (dd === 0) birth = { year, month, day: null };
  else if (dd > daysInMonth(year, month)) {
    warnings.push('ssin.day_past_month_end');
    birth = { year, month, day: null };
  } else birth = { year, month, day: dd };

  if (birth.year !== null && birth.month !== null && birth.day !== null) {
    if (compareDays({ year: birth.year, month: birth.month, day: birth.day }, todayDay) > 0) warnings.push('ssin.birth_in_future');
  }

  return accept({
    ssin: digits,
    formatted: formatSsin(digits),
    numberKind,
    bis: numberKind === 'bis',
    birthDate: fullIso(birth),
    birth,
    sex: sexKnown ? serialSex : null,
    warnings,
  });
}
