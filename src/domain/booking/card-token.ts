import { z } from 'zod';
import { base64urlToBytes, base64urlToText, bytesToBase64url, textToBase64url } from './base64url';

/**
 * The appointment card's QR: `DD1.<base64url JSON payload>.<base64url HMAC-SHA256>`, the MAC
 * computed over `DD1.<payload>` with the centre-wide key. It carries enough for ANY station of the
 * centre to recognise the booking and the earlier dose, even one that never synced them. This
 * module only builds and reads the text; signing lives in the station (node:crypto).
 *
 * The card's QR holds at most 600 characters, so the payload is a JSON array (no key names), UUIDs
 * travel as 22-character base64url and instants as Unix seconds; names are shortened if needed
 * (the SSIN, not the name, identifies the person).
 */
export const CARD_TOKEN_PREFIX = 'DD1';
export const CARD_TOKEN_MAX_LENGTH = 600;

const ShortId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const Seconds = z.number().int().min(0).max(2 ** 40);
const PayloadV1 = z.tuple([
  z.literal(1),
  z.string().min(1).max(64), // centre id
  ShortId, // appointment id
  z.string().min(1).max(64), // slot id (as stored)
  Seconds, // slot start
  z.number().int().min(2).max(9), // dose number booked (previous dose is this minus one)
  z.string().min(1).max(40), // product code (same for both doses)
  z.string().regex(/^\d{11}$/), // SSIN
  z.string().max(80), // family name
  z.string().max(80), // given names
  z.string().max(10).nullable(), // birth date
  z.enum(['M', 'F']).nullable(),
  z.enum(['nl', 'fr', 'de', 'en']),
  ShortId, // previous dose id
  z.string().max(14).nullable(), // GTIN
  z.string().min(1).max(20), // lot
  z.string().max(10), // lot expiry
  Seconds, // previous dose administered at
  z.string().max(64), // station that recorded it
  z.string().max(20), // vaccinator NIHDI number
]);

/** What a card says, in readable names. */
export interface CardTokenContent {
  centreId: string;
  appointment: { id: string; slotId: string; start: string; doseNumber: number; productCode: string };
  person: { ssin: string; familyName: string; givenNames: string; birthDate: string | null; sex: 'M' | 'F' | null; language: 'nl' | 'fr' | 'de' | 'en' };
  previousDose: {
    id: string;
    doseNumber: number;
    productCode: string;
    gtin: string | null;
    lot: string;
    expiry: string;
    administeredAt: string;
    stationId: string;
    vaccinatorNihdi: string;
  };
}

export function uuidToShort(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('not a UUID');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytesToBase64url(bytes);
}

export function shortToUuid(short: string): string | null {
  const bytes = base64urlToBytes(short);
  if (!bytes || bytes.length !== 16) return null;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const toSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const fromSeconds = (s: number) => new Date(s * 1000).toISOString();

/** The payload part, shortening names until the whole token fits the card's QR. */
export function encodeCardPayload(content: CardTokenContent): string {
  if (content.previousDose.productCode !== content.appointment.productCode) throw new Error('a course keeps one product');
  if (content.previousDose.doseNumber !== content.appointment.doseNumber - 1) throw new Error('the card books the dose after the previous one');
  for (const nameLength of [80, 40, 24, 12, 0]) {
    const { appointment: a, person: p, previousDose: d } = content;
    const payload: z.infer<typeof PayloadV1> = [
      1,
      content.centreId,
      uuidToShort(a.id),
      a.slotId,
      toSeconds(a.start),
      a.doseNumber,
      a.productCode,
      p.ssin,
      [...p.familyName].slice(0, nameLength).join(''),
      [...p.givenNames].slice(0, nameLength).join(''),
      p.birthDate,
      p.sex,
      p.language,
      uuidToShort(d.id),
      d.gtin,
      d.lot,
      d.expiry,
      toSeconds(d.administeredAt),
      d.stationId,
      d.vaccinatorNihdi,
    ];
    const encoded = textToBase64url(JSON.stringify(PayloadV1.parse(payload)));
    if (CARD_TOKEN_PREFIX.length + encoded.length + 45 <= CARD_TOKEN_MAX_LENGTH) return encoded;
  }
  throw new Error('card token does not fit the QR code');
}

/** The text the MAC covers. */
export function signingInput(payloadB64: string): string {
  return `${CARD_TOKEN_PREFIX}.${payloadB64}`;
}

export function assembleToken(payloadB64: string, macB64: string): string {
  return `${signingInput(payloadB64)}.${macB64}`;
}

export type SplitToken = { ok: true; payloadB64: string; macB64: string } | { ok: false };

/** Splits a scanned text into its parts; scanners may add whitespace or an AIM prefix like ]Q1. */
export function splitToken(text: string): SplitToken {
  const cleaned = text.trim().replace(/^\][A-Za-z]\d/, '');
  const m = /^DD1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(cleaned);
  if (!m) return { ok: false };
  return { ok: true, payloadB64: m[1]!, macB64: m[2]! };
}

export function looksLikeCardToken(text: string): boolean {
  return /^(\][A-Za-z]\d)?DD1\./.test(text.trim());
}

/** Reads a payload whose MAC has ALREADY been verified; null if it is not a valid payload. */
export function decodeCardPayload(payloadB64: string): CardTokenContent | null {
  const json = base64urlToText(payloadB64);
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = PayloadV1.safeParse(raw);
  if (!parsed.success) return null;
  const [, centreId, apptShort, slotId, start, doseNumber, productCode, ssin, familyName, givenNames, birthDate, sex, language, doseShort, gtin, lot, expiry, at, stationId, nihdi] =
    parsed.data;
  const appointmentId = shortToUuid(apptShort);
  const doseId = shortToUuid(doseShort);
  if (!appointmentId || !doseId) return null;
  return {
    centreId,
    appointment: { id: appointmentId, slotId, start: fromSeconds(start), doseNumber, productCode },
    person: { ssin, familyName, givenNames, birthDate, sex, language },
    previousDose: {
      id: doseId,
      doseNumber: doseNumber - 1,
      productCode,
      gtin,
      lot,
      expiry,
      administeredAt: fromSeconds(at),
      stationId,
      vaccinatorNihdi: nihdi,
    },
  };
}
