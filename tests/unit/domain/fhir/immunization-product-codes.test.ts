import { describe, expect, it } from 'vitest';
import { doseToImmunization } from '../../../../src/domain/fhir/immunization';
import { BE_CS_VACCINE_CODE } from '../../../../src/domain/fhir/bevaccination-terms';
import { ATC_SYSTEM, BE_EXT_ADMINISTERED_PRODUCT, CNK_SYSTEM, SNOMED_SYSTEM } from '../../../../src/domain/fhir/systems';
import { validateResource } from '../../../../src/federal-sim/validate';
import { dose, person } from '../../../support/federal/records';

const codedProduct = (imm: ReturnType<typeof doseToImmunization>) =>
  imm.extension!.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT)!.extension!.find((e) => e.url === 'coded')!.valueCodeableConcept!.coding!;

describe('Immunization product codes from the centre product list (issue 15)', () => {
  it('carries the imported CNK and ATC as codings of the administered product, vaccineCode staying a BeVaccination vaccine type', () => {
    const imm = doseToImmunization({ ...dose(person(1)), productCode: 'comirnaty-xbb', productCnk: '4567890', productAtc: 'J07BN01' });
    expect(codedProduct(imm)).toEqual(expect.arrayContaining([{ system: CNK_SYSTEM, code: '4567890' }, { system: ATC_SYSTEM, code: 'J07BN01' }]));
    expect(imm.vaccineCode.coding).toEqual([expect.objectContaining({ system: SNOMED_SYSTEM })]);
    expect(validateResource('Immunization', imm)).toEqual([]);
  });

  it('prefers the imported ATC over the built-in one and does not call a non-COVID product a COVID-19 vaccine', () => {
    const imm = doseToImmunization({ ...dose(person(2)), productCode: 'comirnaty', productAtc: 'J07BB02' });
    expect(codedProduct(imm).filter((c) => c.system === ATC_SYSTEM)).toEqual([{ system: ATC_SYSTEM, code: 'J07BB02' }]);
    // be-vs-vaccine-code (required) has no code for it: `other`, named by the text (be-rule-vaccination-1).
    expect(imm.vaccineCode).toEqual({ coding: [{ system: BE_CS_VACCINE_CODE, code: 'other' }], text: 'Comirnaty' });
    expect(validateResource('Immunization', imm)).toEqual([]);
  });

  it('sends no CNK coding when the product has none', () => {
    const imm = doseToImmunization(dose(person(3)));
    expect(codedProduct(imm).some((c) => c.system === CNK_SYSTEM)).toBe(false);
  });
});
