import { accept, refuse, type Parsed } from './result';

/**
 * The 12-digit number of a Belgian eID card, printed `xxx-xxxxxxx-yy`: yy is the first ten digits
 * mod 97, where 0 becomes 97.
 */
export interface EidCardNumber {
  readonly cardNumber: string;
  readonly formatted: string;
}

export function eidCardCheckDigits(first10: string): number {
  const rest = Number(first10) % 97;
  return rest === 0 ? 97 : rest;
}

export function isValidEidCardNumber(digits: string): boolean {
  return /^\d{12}$/.test(digits) && eidCardCheckDigits(digits.slice(0, 10)) === Number(digits.slice(10));
}

export function formatEidCardNumber(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 10)}-${digits.slice(10, 12)}`;
}

export function parseEidCardNumber(text: string): Parsed<EidCardNumber> {
  const digits = text.trim().replace(/[\s.-]/g, '');
  if (!/^\d{12}$/.test(digits)) return refuse('identity.card_number.format');
  if (!isValidEidCardNumber(digits)) return refuse('identity.card_number.checksum');
  return accept({ cardNumber: digits, formatted: formatEidCardNumber(digits) });
}
