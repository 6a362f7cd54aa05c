import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { assembleToken, decodeCardPayload, encodeCardPayload, signingInput, splitToken, type CardTokenContent } from '../../../domain/booking/card-token';
import { base64urlToBytes } from '../../../domain/booking/base64url';
import { cardKey, readCardKey } from './card-key';

function mac(key: Buffer, payloadB64: string): string {
  return createHmac('sha256', key).update(signingInput(payloadB64), 'utf8').digest('base64url');
}

/** Signs an appointment card's content (the token format is src/domain/booking/card-token.ts). */
export function issueCardToken(db: Db, content: CardTokenContent, now: Date): string {
  const payload = encodeCardPayload(content);
  return assembleToken(payload, mac(cardKey(db, now), payload));
}

/**
 * Checks a scanned card. Refusals: `booking.card_malformed` (not a card token at all),
 * `booking.card_forged` (signature does not match: altered, forged, or signed with another
 * centre's key), `booking.card_other_centre` (genuine but for another centre).
 */
export function verifyCardToken(db: Db, text: string, centreId: string): CardTokenContent {
  return verifyCardTokenWithKey(readCardKey(db), text, centreId);
}

/**
 * The check itself, given the centre key (null: none installed). The MAC is read with the strict
 * decoder: Node's base64url reader ignores the unused low bits of the last character, so one
 * signature would have several spellings and an altered card could still pass.
 */
export function verifyCardTokenWithKey(key: Buffer | null, text: string, centreId: string): CardTokenContent {
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
