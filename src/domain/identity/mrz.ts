import { compareDays, fullIso, isValidDay, daysInMonth, parseToday, partialDatesConflict, type Day, type PartialDate } from './calendar';
import { isValidEidCardNumber } from './eid-card-number';
import { accept, refuse, type IdentityWarning, type Parsed } from './result';
import { parseSsin } from './ssin';

/**
 * The machine-readable zone of a Belgian eID card (ICAO 9303 TD1: three lines of 30).
 * Line 1: `ID` `BEL`, document number in 6-14; when it is longer than nine characters, 15 is `<`,
 * the rest follows in 16.. and its check digit after it (computed over the whole number, without
 * the `<`). Line 2: birth date + check, sex, expiry + check, nationality, national number in
 * 19-29, composite check in 30. Line 3: `SURNAME<<GIVEN<NAMES`, cut at 30 characters.
 */
export interface MrzValue {
  readonly documentCode: string;
  readonly issuingState: string;
  readonly documentNumber: string;
  readonly ssin: string | null;
  readonly surname: string;
  readonly givenNames: string;
  /** True when line 3 is full, so the names may have been cut. */
  readonly namesTruncated: boolean;
  readonly birthDate: string | null;
  readonly birth: PartialDate;
  readonly sex: 'M' | 'F' | null;
  readonly expiryDate: string;
  readonly nationality: string;
  readonly warnings: readonly IdentityWarning[];
}

const LINE = /^[A-Z0-9<]{30}$/;

/** ICAO 9303 check digit: weights 7, 3, 1; `<` = 0, digits their value, A = 10 ... Z = 35. */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    let value: number;
    if (c >= 48 && c <= 57) value = c - 48;
    else if (c >= 65 && c <= 90) value = c - 55;
    else value = 0;
    sum += value * [7, 3, 1][i % 3]!;
  }
  return sum % 10;
}

const checks = (field: string, digit: string) => /^\d$/.test(digit) && mrzCheckDigit(field) === Number(digit);

/** Splits scanner text into the three lines: newline-separated, or one 90-character run. */
export function mrzLines(text: string): [string, string, string] | null {
  const trimmed = text.trim();
  let lines = trimmed.split(/\r\n|\r|\n/).map((l) => l.trim());
  if (lines.length === 1 && lines[0]!.length === 90) lines = [lines[0]!.slice(0, 30), lines[0]!.slice(30, 60), lines[0]!.slice(60)];
  if (lines.length !== 3 || !lines.every((l) => LINE.test(l))) return null;
  return lines as [string, string, string];
}

/** YYMMDD where month and day may be `<<` (unknown); null when it is not a date. */
function readMrzDate(raw: string): { yy: number | null; month: number | null; day: number | null } | null {
  const yyRaw = raw.slice(0, 2);
  const mmRaw = raw.slice(2, 4);
  const ddRaw = raw.slice(4, 6);
  const part = (s: string) => (s === '<<' ? null : /^\d\d$/.test(s) ? Number(s) : undefined);
  const yy = part(yyRaw);
  const month = part(mmRaw);
  const day = part(ddRaw);
  if (yy === undefined || month === undefined || day === undefined) return null;
  if (yy === null && (month !== null || day !== null)) return null;
  if (month === null && day !== null) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { yy, month, day };
}

function birthCentury(yy: number, month: number | null, day: number | null, today: Day): number {
  const in2000s: Day = { year: 2000 + yy, month: month ?? 1, day: day ?? 1 };
  return compareDays(in2000s, today) <= 0 ? 2000 : 1900;
}

const names = (raw: string) => raw.replace(/<+/g, ' ').trim();

export function parseMrz(text: string, today: string): Parsed<MrzValue> {
  const todayDay = parseToday(today);
  const lines = mrzLines(text);
  if (!lines) {
    // The MRZ of a passport or another card (2 or 3 lines of 30, 36 or 44) is not "misread".
    const other = text.trim().split(/\s+/);
    const foreign = other.length >= 2 && other.every((l) => /^[A-Z0-9<]+$/.test(l)) && !other[0]!.startsWith('ID');
    return refuse(foreign ? 'identity.mrz.not_belgian_id' : 'identity.mrz.format');
  }
  const [l1, l2, l3] = lines;
  const documentCode = l1.slice(0, 2);
  const issuingState = l1.slice(2, 5);
  if (documentCode !== 'ID' || issuingState !== 'BEL') return refuse('identity.mrz.not_belgian_id');

  // Document number, with the long-number continuation when position 15 is `<`.
  let documentNumber: string;
  let documentCheck: string;
  if (l1[14] === '<') {
    const rest = /^([A-Z0-9]*)([0-9])</.exec(l1.slice(15) + '<');
    if (!rest || rest[1]!.length === 0) return refuse('identity.mrz.document_number');
    documentNumber = l1.slice(5, 14) + rest[1]!;
    documentCheck = rest[2]!;
  } else {
    documentNumber = l1.slice(5, 14).replace(/<+$/, '');
    documentCheck = l1[14]!;
  }
  if (!/^[A-Z0-9]+$/.test(documentNumber)) return refuse('identity.mrz.document_number');
  if (!checks(documentNumber, documentCheck)) return refuse('identity.mrz.check_document_number');

  const birthRaw = l2.slice(0, 6);
  const expiryRaw = l2.slice(8, 14);
  if (!checks(birthRaw, l2[6]!)) return refuse('identity.mrz.check_birth_date');
  if (!checks(expiryRaw, l2[14]!)) return refuse('identity.mrz.check_expiry_date');
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  if (!checks(composite, l2[29]!)) return refuse('identity.mrz.check_composite');

  const warnings: IdentityWarning[] = [];

  // The national number first: its check digits settle the century of the birth date.
  const nnRaw = l2.slice(18, 29);
  let ssin: ReturnType<typeof parseSsin> | null = null;
  if (/^<+$/.test(nnRaw)) warnings.push('mrz.no_national_number');
  else {
    ssin = parseSsin(nnRaw, today, { source: 'document' });
    if (!ssin.ok) return refuse('identity.mrz.national_number');
    warnings.push(...ssin.value.warnings);
  }

  const b = readMrzDate(birthRaw);
  if (!b) return refuse('identity.mrz.birth_date');
  let birth: PartialDate = { year: null, month: null, day: null };
  if (b.yy !== null) {
    const ssinYear = ssin?.ok ? ssin.value.birth.year : null;
    const year = ssinYear !== null && ssinYear % 100 === b.yy ? ssinYear : birthCentury(b.yy, b.month, b.day, todayDay) + b.yy;
    if (b.month !== null && b.day !== null && b.day > daysInMonth(year, b.month)) return refuse('identity.mrz.birth_date');
    birth = { year, month: b.month, day: b.day };
  }

  const e = readMrzDate(expiryRaw);
  if (!e || e.yy === null || e.month === null || e.day === null || !isValidDay(2000 + e.yy, e.month, e.day)) {
    return refuse('identity.mrz.expiry_date');
  }
  const expiry: Day = { year: 2000 + e.yy, month: e.month, day: e.day };

  const sexRaw = l2[7];
  if (sexRaw !== 'M' && sexRaw !== 'F' && sexRaw !== '<') return refuse('identity.mrz.sex');
  const sex = sexRaw === '<' ? null : sexRaw;

  const nationality = l2.slice(15, 18).replace(/<+$/, '');
  if (!/^[A-Z]+$/.test(nationality)) return refuse('identity.mrz.nationality');

  if (!/^[A-Z<]+$/.test(l3) || l3.startsWith('<')) return refuse('identity.mrz.names');
  const split = l3.indexOf('<<');
  const surname = names(split < 0 ? l3 : l3.slice(0, split));
  const givenNames = split < 0 ? '' : names(l3.slice(split + 2));

  // A Belgian eID card number is all digits. The ICAO check digit cannot tell a digit from the letter
  // ten values above it (1/B, 6/G, 0/K/U), so a misread letter passes it and the mod-97 check cannot
  // run: a warning, like a failed mod-97 check, because the state may issue other documents and
  // staff can compare with the card in hand.
  if (/[A-Z]/.test(documentNumber)) warnings.push('mrz.card_number_letter');
  else if (/^\d{12}$/.test(documentNumber) && !isValidEidCardNumber(documentNumber)) warnings.push('mrz.card_number_check');
  if (ssin?.ok) {
    if (sex !== null && ssin.value.sex !== null && sex !== ssin.value.sex) warnings.push('mrz.sex_mismatch');
    if (partialDatesConflict(birth, ssin.value.birth)) warnings.push('mrz.birth_date_mismatch');
  }
  if (compareDays(expiry, todayDay) < 0) warnings.push('mrz.expired');

  return accept({
    documentCode,
    issuingState,
    documentNumber,
    ssin: ssin?.ok ? ssin.value.ssin : null,
    surname,
    givenNames,
    namesTruncated: l3[29] !== '<',
    birthDate: fullIso(birth),
    birth,
    sex,
    expiryDate: fullIso(expiry)!,
    nationality,
    warnings,
  });
}
