import { describe, expect, it } from 'vitest';
import { NOT_GIVEN_REASONS, NOT_GIVEN_REASON_CODING } from '../../../src/domain/booking/not-given';
import { administeredProductOf, notGivenToImmunization } from '../../../src/domain/fhir/immunization';
import { toFhirResource } from '../../../src/domain/fhir/resource';
import type { NotGivenPayload } from '../../../src/domain/records';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import type { Json } from '../../../src/federal-sim/store';
import { validateResource } from '../../../src/federal-sim/validate';
import { person } from '../../support/federal/records';

function notGiven(reason: (typeof NOT_GIVEN_REASONS)[number], extra: Partial<NotGivenPayload> = {}): NotGivenPayload {
  return {
    type: 'not-given',
    id: '7c1d2e3f-2222-4c5d-9e8f-0a1b2c3d4e5f',
    stationId: 'station-1',
    centreId: 'centre-1',
    person: person(7),
    doseNumber: 1,
    productCode: 'comirnaty',
    productName: 'Comirnaty (Pfizer-BioNTech)',
    reason: { code: reason, ...NOT_GIVEN_REASON_CODING[reason] },
    note: 'fever 38.5',
    decidedAt: '2026-03-02T09:30:00.000Z',
    recordedAt: '2026-03-02T09:30:01.000Z',
    vaccinator: { nihdi: '10000000001', name: 'An Peeters' },
    status: 'not-done',
    version: 1,
    ...extra,
  };
}

describe('a person not vaccinated, as BeVaccination (status not-done, statusReason)', () => {
  it('maps every published status reason to an Immunization the stand-in takes', () => {
    for (const reason of NOT_GIVEN_REASONS) {
      const imm = toFhirResource(notGiven(reason));
      expect(imm).toMatchObject({ resourceType: 'Immunization', status: 'not-done', statusReason: { coding: [{ code: reason }] } });
      expect(validateResource('Immunization', imm), reason).toEqual([]);
    }
    const imm = notGivenToImmunization(notGiven('PATOBJ'));
    expect(imm.note).toEqual([{ text: 'fever 38.5' }]);
    expect(imm.performer).toHaveLength(1);
    // Nothing was drawn: no lot.
    expect(administeredProductOf(imm)).toMatchObject({ lot: undefined, productCode: 'comirnaty' });
  });

  it('refuses a not-done Immunization without a reason, or with a code outside be-vs-vaccination-status-reason', () => {
    const imm = notGivenToImmunization(notGiven('MEDPREC'));
    expect(validateResource('Immunization', { ...imm, statusReason: undefined }).map((i) => i.expression)).toEqual(['statusReason']);
    const foreign = { ...imm, statusReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'VACEFF' }] } };
    expect(checkBeVaccination(foreign as unknown as Json).map((i) => i.rule)).toEqual(['BeVaccination.fsh:62']);
    expect(validateResource('Immunization', foreign)).not.toEqual([]);
  });
});
