import { isValidGtin14 } from './products';

/**
 * The rules for a product's GTIN, CNK and ATC codes, as typed or as a product list gives them: one
 * place for the CSV import and the supervisor's screen. Each returns the stored form, or null when
 * the text is not a valid code.
 */

/** GTIN-8/12/13/14 as the 14 digits the station stores, only with a valid GS1 check digit. */
export function gtin14Of(text: string): string | null {
  const value = text.trim();
  const gtin = /^\d{8}$|^\d{12,14}$/.test(value) ? value.padStart(14, '0') : value;
  return isValidGtin14(gtin) ? gtin : null;
}

/** The Belgian pharmacy code: 7 digits. */
export function cnkOf(text: string): string | null {
  const value = text.trim();
  return /^\d{7}$/.test(value) ? value : null;
}

/** An ATC code of the chemical subgroup or substance level (J07BN or J07BN01), upper case. */
export function atcOf(text: string): string | null {
  const value = text.trim().toUpperCase();
  return /^[A-Z]\d{2}[A-Z]{2}(\d{2})?$/.test(value) ? value : null;
}
