import { compareDays, daysInMonth, isoDay, parseToday, type Day } from './calendar';
import { accept, refuse, type IdentityWarning, type Parsed, type Refusal } from './result';

/**
 * GS1 element strings from the DataMatrix on medicine packs (EU falsified-medicines rules):
 * (01) GTIN-14, (17) expiry YYMMDD, (10) lot, (21) serial. Variable fields end with FNC1, which
 * scanners send as GS (0x1D) unless the field is last; a leading FNC1 shows up as the AIM prefix
 * `]d2` (DataMatrix), `]C1` (GS1-128), `]Q3` (GS1 QR) or as a GS.
 *
 * Refuse rather than guess: an unknown or repeated AI, a missing 01/17/10, a field too long, and
 * any string that a single missing GS would make read differently. The last one matters because a
 * scanner configured without GS turns `10ABC123 21SN0001` into the lot `ABC12321SN0001`: whenever a
 * variable field could be split at a known AI into another complete, valid element string, we
 * refuse (in practice: no serial, and the lot contains `21`).
 */
export interface Gs1Value {
  readonly gtin: string;
  /** ISO date; day 00 on the pack means the last day of that month. */
  readonly expiry: string;
  readonly lot: string;
  readonly serial: string | null;
  /** The AIM symbology identifier the scanner sent, if any. */
  readonly aim: string | null;
  readonly warnings: readonly IdentityWarning[];
}

export const GS = '\x1d';
export const GS1_AIM_PREFIXES = [']d2', ']C1', ']Q3'] as const;

type Ai = '01' | '17' | '10' | '21';
const FIXED: Partial<Record<Ai, number>> = { '01': 14, '17': 6 };
const VARIABLE_MAX = 20;
const KNOWN = new Set<string>(['01', '17', '10', '21']);
/** GS1 AI encodable character set 82. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** Check digit of a GTIN's first 13 (or n-1) digits: weights 3,1 from the right. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** GS1 sliding century: YY 51..99 ahead of this year is the previous century, 50..99 behind the next. */
export function gs1Year(yy: number, todayYear: number): number {
  const current = todayYear % 100;
  const century = todayYear - current;
  const diff = yy - current;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** YYMMDD with day 00 = last day of the month; null when it is not a date. */
export function gs1Date(raw: string, todayYear: number): Day | null {
  if (!/^\d{6}$/.test(raw)) return null;
  const year = gs1Year(Number(raw.slice(0, 2)), todayYear);
  const month = Number(raw.slice(2, 4));
  const dd = Number(raw.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  if (dd > last) return null;
  return { year, month, day: dd === 0 ? last : dd };
}

/** Each field's value and where that value starts in the element string. */
type Elements = Map<Ai, { value: string; start: number }>;

/** Splits an element string (prefix already removed) into its fields, strictly. */
function splitElements(data: string, todayYear: number): Parsed<Elements> {
  const elements: Elements = new Map();
  let at = 0;
  while (at < data.length) {
    const ai = data.slice(at, at + 2);
    if (!/^\d\d$/.test(ai)) return refuse('identity.gs1.format', { position: at });
    if (!KNOWN.has(ai)) return refuse('identity.gs1.unknown_ai', { ai: data.slice(at, at + 4).replace(/\D.*$/, '') });
    const key = ai as Ai;
    if (elements.has(key)) return refuse('identity.gs1.duplicate_ai', { ai });
    at += 2;
    const start = at;
    const fixed = FIXED[key];
    let value: string;
    if (fixed !== undefined) {
      value = data.slice(at, at + fixed);
      if (value.length < fixed || value.includes(GS)) return refuse('identity.gs1.truncated', { ai });
      at += fixed;
      if (data[at] === GS) at += 1; // a separator after a fixed field is harmless
      const problem = checkFixed(key, value, todayYear);
      if (problem) return problem;
    } else {
      const end = data.indexOf(GS, at);
      value = end < 0 ? data.slice(at) : data.slice(at, end);
      at = end < 0 ? data.length : end + 1;
      if (value.length === 0) return refuse('identity.gs1.empty_field', { ai });
      if (value.length > VARIABLE_MAX) return refuse('identity.gs1.field_too_long', { ai, length: value.length });
      if (!CSET82.test(value)) return refuse('identity.gs1.characters', { ai });
    }
    elements.set(key, { value, start });
  }
  for (const ai of ['01', '17', '10'] as const) if (!elements.has(ai)) return refuse('identity.gs1.missing_ai', { ai });
  return accept(elements);
}

function checkFixed(ai: Ai, value: string, todayYear: number): Refusal | null {
  if (ai === '01') {
    if (!/^\d{14}$/.test(value)) return refuse('identity.gs1.gtin');
    if (gtinCheckDigit(value.slice(0, 13)) !== Number(value[13])) return refuse('identity.gs1.gtin_check');
  }
  if (ai === '17' && !gs1Date(value, todayYear)) return refuse('identity.gs1.expiry', { value });
  return null;
}

/** The AI of a variable field that one missing GS could have swallowed, or null. */
function ambiguousField(data: string, elements: Elements, todayYear: number): Ai | null {
  for (const [ai, { value, start }] of elements) {
    if (FIXED[ai] !== undefined) continue;
    for (let k = 1; k < value.length - 2; k++) {
      if (!KNOWN.has(value.slice(k, k + 2))) continue;
      const alternative = data.slice(0, start + k) + GS + data.slice(start + k);
      if (splitElements(alternative, todayYear).ok) return ai;
    }
  }
  return null;
}

export function parseGs1(text: string, today: string): Parsed<Gs1Value> {
  const todayDay = parseToday(today);
  let data = text.replace(/^[ \r\n\t]+|[ \r\n\t]+$/g, '');
  let aim: string | null = null;
  for (const prefix of GS1_AIM_PREFIXES) {
    if (data.startsWith(prefix)) {
      aim = prefix;
      data = data.slice(prefix.length);
      break;
    }
  }
  if (aim === null && data.startsWith(']')) return refuse('identity.gs1.format', { position: 0 });
  if (data.startsWith(GS)) data = data.slice(1);
  if (data.length === 0) return refuse('identity.gs1.format', { position: 0 });

  const split = splitElements(data, todayDay.year);
  if (!split.ok) return split;
  const elements = split.value;
  const swallowed = ambiguousField(data, elements, todayDay.year);
  if (swallowed) return refuse('identity.gs1.ambiguous', { ai: swallowed });

  const field = (ai: Ai) => elements.get(ai)?.value ?? null;
  const expiry = gs1Date(field('17')!, todayDay.year)!;
  const warnings: IdentityWarning[] = compareDays(expiry, todayDay) < 0 ? ['gs1.expired'] : [];
  return accept({
    gtin: field('01')!,
    expiry: isoDay(expiry.year, expiry.month, expiry.day),
    lot: field('10')!,
    serial: field('21'),
    aim,
    warnings,
  });
}
