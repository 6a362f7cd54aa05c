/** The paper-record row's rules that need no screen: reading a typed time, and where a refusal belongs. */

export type Field = 'ssin' | 'time' | 'lot' | 'vaccinator' | 'form';

/** Sites a paper record may name; the empty choice keeps the vaccine's usual site and side. */
export const SITES = ['35259002|left', '35259002|right', '50092008|left', '50092008|right'] as const;

/** HH:MM from what was typed: 10:15, 10.15, 10h15 or 1015. Null when it is no time of day. */
export function typedTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:.hH]?\s*(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 23 && min <= 59 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** Which field a refusal is about, so the message stands next to what must change. */
export function fieldOf(code: string): Field {
  if (code.startsWith('identity.') || code.startsWith('ssin.') || code === 'booking.unknown_person') return 'ssin';
  if (code.startsWith('booking.rekey_future') || code === 'booking.rekey_too_old' || code.startsWith('booking.administered_') || code === 'booking.too_early' || code === 'vials.too_early' || code === 'vials.dose_today') return 'time';
  if (code.startsWith('booking.rekey_') && code.includes('vaccinator')) return 'vaccinator';
  if (code.startsWith('vials.') || code === 'booking.product_mismatch' || code === 'booking.not_eligible_product' || code === 'products.inactive') return 'lot';
  return 'form';
}

