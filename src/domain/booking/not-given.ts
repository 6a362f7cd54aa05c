import { BE_CS_STATUS_REASON } from '../fhir/bevaccination-terms';
import { NotGivenReason as NotGivenReasonSchema } from '../../shared/api/booking';

/**
 * Why a person was not vaccinated: the codes of be-vs-vaccination-status-reason as published
 * (hl7-be/vaccination, input/fsh/valuesets/BeVSVaccinationStatusReason.fsh: the codes of
 * codesystems/BeCSStatusReason.fsh, OTHER and ALLERGY, and four v3-ActReason codes).
 */
export const V3_ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

export const NOT_GIVEN_REASONS = NotGivenReasonSchema.options;
export type NotGivenReason = (typeof NOT_GIVEN_REASONS)[number];

/** The code system of each reason, and the display the value set gives it. */
export const NOT_GIVEN_REASON_CODING: Readonly<Record<NotGivenReason, { system: string; display: string }>> = {
  PATOBJ: { system: V3_ACT_REASON, display: 'Patient Objection' },
  MEDPREC: { system: V3_ACT_REASON, display: 'Medical Precaution' },
  IMMUNE: { system: V3_ACT_REASON, display: 'Immune' },
  OSTOCK: { system: V3_ACT_REASON, display: 'Out of Stock' },
  ALLERGY: { system: BE_CS_STATUS_REASON, display: 'Allergy to vaccine ingredient' },
  OTHER: { system: BE_CS_STATUS_REASON, display: 'Other' },
};
