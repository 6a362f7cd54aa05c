import { describe, expect, it } from 'vitest';
import { invitationFromFhir, invitationToFhir, type InvitationCopy } from '../../../../src/domain/fhir/invitation';
import { CAPACITY_TRANSFER_CODE, TASK_CODE_SYSTEM } from '../../../../src/domain/fhir/systems';
import { validateResource } from '../../../../src/federal-sim/validate';

const letter: InvitationCopy = {
  code: 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj',
  ssin: '85073000457',
  surname: 'Müller-Weiß',
  givenNames: 'Zoë Anna',
  language: 'de',
  products: ['comirnaty', 'spikevax'],
  start: '2026-03-01T09:15:00.000Z',
  email: 'zoe@example.org',
  phone: '+32 470 00 00 00',
};

describe('an invitation letter as a FHIR Task', () => {
  it('reads back what it carries, and the stand-in takes it', () => {
    const task = invitationToFhir('heysel', letter);
    expect(validateResource('Task', task)).toEqual([]);
    expect(invitationFromFhir(task)).toEqual(letter);
    const bare = invitationToFhir('heysel', { ...letter, start: null, email: null, phone: null });
    expect(invitationFromFhir(bare)).toEqual({ ...letter, start: null, email: null, phone: null });
  });

  it('is not read from another Task, nor from one without a code or an SSIN', () => {
    const task = invitationToFhir('heysel', letter);
    expect(invitationFromFhir({ ...task, code: { coding: [{ system: TASK_CODE_SYSTEM, code: CAPACITY_TRANSFER_CODE }] } })).toBeNull();
    expect(invitationFromFhir({ ...task, identifier: [] })).toBeNull();
    expect(invitationFromFhir({ ...task, for: { display: 'someone' } })).toBeNull();
  });

  it('comes back with empty names and language when the backend leaves them out, for the import rules to refuse', () => {
    const { contained: _dropped, ...task } = invitationToFhir('heysel', letter);
    expect(invitationFromFhir(task)).toMatchObject({ code: letter.code, ssin: letter.ssin, surname: '', givenNames: '', language: '' });
  });
});
