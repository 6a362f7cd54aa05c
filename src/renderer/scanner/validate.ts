import type { TFunction } from 'i18next';
import { classifyScan } from '../../domain/identity/classify';
import { brusselsDay } from '../i18n/format';

/** The appointment card's short code as printed (XXXX-XXXX), typed with or without the dash. */
export const SHORT_CODE = /^\s*[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}\s*$/;

/**
 * Live check of what staff type to find a person: a national number (checked digit by digit as
 * the station will), an invitation code, a card's short code or its QR text. The message is the
 * same one the station would answer with, so typing and scanning teach the same thing.
 */
export function validatePersonEntry(text: string, t: TFunction): string | null {
  const value = text.trim();
  if (!value) return t('error.identity.empty');
  if (SHORT_CODE.test(value) && !/^[\d\s-]+$/.test(value)) return null;
  const parsed = classifyScan(value, brusselsDay());
  if (!parsed.ok) return t(`error.${parsed.code}`, parsed.params);
  if (parsed.value.kind === 'gs1') return t('error.checkin.not_a_person');
  return null;
}

/** Live check of a vial code typed from the label: a GS1 element string (01 GTIN 17 expiry 10 lot). */
export function validateVialEntry(text: string, t: TFunction): string | null {
  const value = text.trim();
  if (!value) return t('error.identity.empty');
  const parsed = classifyScan(value, brusselsDay());
  if (!parsed.ok) return t(`error.${parsed.code}`, parsed.params);
  if (parsed.value.kind !== 'gs1') return t('ui.vaccinator.vial.notVial');
  return null;
}
