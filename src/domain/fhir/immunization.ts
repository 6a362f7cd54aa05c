import type { Extension, Immunization } from 'fhir/r4';
import type { DoseRecordPayload } from '../records';
import {
  ATC_SYSTEM,
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  BE_VACCINATION_PROFILE,
  CENTRE_SYSTEM,
  CNK_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  GTIN_SYSTEM,
  NIHDI_PROFESSIONAL_SYSTEM,
  PRODUCT_ATC,
  PRODUCT_SYSTEM,
  RECORD_VERSION_EXTENSION,
  SNOMED_COVID19_VACCINE,
  SNOMED_SYSTEM,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
  isCovidVaccineAtc,
} from './systems';

/**
 * A dose record as an Immunization shaped to BeVaccination (hl7.fhir.be.vaccination):
 * - lot and expiry go in the be-ext-administeredProduct extension; core lotNumber and
 *   expirationDate are 0..0 in the profile and never set;
 * - `recorded` and the be-ext-recorder extension (1..1) are always present;
 * - the patient is a logical reference by SSIN, the vaccinator by NIHDI number;
 * - no `location` (0..0 in the profile) and no protocolApplied (0..0): the centre travels as an
 *   organisation performer and the dose number in a station extension;
 * - the product's CNK and ATC (from the centre's product list, else the built-in ATC of the 2021
 *   products) are codings of the administered product: the profile binds vaccineCode (required)
 *   to be-vs-vaccine-code (SNOMED CT vaccine types), and its rule be-rule-vaccination-2 wants
 *   the product coded as CNK, CTI-extended or ATC in be-ext-administeredProduct.
 */
export function doseToImmunization(p: DoseRecordPayload): Immunization {
  const atc = p.productAtc ?? PRODUCT_ATC[p.productCode];
  const productCodings = [
    ...(p.productCnk ? [{ system: CNK_SYSTEM, code: p.productCnk }] : []),
    ...(atc ? [{ system: ATC_SYSTEM, code: atc }] : []),
    { system: PRODUCT_SYSTEM, code: p.productCode, display: p.productName },
    ...(p.gtin ? [{ system: GTIN_SYSTEM, code: p.gtin }] : []),
  ];
  const administeredProduct: Extension = {
    url: BE_EXT_ADMINISTERED_PRODUCT,
    extension: [
      { url: 'coded', valueCodeableConcept: { coding: productCodings, text: p.productName } },
      { url: 'lotNumber', valueString: p.lot },
      { url: 'expirationDate', valueDate: p.expiry },
    ],
  };
  const resource: Immunization = {
    resourceType: 'Immunization',
    meta: { profile: [BE_VACCINATION_PROFILE] },
    extension: [
      {
        url: BE_EXT_RECORDER,
        valueReference: { type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: p.vaccinator.nihdi } },
      },
      administeredProduct,
      { url: DOSE_NUMBER_EXTENSION, valuePositiveInt: p.doseNumber },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: [{ system: STATION_RECORD_SYSTEM, value: p.id }],
    status: p.status,
    vaccineCode: atc && isCovidVaccineAtc(atc)
      ? { coding: [{ system: SNOMED_SYSTEM, code: SNOMED_COVID19_VACCINE, display: 'COVID-19 vaccine' }], text: p.productName }
      : { coding: [{ system: PRODUCT_SYSTEM, code: p.productCode }], text: p.productName },
    patient: { type: 'Patient', identifier: { system: SSIN_SYSTEM, value: p.person.ssin } },
    occurrenceDateTime: p.administeredAt,
    recorded: p.recordedAt,
    performer: [
      {
        function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP' }] },
        actor: {
          type: 'Practitioner',
          identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: p.vaccinator.nihdi },
          display: p.vaccinator.name,
        },
      },
      { actor: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: p.centreId } } },
    ],
  };
  if (p.correction) {
    resource.note = [{ text: `Correction ${p.correction.at} by ${p.correction.by}: ${p.correction.reason}` }];
  }
  return resource;
}

/** Lot and expiry read back from the Belgian extension (undefined when absent). */
export function administeredProductOf(resource: Immunization): { lot?: string; expiry?: string; productCode?: string } {
  const ext = resource.extension?.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT);
  const part = (url: string) => ext?.extension?.find((e) => e.url === url);
  const coded = part('coded')?.valueCodeableConcept;
  return {
    lot: part('lotNumber')?.valueString,
    expiry: part('expirationDate')?.valueDate,
    productCode: coded?.coding?.find((c) => c.system === PRODUCT_SYSTEM)?.code,
  };
}
