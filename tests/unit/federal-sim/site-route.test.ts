import { describe, expect, it } from 'vitest';
import { BE_CS_ROUTE, BE_EXT_LATERALITY } from '../../../src/domain/fhir/bevaccination-terms';
import { doseToImmunization } from '../../../src/domain/fhir/immunization';
import { SNOMED_SYSTEM } from '../../../src/domain/fhir/systems';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import type { Json } from '../../../src/federal-sim/store';
import { validateResource } from '../../../src/federal-sim/validate';
import { dose, person } from '../../support/federal/records';

const rulesOf = (resource: unknown) => checkBeVaccination(resource as Json).map((i) => i.rule);

describe('site with its side, route and doseQuantity of a dose, as BeVaccination models them', () => {
  it('sends the site with bodyLaterality, the route and the volume in UCUM mL, and the stand-in takes it', () => {
    const imm = doseToImmunization(dose(person(1), { administration: { site: '35259002', side: 'right', route: 'IM', doseMl: 0.3 } }));
    expect(imm.site).toEqual({
      extension: [{ url: BE_EXT_LATERALITY, valueCoding: { system: SNOMED_SYSTEM, code: '24028007', display: 'Right' } }],
      coding: [{ system: SNOMED_SYSTEM, code: '35259002', display: 'Deltoid muscle' }],
    });
    expect(imm.route).toEqual({ coding: [{ system: BE_CS_ROUTE, code: 'IM', display: 'Intramuscular' }] });
    expect(imm.doseQuantity).toEqual({ value: 0.3, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
    expect(validateResource('Immunization', imm)).toEqual([]);
  });

  it('still sends a payload queued before site and route were recorded, without them', () => {
    const imm = doseToImmunization(dose(person(2)));
    expect(imm.site).toBeUndefined();
    expect(imm.route).toBeUndefined();
    expect(imm.doseQuantity).toBeUndefined();
    expect(validateResource('Immunization', imm)).toEqual([]);
  });

  it('refuses a side that is not a Coding, two sides, or a site outside the value set', () => {
    const imm = doseToImmunization(dose(person(3), { administration: { site: '50092008', side: 'left', route: 'IM', doseMl: 0.5 } }));
    const side = imm.site!.extension![0]!;
    expect(rulesOf({ ...imm, site: { ...imm.site, extension: [{ url: BE_EXT_LATERALITY, valueCodeableConcept: { coding: [side.valueCoding] } }] } })).toEqual(['BeExtLaterality.fsh:5']);
    expect(rulesOf({ ...imm, site: { ...imm.site, extension: [side, side] } })).toEqual(['BeVaccination.fsh:25']);
    expect(rulesOf({ ...imm, site: { ...imm.site, coding: [{ system: SNOMED_SYSTEM, code: '74300007' }] } })).toEqual(['BeVaccination.fsh:24']);
  });
});
