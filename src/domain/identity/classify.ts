import { isCardQr, parseCardQr, type CardQrValue } from './card-qr';
import { isValidEidCardNumber } from './eid-card-number';
import { GS, GS1_AIM_PREFIXES, parseGs1, type Gs1Value } from './gs1';
import { parseInvitation, type InvitationValue } from './invitation';
import { parseMrz, type MrzValue } from './mrz';
import { accept, refuse, type Parsed } from './result';
import { compactSsin, parseSsin, type SsinValue } from './ssin';

/** What a scan or a typed entry at the desk turned out to be. */
export type Scan =
  | ({ readonly kind: 'ssin' } & SsinValue)
  | ({ readonly kind: 'mrz' } & MrzValue)
  | ({ readonly kind: 'gs1' } & Gs1Value)
  | ({ readonly kind: 'invitation' } & InvitationValue)
  | ({ readonly kind: 'card' } & CardQrValue);
export type ScanKind = Scan['kind'];

export const MAX_SCAN_LENGTH = 4096;

/** An AIM symbology identifier: `]`, the symbology letter, a modifier character. */
const AIM = /^\][A-Za-z][0-9A-Za-z]/;

const tag =
  <K extends ScanKind>(kind: K) =>
  <T>(parsed: Parsed<T>): Parsed<{ readonly kind: K } & T> =>
    parsed.ok ? accept({ kind, ...parsed.value }) : parsed;

/**
 * Decides by shape, then hands over to that shape's parser, whose refusal is final: no shape ever
 * falls back to another. Digits (with dots, dashes, spaces) are a national number; `ID` with line
 * breaks (or 90 MRZ characters) an MRZ; a GS1 AIM prefix, a leading GS or `01` + 14 digits GS1;
 * the card token's prefix an appointment card; only what has none of these shapes may be an invitation code.
 * `today` is the calendar day in Brussels, YYYY-MM-DD.
 */
export function classifyScan(text: string, today: string): Parsed<Scan> {
  if (text.length > MAX_SCAN_LENGTH) return refuse('identity.too_long', { max: MAX_SCAN_LENGTH });
  let data = text.trim();
  if (data.length === 0) return refuse('identity.empty');

  if (GS1_AIM_PREFIXES.some((p) => data.startsWith(p)) || data.startsWith(GS)) return tag('gs1')(parseGs1(data, today));
  // Other AIM identifiers (]Q1 QR, ]C0 Code 128, ...) say nothing about the content: drop them.
  if (AIM.test(data)) {
    data = data.slice(3).trim();
    if (data.length === 0) return refuse('identity.empty');
  }
  if (/^01\d{14}/.test(data)) return tag('gs1')(parseGs1(data, today));

  if (/^[\d\s.-]+$/.test(data)) {
    const parsed = parseSsin(data, today);
    const digits = compactSsin(data);
    if (!parsed.ok && digits !== null && digits.length === 12 && isValidEidCardNumber(digits)) {
      return refuse('identity.ssin.card_number_given');
    }
    return tag('ssin')(parsed);
  }

  const multiLine = /[\r\n]/.test(data);
  const mrzLike = multiLine && data.includes('<') && /^[A-Z0-9<\s]+$/.test(data);
  if ((data.startsWith('ID') && (multiLine || /^[A-Z0-9<]{90}$/.test(data))) || mrzLike) {
    return tag('mrz')(parseMrz(data, today));
  }

  if (isCardQr(data)) return tag('card')(parseCardQr(data));
  return tag('invitation')(parseInvitation(data));
}
