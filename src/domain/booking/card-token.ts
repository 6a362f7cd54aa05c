import * as z from 'zod';
import { base64urlToBytes, base64urlToText, bytesToBase64url, textToBase64url } from './base64url';

/**
 * The appointment card's QR. It carries enough for ANY station of the centre to recognise the
 * booking and the earlier dose, even one that never synced them. This module only builds and
 * reads the text; the cryptography lives in the station (node:crypto, ../../main/station/booking/card-token.ts).
 *
 * - `DD2.<centre id>.<sealed>` (printed since cards were encrypted): the JSON payload below,
 *   encrypted and authenticated with AES-256-GCM under a key derived from the centre-wide card key;
 *   the centre id (base64url, not personal) is in clear only to say "another centre's card" and is
 *   authenticated as associated data. Someone who photographs a card reads nothing of the person.
 * - `DD1.<base64url JSON payload>.<base64url HMAC-SHA256>` (cards printed before): signed, readable.
 *   Still verified, never printed any more.
 *
 * The card's QR holds at most 600 characters, so the payload is a JSON array (no key names), UUIDs
 * travel as 22-character base64url and instants as Unix seconds; names are shortened if needed
 * (the SSIN, not the name, identifies the person).
 */
export const CARD_TOKEN_PREFIX = 'DD1';
export const SEALED_CARD_TOKEN_PREFIX = 'DD2';
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

/**
 * The payload as JSON text, names shortened until `fits` accepts it (the SSIN, not the name,
 * identifies the person); longest names first.
 */
export function cardPayloadJson(content: CardTokenContent, fits: (json: string) => boolean): string {
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
    const json = JSON.stringify(PayloadV1.parse(payload));
    if (fits(json)) return json;
  }
  throw new Error('card token does not fit the QR code');
}

/** The DD1 payload part (signed, readable): kept to verify cards printed before DD2 and in tests. */
export function encodeCardPayload(content: CardTokenContent): string {
  return textToBase64url(cardPayloadJson(content, (json) => CARD_TOKEN_PREFIX.length + textToBase64url(json).length + 45 <= CARD_TOKEN_MAX_LENGTH));
}

/** Bytes GCM adds to the payload: a 12-byte nonce before, a 16-byte tag after. */
export const SEALED_OVERHEAD_BYTES = 28;

/** Length of a DD2 token for a payload of `jsonBytes` UTF-8 bytes. */
export function sealedTokenLength(centreId: string, jsonBytes: number): number {
  return `${SEALED_CARD_TOKEN_PREFIX}.${textToBase64url(centreId)}.`.length + Math.ceil(((jsonBytes + SEALED_OVERHEAD_BYTES) * 4) / 3);
}

/** The clear part of a DD2 token, authenticated as associated data. */
export function sealedHeader(centreId: string): string {
  return `${SEALED_CARD_TOKEN_PREFIX}.${textToBase64url(centreId)}`;
}

export function assembleSealedToken(centreId: string, sealed: Uint8Array): string {
  return `${sealedHeader(centreId)}.${bytesToBase64url(sealed)}`;
}

export type SplitSealedToken = { ok: true; header: string; centreId: string; sealed: Uint8Array } | { ok: false };

/** Splits a scanned DD2 text (whitespace or an AIM prefix like ]Q1 allowed) into its parts. */
export function splitSealedToken(text: string): SplitSealedToken {
  const cleaned = text.trim().replace(/^\][A-Za-z]\d/, '');
  const m = /^DD2\.([A-Za-z0-9_-]{1,88})\.([A-Za-z0-9_-]+)$/.exec(cleaned);
  if (!m) return { ok: false };
  const centreId = base64urlToText(m[1]!);
  const sealed = base64urlToBytes(m[2]!);
  // A centre id as settings allow it: an altered header is unreadable, not "another centre".
  if (centreId === null || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(centreId) || !sealed || sealed.length <= SEALED_OVERHEAD_BYTES) return { ok: false };
  return { ok: true, header: `DD2.${m[1]!}`, centreId, sealed };
}

export function isSealedCardToken(text: string): boolean {
  return /^(\][A-Za-z]\d)?DD2\./.test(text.trim());
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
  return /^(\][A-Za-z]\d)?DD[12]\./.test(text.trim());
}

/** Reads a DD1 payload whose MAC has ALREADY been verified; null if it is not a valid payload. */
export function decodeCardPayload(payloadB64: string): CardTokenContent | null {
  const json = base64urlToText(payloadB64);
  return json === null ? null : decodeCardPayloadJson(json);
}

/** Reads a payload's JSON text that has ALREADY been authenticated; null if it is not valid. */
export function decodeCardPayloadJson(json: string): CardTokenContent | null {
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
