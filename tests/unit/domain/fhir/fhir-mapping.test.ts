import fc from 'fast-check';
import type { Immunization, OperationOutcome } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { appointmentToFhir, capacityToSchedule, slotToFhir } from '../../../../src/domain/fhir/appointment';
import { parseLocation, readTransactionResponse, transactionBundle, transactionEntry } from '../../../../src/domain/fhir/bundle';
import { brusselsDay, brusselsDayBounds } from '../../../../src/domain/fhir/day';
import { administeredProductOf, doseToImmunization } from '../../../../src/domain/fhir/immunization';
import { failingEntryIndex, outcomeSummary } from '../../../../src/domain/fhir/outcome';
import { asSyncPayload } from '../../../../src/domain/fhir/payloads';
import { capacityFromFhir, expectedAppointmentFromFhir } from '../../../../src/domain/fhir/pulled';
import { recordVersionOf, sameMeaning, stationRecordIdOf } from '../../../../src/domain/fhir/resource';
import {
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  BE_VACCINATION_PROFILE,
  CENTRE_SYSTEM,
  NIHDI_PROFESSIONAL_SYSTEM,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
} from '../../../../src/domain/fhir/systems';
import { validateResource } from '../../../../src/federal-sim/validate';
import type { DoseRecordPayload } from '../../../../src/domain/records';
import { appointment, dose, person } from '../../../support/federal/records';

describe('dose -> Immunization (BeVaccination)', () => {
  const d = dose(person(1), { id: '8d9c4f3e-1b2a-4c5d-9e8f-0a1b2c3d4e5f', lot: 'FF1234', expiry: '2026-06-30' });
  const imm = doseToImmunization(d);

  it('puts lot and expiry in be-ext-administeredProduct and never in the core elements', () => {
    expect(imm.lotNumber).toBeUndefined();
    expect(imm.expirationDate).toBeUndefined();
    const ext = imm.extension!.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT)!;
    expect(ext.extension).toEqual(
      expect.arrayContaining([
        { url: 'lotNumber', valueString: 'FF1234' },
        { url: 'expirationDate', valueDate: '2026-06-30' },
        expect.objectContaining({ url: 'coded', valueCodeableConcept: expect.objectContaining({ text: 'Comirnaty' }) }),
      ]),
    );
    expect(administeredProductOf(imm)).toEqual({ lot: 'FF1234', expiry: '2026-06-30', productCode: 'comirnaty' });
    // be-rule-vaccination-2: the coded product carries an ATC code.
    expect(ext.extension!.find((e) => e.url === 'coded')!.valueCodeableConcept!.coding).toContainEqual({ system: 'http://whocc.no/atc', code: 'J07BN01' });
  });

  it('carries recorded, the centre as recorder, the SSIN patient, the NIHDI vaccinator as only performer and the station identifier', () => {
    expect(imm.meta?.profile).toEqual([BE_VACCINATION_PROFILE]);
    expect(imm.recorded).toBe(d.recordedAt);
    const recorder = imm.extension!.filter((e) => e.url === BE_EXT_RECORDER);
    expect(recorder).toHaveLength(1);
    expect(recorder[0]!.valueReference).toEqual({ type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: d.centreId } });
    expect(imm.patient).toEqual({ type: 'Patient', identifier: { system: SSIN_SYSTEM, value: d.person.ssin } });
    expect(imm.performer).toHaveLength(1);
    expect(imm.performer![0]!.actor).toMatchObject({ type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM, value: d.vaccinator.nihdi } });
    expect(imm.identifier).toEqual([{ system: STATION_RECORD_SYSTEM, value: d.id }]);
    expect(imm.status).toBe('completed');
    expect(imm.occurrenceDateTime).toBe(d.administeredAt);
    expect(imm.location).toBeUndefined();
    expect(imm.protocolApplied).toBeUndefined();
    expect(stationRecordIdOf(imm)).toBe(d.id);
    expect(recordVersionOf(imm)).toBe(1);
  });

  it('maps a void to entered-in-error with the reason in a note', () => {
    const voided = doseToImmunization({ ...d, status: 'entered-in-error', version: 3, correction: { reason: 'wrong person', at: '2026-03-01T10:00:00Z', by: '10829059004' } });
    expect(voided.status).toBe('entered-in-error');
    expect(recordVersionOf(voided)).toBe(3);
    expect(voided.note![0]!.text).toContain('wrong person');
  });

  it('passes the stand-in\'s BeVaccination checks for any sane dose', () => {
    const arbitraryDose = fc.record({
      lot: fc.stringMatching(/^[A-Z0-9]{1,20}$/),
      expiry: fc.date({ min: new Date('2021-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((x) => x.toISOString().slice(0, 10)),
      administeredAt: fc.date({ min: new Date('2021-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((x) => x.toISOString()),
      productCode: fc.constantFrom('comirnaty', 'spikevax', 'vaxzevria', 'janssen', 'flu-2026'),
      status: fc.constantFrom<DoseRecordPayload['status']>('completed', 'entered-in-error'),
      doseNumber: fc.integer({ min: 1, max: 5 }),
      gtin: fc.option(fc.stringMatching(/^\d{14}$/), { nil: null }),
      version: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(arbitraryDose, (over) => {
        const resource = doseToImmunization(dose(person(3), over));
        expect(validateResource('Immunization', resource)).toEqual([]);
        expect(resource.lotNumber).toBeUndefined();
        expect(resource.expirationDate).toBeUndefined();
        expect(administeredProductOf(resource).lot).toBe(over.lot);
      }),
    );
  });
});

describe('appointment, slot and capacity share -> plain R4', () => {
  it('maps an appointment with logical references and reads it back', () => {
    const a = appointment(person(2), { status: 'cancelled' });
    const r = appointmentToFhir(a);
    expect(r.status).toBe('cancelled');
    expect(r.participant.map((p) => p.actor?.type)).toEqual(['Patient', 'Location', 'Device']);
    expect(r.slot).toEqual([{ type: 'Slot', identifier: { system: STATION_RECORD_SYSTEM, value: a.slotId } }]);
    expect(validateResource('Appointment', r)).toEqual([]);
    const back = expectedAppointmentFromFhir({ ...r, id: 'remote-1' })!;
    expect(back).toMatchObject({ remoteId: 'remote-1', recordId: a.id, ssin: a.person.ssin, centreId: 'heysel', stationId: 'station-1', productCode: 'comirnaty', doseNumber: 2, status: 'cancelled' });
  });

  it('maps a no-show, and a no-show undone by a late arrival, to statuses the stand-in accepts', () => {
    const missed = appointmentToFhir(appointment(person(3), { status: 'noshow', version: 2 }));
    expect(missed.status).toBe('noshow');
    expect(validateResource('Appointment', missed)).toEqual([]);
    const late = appointmentToFhir(appointment(person(3), { status: 'fulfilled', version: 3 }));
    expect(late.status).toBe('fulfilled');
    expect(validateResource('Appointment', late)).toEqual([]);
    expect(validateResource('Appointment', { ...missed, status: 'no-show' })).not.toEqual([]);
  });

  it('maps slots and capacity shares to Slot and Schedule', () => {
    const slot = slotToFhir({ type: 'slot', id: 's1', stationId: 'station-1', centreId: 'heysel', capacityId: 'c1', start: '2026-03-01T08:00:00Z', end: '2026-03-01T08:05:00Z', productCode: 'comirnaty', status: 'free', version: 1 });
    expect(validateResource('Slot', slot)).toEqual([]);
    expect(slot.schedule.identifier).toEqual({ system: STATION_RECORD_SYSTEM, value: 'c1' });
    const schedule = capacityToSchedule({ type: 'capacity', id: 'c1', centreId: 'heysel', stationId: null, productCode: 'comirnaty', start: '2026-03-01T07:00:00Z', end: '2026-03-01T19:00:00Z', doses: 2000, status: 'entered-in-error', version: 2 });
    expect(validateResource('Schedule', schedule)).toEqual([]);
    expect(schedule.active).toBe(false);
    expect(capacityFromFhir({ ...schedule, id: 'x' })).toMatchObject({ doses: 2000, stationId: null, centreId: 'heysel', active: false });
  });
});

describe('transaction bundles', () => {
  const d = dose(person(4), { id: '0f8fad5b-d9cb-469f-a165-70867728950e' });

  it('creates with ifNoneExist on the station identifier, and corrects with a conditional PUT and If-Match', () => {
    const create = transactionEntry({ action: 'create', payload: d });
    expect(create.request).toEqual({ method: 'POST', url: 'Immunization', ifNoneExist: `identifier=${encodeURIComponent(`${STATION_RECORD_SYSTEM}|${d.id}`)}` });
    expect(create.fullUrl).toBe(`urn:uuid:${d.id}`);
    const update = transactionEntry({ action: 'update', payload: { ...d, version: 2 }, ifMatch: 'W/"4"' });
    expect(update.request).toEqual({ method: 'PUT', url: `Immunization?identifier=${encodeURIComponent(`${STATION_RECORD_SYSTEM}|${d.id}`)}`, ifMatch: 'W/"4"' });
    const bundle = transactionBundle([{ action: 'create', payload: d }, { action: 'create', payload: appointment(person(4)) }]);
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry!.map((e) => e.request!.url)).toEqual(['Immunization', 'Appointment']);
  });

  it('reads a transaction-response and refuses one that does not answer every entry', () => {
    const response = { resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '201 Created', location: 'Immunization/9/_history/1', etag: 'W/"1"' } }] };
    expect(readTransactionResponse(response, 1)).toEqual([{ status: 201, location: 'Immunization/9/_history/1', etag: 'W/"1"' }]);
    expect(() => readTransactionResponse(response, 2)).toThrow();
    expect(() => readTransactionResponse({ resourceType: 'OperationOutcome' }, 1)).toThrow();
    expect(parseLocation('http://x/fhir/Immunization/abc-1/_history/3')).toEqual({ id: 'abc-1', versionId: '3' });
    expect(parseLocation('Appointment/7')).toEqual({ id: '7', versionId: null });
  });

  it('finds the refused entry and a readable reason in an OperationOutcome', () => {
    const outcome: OperationOutcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'warning', code: 'informational', diagnostics: 'ignored' },
        { severity: 'error', code: 'invariant', diagnostics: 'lotNumber needs a valueString', expression: ['Bundle.entry[3].resource.extension'] },
      ],
    };
    expect(failingEntryIndex(outcome)).toBe(3);
    expect(outcomeSummary(outcome)).toBe('Bundle.entry[3].resource.extension: lotNumber needs a valueString');
    expect(failingEntryIndex({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', diagnostics: 'Failed in entry[12]' }] })).toBe(12);
    expect(failingEntryIndex({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing' }] })).toBeNull();
    expect(failingEntryIndex('not json')).toBeNull();
  });
});

describe('telling records apart', () => {
  it('sees the same meaning through server bookkeeping and instant formats, and a changed lot as a change', () => {
    const d = dose(person(5));
    const mine = doseToImmunization(d);
    const theirs: Immunization = { ...structuredClone(mine), id: '42', meta: { versionId: '3', lastUpdated: '2026-03-01T10:00:00Z' }, occurrenceDateTime: d.administeredAt.replace('.000Z', '+00:00') };
    expect(sameMeaning(mine, theirs)).toBe(true);
    expect(sameMeaning(mine, doseToImmunization({ ...d, lot: 'OTHER' }))).toBe(false);
    expect(sameMeaning(mine, doseToImmunization({ ...d, status: 'entered-in-error' }))).toBe(false);
    const a = appointment(person(5));
    expect(sameMeaning(appointmentToFhir(a), appointmentToFhir({ ...a, start: '2026-03-22T10:00:00.000Z' }))).toBe(false);
  });

  it('accepts only payloads it can map', () => {
    expect(asSyncPayload(dose(person(6)))).not.toBeNull();
    expect(asSyncPayload({ type: 'dose', id: 'x', version: 0 })).toBeNull();
    expect(asSyncPayload({ type: 'vial', id: 'x', version: 1 })).toBeNull();
    expect(asSyncPayload(null)).toBeNull();
  });

  it('bounds Brussels days across the daylight-saving change', () => {
    expect(brusselsDayBounds('2026-03-29')).toEqual({ start: '2026-03-29T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' });
    expect(brusselsDay(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(() => brusselsDayBounds('29/03/2026')).toThrow();
  });
});
