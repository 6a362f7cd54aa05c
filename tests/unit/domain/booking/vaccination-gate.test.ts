import { describe, expect, it } from 'vitest';
import { vaccinationGate, type GateInput } from '../../../../src/domain/booking/vaccination-gate';

const named = { familyName: 'Peeters', givenNames: 'An' };
const base: GateInput = { person: named, known: true, warnings: [], doses: [], invitation: { eligibleProducts: ['comirnaty', 'spikevax'] } };

describe('vaccinationGate: whether the vaccinator may go on to the vial step', () => {
  it('lets a named person with nothing blocking go on, with the invitation’s products', () => {
    expect(vaccinationGate(base)).toEqual({ allowed: true, blockedBy: [], namesNeeded: false, products: ['comirnaty', 'spikevax'] });
  });

  it('stops at a blocking warning and says which, but not at one staff only check', () => {
    const r = vaccinationGate({ ...base, warnings: [{ code: 'expired_card' }, { code: 'dose_today' }, { code: 'too_early' }] });
    expect(r).toMatchObject({ allowed: false, blockedBy: ['dose_today', 'too_early'] });
    expect(vaccinationGate({ ...base, warnings: [{ code: 'expired_card' }, { code: 'not_eligible' }] }).allowed).toBe(true);
  });

  it('needs the eID for someone never seen here whose names were not read', () => {
    expect(vaccinationGate({ ...base, known: false, person: { familyName: '', givenNames: '' } })).toMatchObject({ allowed: false, namesNeeded: true, blockedBy: [] });
    expect(vaccinationGate({ ...base, known: false }).allowed).toBe(true);
    expect(vaccinationGate({ ...base, person: null, known: false }).allowed).toBe(false);
  });

  it('keeps a started course on its product, whatever the invitation says; a voided dose does not count', () => {
    const doses = [
      { status: 'completed', productCode: 'spikevax' },
      { status: 'entered-in-error', productCode: 'comirnaty' },
    ];
    expect(vaccinationGate({ ...base, doses }).products).toEqual(['spikevax']);
    expect(vaccinationGate({ ...base, doses: [doses[1]!], invitation: null }).products).toEqual([]);
  });
});
