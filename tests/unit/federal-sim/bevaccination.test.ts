import type { Immunization } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { BE_CS_ROUTE, BE_EXT_CONFIRMATION_STATUS, CTI_EXTENDED_SYSTEM } from '../../../src/domain/fhir/bevaccination-terms';
import { administeredProductOf, doseToImmunization, PAPER_REKEYED_TAG, vaccineKeysOf } from '../../../src/domain/fhir/immunization';
import { sameMeaning } from '../../../src/domain/fhir/resource';
import {
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  CENTRE_SYSTEM,
  NIHDI_PROFESSIONAL_SYSTEM,
  PRODUCT_SYSTEM,
  SNOMED_SYSTEM,
} from '../../../src/domain/fhir/systems';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import type { Json } from '../../../src/federal-sim/store';
import { issuesOutcome, validateResource } from '../../../src/federal-sim/validate';
import { dose, person } from '../../support/federal/records';

const rulesOf = (resource: unknown) => checkBeVaccination(resource as Json).map((i) => i.rule);
const good = doseToImmunization(dose(person(1), { id: '5b0c2a52-1111-4c5d-9e8f-0a1b2c3d4e5f' }));

/** An Immunization as the station built it before it followed the profile: two performers, the vaccinator as recorder. */
function previousShape(): Immunization {
  const d = dose(person(1), { id: '5b0c2a52-1111-4c5d-9e8f-0a1b2c3d4e5f' });
  const vaccinator = { type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: d.vaccinator.nihdi }, display: d.vaccinator.name };
  return {
    ...good,
    extension: [
      { url: BE_EXT_RECORDER, valueReference: { type: 'Practitioner', identifier: vaccinator.identifier } },
      ...good.extension!.filter((e) => e.url !== BE_EXT_RECORDER && e.url !== 'urn:dosedesk:fhir:product'),
    ],
    performer: [{ actor: vaccinator }, { actor: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: d.centreId } } }],
  };
}

describe('the stand-in checks BeVaccination (profiles/BeVaccination.fsh)', () => {
  it('takes the station\'s Immunization for a given, a voided and a corrected dose', () => {
    const d = dose(person(2));
    for (const p of [d, { ...d, status: 'entered-in-error' as const, version: 2 }, { ...d, lot: 'NEW1', version: 3, correction: { reason: 'lot typo', at: '2026-03-01T10:00:00Z', by: 'sup' } }]) {
      expect(validateResource('Immunization', doseToImmunization(p))).toEqual([]);
    }
  });

  it('takes a dose re-keyed from paper: marked in meta.tag, recorded later than it was given', () => {
    const d = { ...dose(person(3)), administeredAt: '2026-03-03T09:00:00.000Z', recordedAt: '2026-03-03T12:00:00.000Z', rekeyed: { source: 'paper' as const, by: 'Sara Supervisor' } };
    const resource = doseToImmunization(d);
    expect(resource.meta?.tag).toEqual([PAPER_REKEYED_TAG]);
    expect({ occurrence: resource.occurrenceDateTime, recorded: resource.recorded }).toEqual({ occurrence: '2026-03-03T09:00:00.000Z', recorded: '2026-03-03T12:00:00.000Z' });
    // The name of who re-keyed stays at the station.
    expect(JSON.stringify(resource)).not.toContain('Sara Supervisor');
    expect(validateResource('Immunization', resource)).toEqual([]);
    expect(doseToImmunization(dose(person(3))).meta?.tag).toBeUndefined();
  });

  it('refuses the previous two-performer Immunization: performer is 0..1 (line 33)', () => {
    const old = previousShape();
    expect(rulesOf(old)).toEqual(['BeVaccination.fsh:33']);
    const issues = validateResource('Immunization', old);
    expect(issues.map((i) => i.expression)).toContain('performer');
    // The refusal names the rule, for staff reading the review reason.
    const outcome = issuesOutcome(issues);
    expect(outcome.issue[0]).toMatchObject({ details: { text: 'BeVaccination.fsh:33' } });
    expect(outcome.issue[0]!.diagnostics).toContain('performer is 0..1');
  });

  it('wants exactly one recorder (line 59), a Patient, Practitioner or Organization', () => {
    expect(rulesOf({ ...good, extension: good.extension!.filter((e) => e.url !== BE_EXT_RECORDER) })).toEqual(['BeVaccination.fsh:59']);
    const twice = { ...good, extension: [...good.extension!, good.extension!.find((e) => e.url === BE_EXT_RECORDER)!] };
    expect(rulesOf(twice)).toEqual(['BeVaccination.fsh:59']);
    const device = { ...good, extension: [{ url: BE_EXT_RECORDER, valueReference: { type: 'Device', identifier: { system: 'x', value: '1' } } }, ...good.extension!.slice(1)] };
    expect(rulesOf(device)).toEqual(['BeVaccination.fsh:59']);
  });

  it('binds vaccineCode to be-vs-vaccine-code (line 48) and wants a text with `other` (be-rule-vaccination-1)', () => {
    expect(rulesOf({ ...good, vaccineCode: { coding: [{ system: PRODUCT_SYSTEM, code: 'comirnaty' }] } })).toEqual(['BeVaccination.fsh:48']);
    expect(rulesOf({ ...good, vaccineCode: { coding: [{ system: SNOMED_SYSTEM, code: '12345' }] } })).toEqual(['BeVaccination.fsh:48']);
    expect(rulesOf({ ...good, vaccineCode: { coding: [{ system: SNOMED_SYSTEM, code: '787859002' }] } })).toEqual(['be-rule-vaccination-1']);
    expect(rulesOf({ ...good, vaccineCode: { coding: [{ system: SNOMED_SYSTEM, code: '1181000221105' }] } })).toEqual([]);
  });

  it('wants a coded product as CNK, CTI-extended or ATC (be-rule-vaccination-2)', () => {
    const withCoded = (coding: { system: string; code: string }[]) => ({
      ...good,
      extension: good.extension!.map((e) =>
        e.url === BE_EXT_ADMINISTERED_PRODUCT ? { ...e, extension: [{ url: 'coded', valueCodeableConcept: { coding } }, { url: 'lotNumber', valueString: 'L1' }] } : e,
      ),
    });
    expect(rulesOf(withCoded([{ system: PRODUCT_SYSTEM, code: 'flu' }]))).toEqual(['be-rule-vaccination-2']);
    expect(rulesOf(withCoded([{ system: CTI_EXTENDED_SYSTEM, code: '123456-01' }]))).toEqual([]);
  });

  it('forbids core lot, expiry, location and protocolApplied (lines 16, 17, 36, 49) and wants recorded (line 55)', () => {
    const bad = { ...good, lotNumber: 'X', expirationDate: '2026-01-01', location: { display: 'Heysel' }, protocolApplied: [{ doseNumberPositiveInt: 1 }], recorded: undefined };
    expect(rulesOf(bad)).toEqual(['BeVaccination.fsh:16', 'BeVaccination.fsh:17', 'BeVaccination.fsh:36', 'BeVaccination.fsh:49', 'BeVaccination.fsh:55']);
  });

  it('checks the performer actor\'s type (line 35) and the patient reference (line 32)', () => {
    expect(rulesOf({ ...good, performer: [{ actor: { reference: 'Device/7' } }] })).toEqual(['BeVaccination.fsh:35']);
    expect(rulesOf({ ...good, performer: [{ actor: {} }] })).toEqual(['BeVaccination.fsh:34']);
    expect(rulesOf({ ...good, performer: undefined })).toEqual([]);
    expect(rulesOf({ ...good, patient: { reference: 'Group/1' } })).toEqual(['BeVaccination.fsh:32']);
  });

  it('binds site, route and statusReason to their value sets (lines 24, 61, 62)', () => {
    const coded = (system: string, code: string) => ({ coding: [{ system, code }] });
    expect(rulesOf({ ...good, site: coded(SNOMED_SYSTEM, '35259002'), route: coded(BE_CS_ROUTE, 'IM') })).toEqual([]);
    expect(rulesOf({ ...good, site: coded('http://terminology.hl7.org/CodeSystem/v3-ActSite', 'LA') })).toEqual(['BeVaccination.fsh:24']);
    expect(rulesOf({ ...good, route: coded('http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', 'IM') })).toEqual(['BeVaccination.fsh:61']);
    expect(rulesOf({ ...good, statusReason: coded('http://terminology.hl7.org/CodeSystem/v3-ActReason', 'PATOBJ') })).toEqual([]);
    expect(rulesOf({ ...good, statusReason: coded('http://example.org', 'busy') })).toEqual(['BeVaccination.fsh:62']);
  });

  it('wants reaction.date when a reaction is given (line 21), and a known confirmation status', () => {
    expect(rulesOf({ ...good, reaction: [{ reported: true }] })).toEqual(['BeVaccination.fsh:21']);
    expect(rulesOf({ ...good, reaction: [{ date: '2026-03-01T10:20:00Z' }] })).toEqual([]);
    expect(rulesOf({ ...good, extension: [...good.extension!, { url: BE_EXT_CONFIRMATION_STATUS, valueCode: 'maybe' }] })).toEqual(['BeVaccinationConfirmationStatus.fsh:8']);
  });
});

describe('the vaccinator as performer', () => {
  it('names the vaccinator when the station knows the name, and sends no empty display for a dose from a card', () => {
    expect(good.performer![0]!.actor.display).toBe(dose(person(1)).vaccinator.name);
    const fromCard = doseToImmunization(dose(person(1), { vaccinator: { nihdi: '10000000001', name: '' } }));
    expect(fromCard.performer![0]!.actor).toEqual({ type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: '10000000001' } });
  });
});

describe('doses sent in the previous shape still compare with the new one', () => {
  it('is the same meaning: the same two parties, product, lot and status', () => {
    expect(sameMeaning(previousShape(), good)).toBe(true);
    expect(sameMeaning(previousShape(), doseToImmunization(dose(person(1), { lot: 'OTHER' })))).toBe(false);
  });

  it('reads the catalogue code whether the product is coded or not, and tells non-COVID products apart', () => {
    const flu = doseToImmunization(dose(person(3), { productCode: 'flu-2026', productName: 'Flu 2026' }));
    expect(flu.extension!.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT)!.extension!.map((e) => e.url)).toEqual(['lotNumber', 'expirationDate']);
    expect(administeredProductOf(flu).productCode).toBe('flu-2026');
    const other = doseToImmunization(dose(person(3), { productCode: 'hep-b', productName: 'Hep B' }));
    expect([...vaccineKeysOf(flu)].some((k) => vaccineKeysOf(other).has(k))).toBe(false);
  });
});
