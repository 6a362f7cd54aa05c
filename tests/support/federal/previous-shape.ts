import type { Immunization } from 'fhir/r4';
import {
  ATC_SYSTEM,
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  BE_VACCINATION_PROFILE,
  CENTRE_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  NIHDI_PROFESSIONAL_SYSTEM,
  PRODUCT_ATC,
  PRODUCT_SYSTEM,
  RECORD_VERSION_EXTENSION,
  SNOMED_COVID19_VACCINE,
  SNOMED_SYSTEM,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
  isCovidVaccineAtc,
} from '../../../src/domain/fhir/systems';
import type { DoseRecordPayload } from '../../../src/domain/records';

/**
 * A dose as the station sent it before it followed BeVaccination's cardinalities: the vaccinator
 * and the centre as two performers, the vaccinator as recorder, the catalogue code as vaccineCode
 * for a product without a COVID-19 ATC. Backends hold copies like this; the station must still
 * recognise and correct them.
 */
export function previousShapeImmunization(p: DoseRecordPayload): Immunization {
  const atc = p.productAtc ?? PRODUCT_ATC[p.productCode];
  const nihdi = { system: NIHDI_PROFESSIONAL_SYSTEM, value: p.vaccinator.nihdi };
  return {
    resourceType: 'Immunization',
    meta: { profile: [BE_VACCINATION_PROFILE] },
    extension: [
      { url: BE_EXT_RECORDER, valueReference: { type: 'Practitioner', identifier: nihdi } },
      {
        url: BE_EXT_ADMINISTERED_PRODUCT,
        extension: [
          { url: 'coded', valueCodeableConcept: { coding: [...(atc ? [{ system: ATC_SYSTEM, code: atc }] : []), { system: PRODUCT_SYSTEM, code: p.productCode }], text: p.productName } },
          { url: 'lotNumber', valueString: p.lot },
          { url: 'expirationDate', valueDate: p.expiry },
        ],
      },
      { url: DOSE_NUMBER_EXTENSION, valuePositiveInt: p.doseNumber },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: [{ system: STATION_RECORD_SYSTEM, value: p.id }],
    status: p.status,
    vaccineCode: atc && isCovidVaccineAtc(atc)
      ? { coding: [{ system: SNOMED_SYSTEM, code: SNOMED_COVID19_VACCINE }], text: p.productName }
      : { coding: [{ system: PRODUCT_SYSTEM, code: p.productCode }], text: p.productName },
    patient: { type: 'Patient', identifier: { system: SSIN_SYSTEM, value: p.person.ssin } },
    occurrenceDateTime: p.administeredAt,
    recorded: p.recordedAt,
    performer: [
      { actor: { type: 'Practitioner', identifier: nihdi, display: p.vaccinator.name } },
      { actor: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: p.centreId } } },
    ],
  };
}
