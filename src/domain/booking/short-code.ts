/**
 * The short code printed on the appointment card for people to read out or type: 8 characters of
 * Crockford base32 taken from the first 40 bits of the appointment's UUID (random in a v4 UUID).
 * It finds a booking this station knows; it is a lookup aid, not proof: the signed QR is.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function shortCodeOf(appointmentId: string): string {
  const hex = appointmentId.replace(/-/g, '').slice(0, 10);
  if (!/^[0-9a-fA-F]{10}$/.test(hex)) throw new Error('appointment id is not a UUID');
  let value = BigInt(`0x${hex}`);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** Reads a typed code the Crockford way: case-insensitive, O as 0, I and L as 1, dashes ignored. */
export function normalizeShortCode(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(cleaned)) return null;
  return cleaned;
}

/** For printing: ABCD-EFGH. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
