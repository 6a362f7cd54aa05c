import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { assembleToken, decodeCardPayload, encodeCardPayload, signingInput, splitToken, type CardTokenContent } from '../../../domain/booking/card-token';
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
  const parts = splitToken(text);
  if (!parts.ok) throw new DoseDeskError('booking.card_malformed');
  const key = readCardKey(db);
  if (!key) throw new DoseDeskError('booking.card_forged');
  const expected = Buffer.from(mac(key, parts.payloadB64), 'base64url');
  const given = Buffer.from(parts.macB64, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new DoseDeskError('booking.card_forged');
  const content = decodeCardPayload(parts.payloadB64);
  if (!content) throw new DoseDeskError('booking.card_malformed');
  if (content.centreId !== centreId) throw new DoseDeskError('booking.card_other_centre', { centre: content.centreId });
  return content;
}
