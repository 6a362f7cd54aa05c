/**
 * A phone number as SMS gateways want it (E.164, `+32470123456`) from the ways Belgian lists
 * write it: `0470 12 34 56`, `0032 470/12.34.56`, `+32 470-12-34-56`. A national number without
 * a country code is Belgian. Null when what is left is not a plausible number.
 */
export function smsNumber(text: string): string | null {
  const compact = text.replace(/[\s./()-]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = `32${compact.slice(1)}`;
  else digits = compact;
  if (!/^[1-9][0-9]{7,14}$/.test(digits)) return null;
  return `+${digits}`;
}
