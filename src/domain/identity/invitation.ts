import { accept, refuse, type Parsed } from './result';

/**
 * The invitation letter's code (about 33 letters and digits) or the URL in its QR code. Its payload
 * is not public, so it is kept exactly as scanned (only trimmed); refused only when it cannot be
 * a code: empty, too long, carrying control or invisible formatting characters, or starting with
 * something other than a letter or digit (a code is letters and digits; `--help` typed into a
 * command line is not one).
 */
export interface InvitationValue {
  readonly code: string;
}

export const INVITATION_MAX_LENGTH = 512;

/** C0/C1 controls, DEL, line/paragraph separators, zero-width and bidi controls, BOM. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

export function parseInvitation(text: string): Parsed<InvitationValue> {
  const code = text.trim();
  if (code.length === 0) return refuse('identity.empty');
  if (code.length > INVITATION_MAX_LENGTH) return refuse('identity.invitation.too_long', { max: INVITATION_MAX_LENGTH });
  if (CONTROL.test(code)) return refuse('identity.invitation.control_chars');
  if (!/^[\p{L}\p{N}]/u.test(code)) return refuse('identity.invitation.format');
  return accept({ code });
}

/**
 * The key an invitation code is matched by, whatever its case: trimmed, NFC, then upper case of
 * the lower case of the upper case, so that every Unicode case form of a letter meets (é/É; ß, ẞ,
 * SS and ss; ς/σ/Σ), not only ASCII's as SQLite's NOCASE. Stored beside the code (migration 58).
 */
export function invitationCodeKey(code: string): string {
  return code.trim().normalize('NFC').toUpperCase().toLowerCase().toUpperCase().normalize('NFC');
}
