/**
 * What every identification parser returns: a value, or a refusal with a stable code and the
 * parameters its message needs. Parsers never throw on bad input, so they are easy to fuzz and
 * the caller decides whether a refusal becomes a DoseDeskError.
 */
export type RefusalParams = Record<string, string | number | boolean | null>;

export interface Refusal {
  readonly ok: false;
  readonly code: IdentityErrorCode;
  readonly params: RefusalParams;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | Refusal;

/** Every refusal code of the identity parsers; each has `error.<code>` in the identity catalog. */
export const IDENTITY_ERROR_CODES = [
  'identity.empty',
  'identity.too_long',
  'identity.ssin.format',
  'identity.ssin.checksum',
  'identity.ssin.birth_date',
  'identity.ssin.card_number_given',
  'identity.card_number.format',
  'identity.card_number.checksum',
  'identity.mrz.format',
  'identity.mrz.not_belgian_id',
  'identity.mrz.document_number',
  'identity.mrz.check_document_number',
  'identity.mrz.check_birth_date',
  'identity.mrz.check_expiry_date',
  'identity.mrz.check_composite',
  'identity.mrz.birth_date',
  'identity.mrz.expiry_date',
  'identity.mrz.sex',
  'identity.mrz.nationality',
  'identity.mrz.national_number',
  'identity.mrz.names',
  'identity.eid.tlv',
  'identity.eid.text',
  'identity.eid.missing_field',
  'identity.eid.national_number',
  'identity.gs1.format',
  'identity.gs1.unknown_ai',
  'identity.gs1.duplicate_ai',
  'identity.gs1.missing_ai',
  'identity.gs1.truncated',
  'identity.gs1.gtin',
  'identity.gs1.gtin_check',
  'identity.gs1.expiry',
  'identity.gs1.empty_field',
  'identity.gs1.field_too_long',
  'identity.gs1.characters',
  'identity.gs1.ambiguous',
  'identity.invitation.too_long',
  'identity.invitation.control_chars',
  'identity.invitation.format',
  'identity.card.format',
  'identity.card.too_long',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

/**
 * Things staff should look at without refusing the document (the state issued it); each has
 * `identity.warning.<code>` in the identity catalog.
 */
export const IDENTITY_WARNINGS = [
  'ssin.day_past_month_end',
  'ssin.month_out_of_range',
  'ssin.birth_in_future',
  'mrz.no_national_number',
  'mrz.card_number_check',
  'mrz.card_number_letter',
  'mrz.sex_mismatch',
  'mrz.birth_date_mismatch',
  'mrz.expired',
  'eid.card_number_check',
  'eid.sex_unknown',
  'eid.sex_mismatch',
  'eid.birth_date_unreadable',
  'eid.birth_date_mismatch',
  'eid.validity_unreadable',
  'eid.document_type_unknown',
  'eid.expired',
  'gs1.expired',
] as const;
export type IdentityWarning = (typeof IDENTITY_WARNINGS)[number];

export function refuse(code: IdentityErrorCode, params: RefusalParams = {}): Refusal {
  return { ok: false, code, params };
}

export function accept<T>(value: T): Parsed<T> {
  return { ok: true, value };
}
