import { accept, refuse, type Parsed } from './result';

/**
 * DoseDesk's own appointment-card QR: a payload starting with `DD1.`. The token is kept raw; its
 * signature is checked by whoever issued the card format, not here.
 */
export interface CardQrValue {
  readonly token: string;
}

export const CARD_QR_PREFIX = 'DD1.';
export const CARD_QR_MAX_LENGTH = 2048;

export function isCardQr(text: string): boolean {
  return text.trim().startsWith(CARD_QR_PREFIX);
}

export function parseCardQr(text: string): Parsed<CardQrValue> {
  const token = text.trim();
  if (!token.startsWith(CARD_QR_PREFIX)) return refuse('identity.card.format');
  if (token.length > CARD_QR_MAX_LENGTH) return refuse('identity.card.too_long', { max: CARD_QR_MAX_LENGTH });
  // Printable ASCII without spaces: what a QR token made of base64url parts and dots looks like.
  if (!/^DD1\.[\x21-\x7e]+$/.test(token)) return refuse('identity.card.format');
  return accept({ token });
}
