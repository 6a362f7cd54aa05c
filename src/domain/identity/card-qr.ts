import { CARD_TOKEN_PREFIX, looksLikeCardToken } from '../booking/card-token';
import { accept, refuse, type Parsed } from './result';

/**
 * DoseDesk's own appointment-card QR, as the token module (src/domain/booking/card-token.ts)
 * recognises it: that module alone knows the format. The token is kept raw; its signature is
 * checked by the station that verifies cards, not here.
 */
export interface CardQrValue {
  readonly token: string;
}

export const CARD_QR_MAX_LENGTH = 2048;

/** The text (trimmed, without a scanner's AIM prefix) starts like an appointment card. */
export function isCardQr(text: string): boolean {
  const data = text.trim();
  return !data.startsWith(']') && looksLikeCardToken(data);
}

export function parseCardQr(text: string): Parsed<CardQrValue> {
  const token = text.trim();
  if (!isCardQr(token)) return refuse('identity.card.format');
  if (token.length > CARD_QR_MAX_LENGTH) return refuse('identity.card.too_long', { max: CARD_QR_MAX_LENGTH });
  // Something after the prefix and its dot, all printable ASCII without spaces: what a QR token
  // made of base64url parts and dots looks like.
  if (token.length <= CARD_TOKEN_PREFIX.length + 1 || !/^[\x21-\x7e]+$/.test(token)) return refuse('identity.card.format');
  return accept({ token });
}
