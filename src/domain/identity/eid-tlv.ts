import { DoseDeskError } from '../../shared/errors';
import { fullIso, isValidDay, parseToday, partialDatesConflict, type PartialDate } from './calendar';
import { isValidEidCardNumber } from './eid-card-number';
import { accept, refuse, type IdentityWarning, type Parsed, type Refusal } from './result';
import { parseSsin, type SsinValue } from './ssin';

/**
 * The identity (3F00 DF01 4031) and address (4033) files of a Belgian eID chip: flat TLV, one tag
 * byte, a length, the value; zero padding ends the file. All text is UTF-8.
 *
 * Lengths: every field today is under 128 bytes (one length byte). For longer fields two readings
 * exist: the Fedict commons-eid one (7-bit groups, high bit = another length byte follows) and
 * BER (0x81 n, 0x82 n n). We read the commons-eid way and fall back to BER when that does not fit.
 *
 * The state issued the card, so odd content is a warning, not a refusal: a card number whose check
 * digits fail (foreigner cards), a sex or birth date that disagrees with the national number, an
 * unreadable birth date text. What is refused: a file that is not TLV, text that is not UTF-8, a
 * missing card number, national number or surname, a national number whose check digits fail.
 */
export interface EidIdentity {
  readonly cardNumber: string;
  /** Hex, upper case. */
  readonly chipNumber: string;
  /** ISO dates, null when the card's text cannot be read. */
  readonly validityBegin: string | null;
  readonly validityEnd: string | null;
  readonly deliveryMunicipality: string;
  readonly nationalNumber: string;
  readonly ssin: SsinValue;
  readonly surname: string;
  /** The first two given names, as on the card. */
  readonly givenNames: string;
  /** Initial of the third given name, may be empty. */
  readonly thirdInitial: string;
  /** Localised text such as `Belg`, `Belge`, `Belgier`: not an ISO code. */
  readonly nationality: string;
  readonly birthPlace: string;
  /** The card's own text, e.g. `14 MÄR 1987`. */
  readonly birthDateText: string;
  readonly birth: PartialDate;
  readonly birthDate: string | null;
  readonly sex: 'M' | 'F' | null;
  readonly nobleCondition: string;
  /** 1 eID, 6 Kids-ID, 11-36 foreigner cards; null when unreadable. */
  readonly documentType: number | null;
  readonly specialStatus: string;
  /** Hex, upper case. */
  readonly photoHash: string;
  readonly warnings: readonly IdentityWarning[];
}

export interface EidAddress {
  readonly street: string;
  readonly postcode: string;
  readonly municipality: string;
}

export type TlvFieldValue = Uint8Array | string;

/** Encodes a flat TLV file (for tests and the virtual card); long fields use commons-eid lengths. */
export function encodeTlv(fields: Array<[tag: number, value: TlvFieldValue]>): Uint8Array {
  const out: number[] = [];
  for (const [tag, value] of fields) {
    if (!Number.isInteger(tag) || tag < 1 || tag > 255) throw new RangeError(`TLV tag must be 1..255, got ${tag}`);
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    const groups: number[] = [];
    let n = bytes.length;
    do {
      groups.unshift(n & 0x7f);
      n = Math.floor(n / 128);
    } while (n > 0);
    for (let i = 0; i < groups.length - 1; i++) groups[i]! |= 0x80;
    out.push(tag, ...groups, ...bytes);
  }
  return Uint8Array.from(out);
}

type LengthReading = (bytes: Uint8Array, at: number) => { length: number; next: number } | null;

const commonsEidLength: LengthReading = (bytes, at) => {
  let length = 0;
  for (let i = at; i < bytes.length && i < at + 4; i++) {
    const b = bytes[i]!;
    length = length * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return { length, next: i + 1 };
  }
  return null;
};

const berLength: LengthReading = (bytes, at) => {
  const first = bytes[at];
  if (first === undefined) return null;
  if (first < 0x80) return { length: first, next: at + 1 };
  const count = first & 0x7f;
  if (count === 0 || count > 3 || at + count >= bytes.length) return null;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + bytes[at + i]!;
  return { length, next: at + 1 + count };
};

function readFields(bytes: Uint8Array, reading: LengthReading): Map<number, Uint8Array> | null {
  const fields = new Map<number, Uint8Array>();
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at]!;
    if (tag === 0) break; // zero padding: the file ends here
    const len = reading(bytes, at + 1);
    if (!len || len.next + len.length > bytes.length) return null;
    if (fields.has(tag)) return null; // one value per tag, as commons-eid insists
    fields.set(tag, bytes.subarray(len.next, len.next + len.length));
    at = len.next + len.length;
  }
  return fields;
}

/** The tags and raw values of a flat TLV file, or null when it is not one. */
export function readTlv(bytes: Uint8Array): Map<number, Uint8Array> | null {
  return readFields(bytes, commonsEidLength) ?? readFields(bytes, berLength);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class TextError extends Error {}

function text(fields: Map<number, Uint8Array>, tag: number): string | null {
  const raw = fields.get(tag);
  if (raw === undefined) return null;
  try {
    return utf8.decode(raw).normalize('NFC');
  } catch {
    throw new TextError(String(tag));
  }
}

const hex = (bytes: Uint8Array | undefined) => Array.from(bytes ?? [], (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

/** `DD.MM.YYYY` (validity dates); null when unreadable. */
function readDottedDate(value: string | null): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value?.trim() ?? '');
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDay(y, mo, d) ? fullIso({ year: y, month: mo, day: d }) : null;
}

/** Month abbreviations on French, Dutch and German cards (with and without accents). */
const MONTHS: Record<string, number> = {
  JAN: 1, JANV: 1,
  FEV: 2, FÉV: 2, FEB: 2,
  MARS: 3, MAAR: 3, MRT: 3, MÄR: 3, MAER: 3, MRZ: 3,
  AVR: 4, APR: 4,
  MAI: 5, MEI: 5,
  JUIN: 6, JUN: 6,
  JUIL: 7, JUL: 7,
  AOUT: 8, AOÛT: 8, AUG: 8,
  SEPT: 9, SEP: 9,
  OCT: 10, OKT: 10,
  NOV: 11,
  DEC: 12, DÉC: 12, DEZ: 12,
};

/**
 * Birth date text: `DD MMMM YYYY` in the card's language, German also `DD.MMM.YYYY`; the month may
 * be blank or only the year given. Returns the known parts, or null when the text is unreadable.
 */
export function parseEidBirthDate(value: string): PartialDate | null {
  const tokens = value.normalize('NFC').toUpperCase().split(/[\s.]+/).filter(Boolean);
  const year = tokens.at(-1);
  if (year === undefined || !/^\d{4}$/.test(year)) return null;
  const y = Number(year);
  if (tokens.length === 1) return { year: y, month: null, day: null };
  let rest = tokens.slice(0, -1);
  let day: number | null = null;
  if (/^\d{1,2}$/.test(rest[0]!)) {
    day = Number(rest[0]) || null;
    rest = rest.slice(1);
  }
  if (rest.length === 0) return { year: y, month: null, day: null }; // blank month: the day says nothing
  if (rest.length > 1) return null;
  const month = MONTHS[rest[0]!];
  if (month === undefined) return null;
  if (day !== null && !isValidDay(y, month, day)) return null;
  return { year: y, month, day };
}

function readDocumentType(raw: Uint8Array | undefined): number | null {
  if (!raw || raw.length === 0 || raw.length > 4) return null;
  const ascii = String.fromCharCode(...raw).trim();
  if (/^\d{1,2}$/.test(ascii)) return Number(ascii);
  if (raw.length === 1 && raw[0]! < 100) return raw[0]!; // a binary byte
  return null;
}

function readSex(value: string | null): 'M' | 'F' | null {
  const v = value?.trim().toUpperCase();
  if (v === 'M') return 'M';
  if (v === 'F' || v === 'V' || v === 'W') return 'F';
  return null;
}

/** Never throws: a refusal instead. `today` (YYYY-MM-DD) adds the future and expiry checks. */
export function readEidIdentity(bytes: Uint8Array, today?: string): Parsed<EidIdentity> {
  const fields = readTlv(bytes);
  if (!fields) return refuse('identity.eid.tlv');
  try {
    return identityFrom(fields, today);
  } catch (error) {
    if (error instanceof TextError) return refuse('identity.eid.text', { tag: Number(error.message) });
    throw error;
  }
}

function identityFrom(fields: Map<number, Uint8Array>, today: string | undefined): Parsed<EidIdentity> {
  if (today !== undefined) parseToday(today);
  const cardNumber = text(fields, 0x01)?.trim();
  const nationalNumber = text(fields, 0x06)?.trim();
  const surname = text(fields, 0x07)?.trim();
  if (!cardNumber) return refuse('identity.eid.missing_field', { field: 'card_number' });
  if (!nationalNumber) return refuse('identity.eid.missing_field', { field: 'national_number' });
  if (!surname) return refuse('identity.eid.missing_field', { field: 'surname' });

  // Without `today` a 20xx reading is always allowed: a card cannot carry a birth in the future.
  const ssinToday = today ?? '9999-12-31';
  const ssin = parseSsin(nationalNumber, ssinToday, { source: 'document' });
  if (!ssin.ok) return refuse('identity.eid.national_number');
  const warnings: IdentityWarning[] = today === undefined ? ssin.value.warnings.filter((w) => w !== 'ssin.birth_in_future') : [...ssin.value.warnings];

  if (!isValidEidCardNumber(cardNumber.replace(/[\s-]/g, ''))) warnings.push('eid.card_number_check');

  const birthDateText = text(fields, 0x0c) ?? '';
  const parsedBirth = parseEidBirthDate(birthDateText);
  if (!parsedBirth) warnings.push('eid.birth_date_unreadable');
  const birth = parsedBirth ?? ssin.value.birth;
  if (parsedBirth && partialDatesConflict(parsedBirth, ssin.value.birth)) warnings.push('eid.birth_date_mismatch');

  const sexText = text(fields, 0x0d);
  const sex = readSex(sexText);
  if (sex === null) warnings.push('eid.sex_unknown');
  else if (ssin.value.sex !== null && ssin.value.sex !== sex) warnings.push('eid.sex_mismatch');

  const validityBegin = readDottedDate(text(fields, 0x03));
  const validityEnd = readDottedDate(text(fields, 0x04));
  if (validityBegin === null || validityEnd === null) warnings.push('eid.validity_unreadable');
  if (today !== undefined && validityEnd !== null && validityEnd < today) warnings.push('eid.expired');

  const documentType = readDocumentType(fields.get(0x0f));
  if (documentType === null) warnings.push('eid.document_type_unknown');

  return accept({
    cardNumber,
    chipNumber: hex(fields.get(0x02)),
    validityBegin,
    validityEnd,
    deliveryMunicipality: text(fields, 0x05)?.trim() ?? '',
    nationalNumber: ssin.value.ssin,
    ssin: ssin.value,
    surname,
    givenNames: text(fields, 0x08)?.trim() ?? '',
    thirdInitial: text(fields, 0x09)?.trim() ?? '',
    nationality: text(fields, 0x0a)?.trim() ?? '',
    birthPlace: text(fields, 0x0b)?.trim() ?? '',
    birthDateText,
    birth,
    birthDate: fullIso(birth),
    sex,
    nobleCondition: text(fields, 0x0e)?.trim() ?? '',
    documentType,
    specialStatus: text(fields, 0x10)?.trim() ?? '',
    photoHash: hex(fields.get(0x11)),
    warnings,
  });
}

/** Never throws: a refusal instead. */
export function readEidAddress(bytes: Uint8Array): Parsed<EidAddress> {
  const fields = readTlv(bytes);
  if (!fields) return refuse('identity.eid.tlv');
  try {
    const street = text(fields, 0x01);
    const postcode = text(fields, 0x02);
    const municipality = text(fields, 0x03);
    if (street === null) return refuse('identity.eid.missing_field', { field: 'street' });
    if (postcode === null) return refuse('identity.eid.missing_field', { field: 'postcode' });
    if (municipality === null) return refuse('identity.eid.missing_field', { field: 'municipality' });
    return accept({ street: street.trim(), postcode: postcode.trim(), municipality: municipality.trim() });
  } catch (error) {
    if (error instanceof TextError) return refuse('identity.eid.text', { tag: Number(error.message) });
    throw error;
  }
}

function orThrow<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  const refusal: Refusal = parsed;
  throw new DoseDeskError(refusal.code, refusal.params);
}

/** For the card-reader adapter: the identity file's fields, or a DoseDeskError with the refusal. */
export function parseEidIdentity(bytes: Uint8Array, today?: string): EidIdentity {
  return orThrow(readEidIdentity(bytes, today));
}

/** For the card-reader adapter: the address file's fields, or a DoseDeskError with the refusal. */
export function parseEidAddress(bytes: Uint8Array): EidAddress {
  return orThrow(readEidAddress(bytes));
}
