import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import {
  CARD_TOKEN_MAX_LENGTH,
  assembleSealedToken,
  cardPayloadJson,
  decodeCardPayload,
  decodeCardPayloadJson,
  isSealedCardToken,
  sealedHeader,
  sealedTokenLength,
  signingInput,
  splitSealedToken,
  splitToken,
  type CardTokenContent,
} from '../../../domain/booking/card-token';
import { base64urlToBytes } from '../../../domain/booking/base64url';
import { cardKey, readCardKey } from './card-key';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function mac(key: Buffer, payloadB64: string): string {
  return createHmac('sha256', key).update(signingInput(payloadB64), 'utf8').digest('base64url');
}

/** Separate keys for encryption and for the synthetic nonce, both derived from the centre card key. */
function sealingKeys(cardKey: Buffer): { enc: Buffer; nonce: Buffer } {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', cardKey, Buffer.alloc(0), info, 32));
  return { enc: derive('dosedesk card qr v2 aes-256-gcm'), nonce: derive('dosedesk card qr v2 nonce') };
}

/**
 * AES-256-GCM with a synthetic nonce (HMAC of header and payload): the same card always seals to
 * the same text, so a reprint is the same QR, and no nonce can repeat for two different cards.
 */
function seal(key: Buffer, header: string, json: string): Uint8Array {
  const { enc, nonce: nonceKey } = sealingKeys(key);
  const nonce = createHmac('sha256', nonceKey).update(header).update('\n').update(json).digest().subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', enc, nonce);
  cipher.setAAD(Buffer.from(header, 'utf8'));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

function open(key: Buffer, header: string, sealed: Uint8Array): string | null {
  const { enc } = sealingKeys(key);
  const bytes = Buffer.from(sealed);
  const nonce = bytes.subarray(0, NONCE_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, nonce);
    decipher.setAAD(Buffer.from(header, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** Seals a card's content with the centre key (the sealed format of src/domain/booking/card-token.ts). */
export function sealCardToken(key: Buffer, content: CardTokenContent): string {
  const json = cardPayloadJson(content, (text) => sealedTokenLength(content.centreId, Buffer.byteLength(text, 'utf8')) <= CARD_TOKEN_MAX_LENGTH);
  return assembleSealedToken(content.centreId, seal(key, sealedHeader(content.centreId), json));
}

/** The token printed on an appointment card: always sealed. */
export function issueCardToken(db: Db, content: CardTokenContent, now: Date): string {
  return sealCardToken(cardKey(db, now), content);
}

/**
 * Checks a scanned card. Refusals: `booking.card_malformed` (not a card token at all),
 * `booking.card_forged` (does not open or verify with this centre's key: altered, forged, or
 * made with another key), `booking.card_other_centre` (names another centre).
 */
export function verifyCardToken(db: Db, text: string, centreId: string): CardTokenContent {
  return verifyCardTokenWithKey(readCardKey(db), text, centreId);
}

/** The check itself, given the centre key (null: none installed), for both card formats. */
export function verifyCardTokenWithKey(key: Buffer | null, text: string, centreId: string): CardTokenContent {
  return isSealedCardToken(text) ? openSealed(key, text, centreId) : verifySigned(key, text, centreId);
}

function openSealed(key: Buffer | null, text: string, centreId: string): CardTokenContent {
  const parts = splitSealedToken(text);
  if (!parts.ok) throw new DoseDeskError('booking.card_malformed');
  // The clear centre id is not yet authenticated: it only chooses the message for a card this
  // station cannot open anyway.
  if (parts.centreId !== centreId) throw new DoseDeskError('booking.card_other_centre', { centre: parts.centreId });
  if (!key) throw new DoseDeskError('booking.card_forged');
  const json = open(key, parts.header, parts.sealed);
  if (json === null) throw new DoseDeskError('booking.card_forged');
  const content = decodeCardPayloadJson(json);
  if (!content || content.centreId !== parts.centreId) throw new DoseDeskError('booking.card_malformed');
  return content;
}

/**
 * A signed, readable card (printed before cards were sealed). The MAC is read with the strict decoder: Node's
 * base64url reader ignores the unused low bits of the last character, so one signature would have
 * several spellings and an altered card could still pass.
 */
function verifySigned(key: Buffer | null, text: string, centreId: string): CardTokenContent {
  const parts = splitToken(text);
  if (!parts.ok) throw new DoseDeskError('booking.card_malformed');
  if (!key) throw new DoseDeskError('booking.card_forged');
  const expected = Buffer.from(mac(key, parts.payloadB64), 'base64url');
  const given = base64urlToBytes(parts.macB64);
  if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DoseDeskError('booking.card_forged');
  const content = decodeCardPayload(parts.payloadB64);
  if (!content) throw new DoseDeskError('booking.card_malformed');
  if (content.centreId !== centreId) throw new DoseDeskError('booking.card_other_centre', { centre: content.centreId });
  return content;
}
