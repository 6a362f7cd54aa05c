import { ATC_SYSTEM, CNK_SYSTEM, SNOMED_SYSTEM } from './systems';

/**
 * The codes of the value sets BeVaccination binds as `required`, written down from the published
 * guide (hl7-be/vaccination, hl7.fhir.be.vaccination 1.1.2, input/fsh/...). Both the station's
 * mapping and the federal stand-in use them, so what one sends the other accepts.
 */

const VACCINATION = 'https://www.ehealth.fgov.be/standards/fhir/vaccination';

/** valuesets/BeVSVaccineCode.fsh line 1: the Belgian "other" vaccine code's system. */
export const BE_CS_VACCINE_CODE = `${VACCINATION}/CodeSystem/be-cs-vaccine-code`;
/** codesystems/BeCSVaccineCode.fsh line 7: the only code of be-cs-vaccine-code. */
export const OTHER_VACCINE_CODE = 'other';
/** valuesets/BeVSVaccineCode.fsh line 14: SNOMED CT "unspecified vaccine". */
export const SNOMED_UNSPECIFIED_VACCINE = '787859002';

/**
 * valuesets/BeVSVaccineCode.fsh lines 13-446 (be-vs-vaccine-code): the SNOMED CT vaccine types
 * (system http://snomed.info/sct, alias $sct in rules.fsh line 1), plus be-cs-vaccine-code#other.
 */
export const BE_VS_VACCINE_CODE_SNOMED: ReadonlySet<string> = new Set([
  '787859002', '836500008', '871717007', '871719005', '871720004', '871721000', '871724008', '871726005',
  '871727001', '871729003', '871732000', '871737006', '871739009', '871742003', '871751006', '871758000',
  '871761004', '871764007', '871765008', '1209197008', '871803007', '871804001', '871817003', '871822003',
  '871826000', '871831003', '871837004', '871866001', '871871008', '871873006', '871875004', '871878002',
  '871886002', '871887006', '871891001', '871895005', '871908002', '871919004', '1052328007', '1052330009',
  '1119220001', '1252708008', '1252709000', '911000221103', '921000221108', '961000221100', '981000221107',
  '991000221105', '1181000221105', '1861000221106', '1981000221108', '1991000221106', '2001000221108',
  '28531000087107', '1252703004', '51311000087100', '871839001', '1252690003', '51451000087105', '1345202008',
  '777424002',
]);

/** A coding is in be-vs-vaccine-code. */
export function inBeVaccineCode(system: string | undefined, code: string | undefined): boolean {
  if (!code) return false;
  if (system === SNOMED_SYSTEM) return BE_VS_VACCINE_CODE_SNOMED.has(code);
  return system === BE_CS_VACCINE_CODE && code === OTHER_VACCINE_CODE;
}

/**
 * be-rule-vaccination-1 (profiles/BeVaccination.fsh lines 86-89): the generic codes (`other`,
 * SNOMED 787859002) need vaccineCode.text to say which vaccine it was.
 */
export function isGenericVaccineCode(system: string | undefined, code: string | undefined): boolean {
  return code === OTHER_VACCINE_CODE || (system === SNOMED_SYSTEM && code === SNOMED_UNSPECIFIED_VACCINE);
}

/** CTI-extended, the third product system be-rule-vaccination-2 accepts (BeVaccination.fsh line 94). */
export const CTI_EXTENDED_SYSTEM = 'https://www.ehealth.fgov.be/standards/fhir/medication/NamingSystem/be-ns-cti-extended-code';
/** be-rule-vaccination-2 (BeVaccination.fsh lines 92-95): a coded product is CNK, CTI-extended or ATC. */
export const PRODUCT_CODE_SYSTEMS: ReadonlySet<string> = new Set([CNK_SYSTEM, CTI_EXTENDED_SYSTEM, ATC_SYSTEM]);

/** valuesets/BeVSVaccinationBodySite.fsh lines 18-23 (be-vs-vaccination-bodysite), all SNOMED CT. */
export const BE_VS_BODYSITE_SNOMED: ReadonlySet<string> = new Set(['35259002', '50092008', '102291007', '371309009', '5742000', '371305003']);

/** Displays of the body sites (as in later releases of BeVSVaccinationBodySite.fsh, which name them). */
export const BODYSITE_DISPLAY: Readonly<Record<string, string>> = {
  '35259002': 'Deltoid muscle',
  '50092008': 'Muscle of thigh',
  '102291007': 'Muscle of buttock',
  '371309009': 'Skin structure of upper arm',
  '5742000': 'Skin of forearm',
  '371305003': 'Skin structure of thigh',
};

/**
 * The side of the site: BeVaccination slices `site.extension contains BeExtLaterality named
 * bodyLaterality 0..1` (profiles/BeVaccination.fsh); BeExtLaterality (hl7-be/core-clinical,
 * input/fsh/extensions/BeExtLaterality.fsh) is `value[x] only Coding` from BeVSLaterality, which
 * includes the codes of BodystructureLocationQualifier (SNOMED CT qualifier values).
 */
export const BE_EXT_LATERALITY = 'https://www.ehealth.fgov.be/standards/fhir/core-clinical/StructureDefinition/be-ext-laterality';
export const LATERALITY_SNOMED: Readonly<Record<'left' | 'right', { code: string; display: string }>> = {
  left: { code: '7771000', display: 'Left' },
  right: { code: '24028007', display: 'Right' },
};

/** Displays of the route codes (codesystems/BeCSVaccinationAdministrationRoute.fsh). */
export const ROUTE_DISPLAY: Readonly<Record<string, string>> = { IM: 'Intramuscular', SC: 'Subcutaneous', ID: 'Intradermal', IV: 'Intravenous', Oral: 'Oral', Nasal: 'Nasal', unknown: 'Unknown' };

/**
 * be-vs-vaccination-administration-route (valuesets/BeVSVaccineAdministrationRoute.fsh lines 9-10):
 * codesystems/BeCSVaccinationAdministrationRoute.fsh lines 10-40, plus v3-NullFlavor#OTH.
 */
export const BE_CS_ROUTE = `${VACCINATION}/CodeSystem/be-cs-vaccination-administration-route`;
export const BE_VS_ROUTE: Readonly<Record<string, ReadonlySet<string>>> = {
  [BE_CS_ROUTE]: new Set(['IM', 'SC', 'IV', 'ID', 'Oral', 'Nasal', 'unknown']),
  'http://terminology.hl7.org/CodeSystem/v3-NullFlavor': new Set(['OTH']),
};

/**
 * be-vs-vaccination-status-reason (valuesets/BeVSVaccinationStatusReason.fsh lines 9-13):
 * codesystems/BeCSStatusReason.fsh lines 10-15, plus four v3-ActReason codes.
 */
export const BE_CS_STATUS_REASON = `${VACCINATION}/CodeSystem/be-cs-vaccination-status-reason`;
export const BE_VS_STATUS_REASON: Readonly<Record<string, ReadonlySet<string>>> = {
  [BE_CS_STATUS_REASON]: new Set(['OTHER', 'ALLERGY']),
  'http://terminology.hl7.org/CodeSystem/v3-ActReason': new Set(['IMMUNE', 'MEDPREC', 'OSTOCK', 'PATOBJ']),
};

/** be-vs-vaccination-confirmation-status (codesystems/BeCSVaccinationConfirmationStatus.fsh lines 10-20). */
export const BE_VS_CONFIRMATION_STATUS: ReadonlySet<string> = new Set(['unconfirmed', 'confirmed', 'other']);

/** Extensions the profile slices (profiles/BeVaccination.fsh lines 56-65), each 0..1 but the recorder 1..1. */
export const BE_EXT_ORIGINAL_ORDER = `${VACCINATION}/StructureDefinition/be-ext-vaccination-originalorder`;
export const BE_EXT_CONFIRMATION_STATUS = `${VACCINATION}/StructureDefinition/be-ext-vaccination-confirmationStatus`;
export const BE_EXT_SIMPLE_NOTE = `${VACCINATION}/StructureDefinition/be-ext-simple-note`;
export const BE_EXT_STOCK_LOCATION = `${VACCINATION}/StructureDefinition/be-ext-vaccination-stock-location`;
export const BE_EXT_STOCK_FUNDING = `${VACCINATION}/StructureDefinition/be-ext-vaccination-stock-funding-organization`;

/**
 * be-vs-reaction-manifestation-code (hl7-be/core-clinical valuesets/BeVSReactionManifestationCode.fsh,
 * all SNOMED CT): be-rule-vaccination-3 wants reaction.detail's Observation code from it.
 */
export const BE_VS_REACTION_MANIFESTATION_SNOMED: ReadonlySet<string> = new Set([
  '39579001', '735173007', '41291007', '410430005', '698247007', '195967001', '4386001', '9826008', '91175000',
  '40275004', '62315008', '267036007', '43116000', '271759003', '247472004', '271807003', '271757001', '297942002',
  '76067001', '386661006', '45007003', '422587007', '768962006', '51599000', '23924001', '418363000', '70076002',
  '162290004', '73442001', '49727002', '126485001', '31996006', '1985008',
]);
