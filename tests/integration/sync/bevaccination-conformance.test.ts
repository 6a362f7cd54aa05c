import { join } from 'node:path';
import type { Appointment, Immunization } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBeVaccineCode } from '../../../src/domain/fhir/bevaccination-terms';
import { administeredProductOf } from '../../../src/domain/fhir/immunization';
import { recordVersionOf } from '../../../src/domain/fhir/resource';
import {
  ATC_SYSTEM,
  BE_EXT_ADMINISTERED_PRODUCT,
  BE_EXT_RECORDER,
  CENTRE_SYSTEM,
  CNK_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  NIHDI_PROFESSIONAL_SYSTEM,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
} from '../../../src/domain/fhir/systems';
import { localInstant } from '../../../src/domain/time/local-time';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import type { Json } from '../../../src/federal-sim/store';
import { validateResource } from '../../../src/federal-sim/validate';
import { ManualClock } from '../../../src/main/adapters/clock';
import { createFederalClient, type FederalClient } from '../../../src/main/adapters/federal/client';
import { updateProductCodes } from '../../../src/main/station/products/product-store';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { addTestCitizen, seedSmallCentre, testSsin } from '../../support/booking/world';
import { drainWithClock, fastOptions } from '../../support/federal/harness';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation, stationApi, NO_IDLE_LOCK, type TestStation } from '../../support/station';

/**
 * Every path by which a station sends a record today, through the real booking API, the sync
 * worker and the stand-in; then each resource the stand-in STORED is checked against the
 * BeVaccination rules (and the stand-in's own checks), not just what the station meant to send.
 */

const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const supervisor = { nihdi: '10000000002', name: 'Sup Ervisor', role: 'supervisor' as const };
const temp = makeTempDir('dosedesk-bevacc-');
const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
let sim: FederalSim;
let client: FederalClient;
let s1: TestStation;
let s2: TestStation;
let lots1: Record<string, string>;
let lots2: Record<string, string>;

beforeAll(async () => {
  sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') });
  client = createFederalClient({ baseUrl: sim.url, timeoutMs: 5_000, transactionTimeoutMs: 5_000 });
  s1 = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  s2 = openTestStation({ dir: temp.dir, stationId: 'station-2', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  const seed = { from: '2021-03-07', days: 60, stations: ['station-1', 'station-2'], capacity: 4 };
  lots1 = seedSmallCentre(s1.db, clock, seed).lots;
  lots2 = seedSmallCentre(s2.db, clock, seed).lots;
  // Station 1's product list gives Comirnaty a CNK (as a centre import would); station 2's does not.
  updateProductCodes(s1.db, 'comirnaty', { name: 'Comirnaty', cnk: '4567890', atc: 'J07BN01' }, clock.now().toISOString());
});
afterAll(async () => {
  client.close();
  s1.close();
  s2.close();
  await sim.close();
  temp.cleanup();
});

/** Sends everything the station has queued; answers the rows left unsynced (none was refused). */
async function drain(station: TestStation): Promise<{ kind: string; state: string; last_error: string | null }[]> {
  const worker = new SyncWorker({ db: station.db, clock, client, centreId: 'test-centre' }, fastOptions());
  await drainWithClock(worker, clock, station.db);
  const left = station.db.prepare(`SELECT kind, state, last_error FROM outbox WHERE state NOT IN ('synced') ORDER BY seq`).all() as { kind: string; state: string; last_error: string | null }[];
  expect(left.filter((r) => /refused/i.test(r.last_error ?? ''))).toEqual([]);
  return left;
}

async function stored<T extends Immunization | Appointment>(type: T['resourceType'], recordId: string): Promise<T> {
  const found = await client.search<T>(type, { identifier: `${STATION_RECORD_SYSTEM}|${recordId}` });
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The profile's rules and the stand-in's checks on a resource as the backend holds it. */
function expectConforms(resource: Immunization | Appointment): void {
  expect(validateResource(resource.resourceType, resource)).toEqual([]);
  if (resource.resourceType !== 'Immunization') return;
  expect(checkBeVaccination(resource as unknown as Json)).toEqual([]);
  expect(resource.performer ?? []).toHaveLength(1);
  expect(resource.performer![0]!.actor).toMatchObject({ type: 'Practitioner', identifier: { system: NIHDI_PROFESSIONAL_SYSTEM } });
  expect(resource.extension!.filter((e) => e.url === BE_EXT_RECORDER)).toEqual([
    { url: BE_EXT_RECORDER, valueReference: { type: 'Organization', identifier: { system: CENTRE_SYSTEM, value: 'test-centre' } } },
  ]);
  expect(resource.patient.identifier?.system).toBe(SSIN_SYSTEM);
  expect(resource.vaccineCode.coding!.some((c) => inBeVaccineCode(c.system, c.code))).toBe(true);
  expect(resource.lotNumber).toBeUndefined();
  expect(resource.location).toBeUndefined();
  expect(resource.occurrenceDateTime).toMatch(/^2021-/);
  expect(resource.recorded).toMatch(/^2021-/);
}

const productCodings = (r: Immunization) =>
  r.extension!.find((e) => e.url === BE_EXT_ADMINISTERED_PRODUCT)!.extension!.find((e) => e.url === 'coded')?.valueCodeableConcept?.coding ?? [];

describe('what the backend stores from a station conforms to BeVaccination', () => {
  const zoe = testSsin(1);
  const jan = testSsin(2);
  let cardToken = '';
  let zoeDose1 = '';
  let janDose = '';

  it('a dose given, and the appointment it books', async () => {
    const r = await stationApi(s1, 'vaccinator').call('booking.administer', {
      ssin: zoe,
      person: { familyName: 'Müller', givenNames: 'Zoë', birthDate: null, sex: 'F', language: 'de' },
      lotId: lots1.comirnaty!,
      vaccinator,
    });
    expect(r.next.kind).toBe('booked');
    if (r.next.kind !== 'booked') return;
    cardToken = r.next.card!.token;
    zoeDose1 = r.dose.id;
    expect(await drain(s1)).toEqual([]);
    const imm = await stored<Immunization>('Immunization', zoeDose1);
    expectConforms(imm);
    expect(imm.status).toBe('completed');
    expect(productCodings(imm)).toEqual(expect.arrayContaining([{ system: CNK_SYSTEM, code: '4567890' }, { system: ATC_SYSTEM, code: 'J07BN01' }]));
    expect(administeredProductOf(imm)).toMatchObject({ lot: 'LOTCOM', expiry: '2099-12-31', productCode: 'comirnaty' });
    expect(imm.performer![0]!.actor.identifier!.value).toBe(vaccinator.nihdi);
    // Site with its side, route and volume: the product's usual way (left deltoid, intramuscular, 0.3 mL).
    expect(imm.site).toMatchObject({ coding: [{ system: 'http://snomed.info/sct', code: '35259002' }], extension: [{ valueCoding: { code: '7771000' } }] });
    expect(imm.route?.coding?.[0]).toMatchObject({ code: 'IM' });
    expect(imm.doseQuantity).toMatchObject({ value: 0.3, code: 'mL' });
    const appt = await stored<Appointment>('Appointment', r.next.appointment.id);
    expectConforms(appt);
    expect(appt.status).toBe('booked');
  });

  it('a dose given with a card from another station (the earlier dose imported from the card)', async () => {
    clock.set(localInstant('2021-03-28', '09:30'));
    const r = await stationApi(s2, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots2.comirnaty!, vaccinator, cardToken });
    expect(r.importedFromCard).toMatchObject({ id: zoeDose1, origin: 'card' });
    // Found, not changed here: the appointment from the card, fulfilled at this station, waits for
    // review because this station never sent it (no last-sent copy to compare the backend's with).
    expect(await drain(s2)).toEqual([{ kind: 'appointment-update', state: 'needs_review', last_error: expect.stringContaining('differs from what this station last sent') }]);
    const imm = await stored<Immunization>('Immunization', r.dose.id);
    expectConforms(imm);
    // No CNK in station 2's list: the built-in ATC alone codes the product.
    expect(productCodings(imm).filter((c) => c.system === CNK_SYSTEM)).toEqual([]);
    expect(productCodings(imm)).toContainEqual({ system: ATC_SYSTEM, code: 'J07BN01' });
    // The dose from the card is still the one station 1 sent: one copy, not re-sent.
    expect(recordVersionOf(await stored<Immunization>('Immunization', zoeDose1))).toBe(1);
  });

  it('appointments booked, rebooked and cancelled', async () => {
    clock.set(localInstant('2021-03-11', '09:10'));
    addTestCitizen(s1.db, jan, clock.now(), 'nl');
    const api = stationApi(s1, 'vaccinator');
    const r = await api.call('booking.administer', { ssin: jan, lotId: lots1.spikevax!, vaccinator });
    janDose = r.dose.id;
    if (r.next.kind !== 'booked') throw new Error('dose 2 was not booked');
    const first = r.next.appointment.id;
    const proposals = await api.call('booking.proposeSlots', { ssin: jan, preference: { notBefore: '2021-04-12' }, limit: 2 });
    const moved = await api.call('booking.rebook', { appointmentId: first, slotId: proposals.slots[1]!.slotId, reason: 'citizen on holiday' });
    if (moved.next.kind !== 'booked') throw new Error('not rebooked');
    const second = moved.next.appointment.id;
    await api.call('booking.cancel', { appointmentId: second, reason: 'moved abroad' });
    const again = await api.call('booking.book', { ssin: jan });
    if (again.kind !== 'booked') throw new Error('not booked again');
    expect(await drain(s1)).toEqual([]);
    const statuses: Record<string, string> = {};
    for (const id of [first, second, again.appointment.id]) {
      const appt = await stored<Appointment>('Appointment', id);
      expectConforms(appt);
      statuses[id] = appt.status;
    }
    expect(statuses).toEqual({ [first]: 'cancelled', [second]: 'cancelled', [again.appointment.id]: 'booked' });
    expectConforms(await stored<Immunization>('Immunization', janDose));
  });

  it('a dose corrected, then voided: the stored copy conforms at each version', async () => {
    const api = stationApi(s1, 'vaccinator');
    const lot = await api.call('vials.registerLot', { productCode: 'spikevax', lot: 'SPK999', expiry: '2021-12-31' });
    await api.call('booking.correctDose', { doseId: janDose, lotId: lot.lotId, reason: 'wrong lot scanned', by: { ...vaccinator, role: 'vaccinator' } });
    expect(await drain(s1)).toEqual([]);
    const corrected = await stored<Immunization>('Immunization', janDose);
    expectConforms(corrected);
    expect(recordVersionOf(corrected)).toBe(2);
    expect(administeredProductOf(corrected).lot).toBe('SPK999');
    expect(corrected.note![0]!.text).toContain('wrong lot scanned');

    await api.call('booking.voidDose', { doseId: janDose, reason: 'recorded on the wrong person', by: supervisor });
    expect(await drain(s1)).toEqual([]);
    const voided = await stored<Immunization>('Immunization', janDose);
    expectConforms(voided);
    expect(voided).toMatchObject({ status: 'entered-in-error' });
    expect(recordVersionOf(voided)).toBe(3);
  });

  it('a person not vaccinated, with the reason: Immunization not-done with a statusReason of be-vs-vaccination-status-reason', async () => {
    const ssin = testSsin(3);
    addTestCitizen(s1.db, ssin, clock.now(), 'fr');
    const r = await stationApi(s1, 'vaccinator').call('booking.notGiven', { ssin, reason: 'MEDPREC', note: 'fièvre 38,5 °C', productCode: 'comirnaty', vaccinator });
    expect(await drain(s1)).toEqual([]);
    const imm = await stored<Immunization>('Immunization', r.id);
    expectConforms(imm);
    expect(imm).toMatchObject({ status: 'not-done', statusReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'MEDPREC' }] }, note: [{ text: 'fièvre 38,5 °C' }] });
    expect(productCodings(imm)).toEqual(expect.arrayContaining([{ system: CNK_SYSTEM, code: '4567890' }, { system: ATC_SYSTEM, code: 'J07BN01' }]));
    expect(administeredProductOf(imm).lot).toBeUndefined();

    // The person changes their mind the same day: the dose is sent, the not-done record is no duplicate of it.
    const dose = await stationApi(s1, 'vaccinator').call('booking.administer', { ssin, lotId: lots1.comirnaty!, vaccinator, print: false });
    expect(await drain(s1)).toEqual([]);
    expect((await stored<Immunization>('Immunization', dose.dose.id)).status).toBe('completed');
  });

  it('a dose with a reaction under observation: reaction with its date and the contained Observation, still one record', async () => {
    const ssin = testSsin(5);
    addTestCitizen(s1.db, ssin, clock.now(), 'nl');
    const vaccinatorApi = stationApi(s1, 'vaccinator');
    const dose = await vaccinatorApi.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vaccinator, print: false });
    expect(await drain(s1)).toEqual([]);
    const observation = await vaccinatorApi.call('observation.ofDose', { doseId: dose.dose.id });
    clock.advance(4 * 60_000);
    const reactedAt = clock.now().getTime();
    await vaccinatorApi.call('observation.reaction', { observationId: observation.id, manifestation: 'urticaria', severity: 'mild', action: 'observed_longer' });
    clock.advance(60_000);
    expect(await drain(s1)).toEqual([]);
    const imm = await stored<Immunization>('Immunization', dose.dose.id);
    expectConforms(imm);
    expect(imm.reaction).toHaveLength(1);
    expect(Date.parse(imm.reaction![0]!.date!)).toBe(reactedAt);
    expect(imm.reaction![0]!.detail?.reference).toMatch(/^#/);
    expect((imm.contained ?? []).map((c) => c.resourceType)).toEqual(['Observation']);
  });

  it('a booster (a third dose where the rule of the day allows it): the dose number in the station extension, no protocolApplied (0..0)', async () => {
    const ssin = testSsin(4);
    clock.set(localInstant('2021-04-01', '10:00'));
    addTestCitizen(s1.db, ssin, clock.now(), 'de');
    const nurse = stationApi(s1, 'vaccinator');
    await nurse.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vaccinator, print: false });
    clock.set(localInstant('2021-04-22', '10:00'));
    await nurse.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vaccinator, print: false });
    await stationApi(s1, 'supervisor').call('rules.addVersion', {
      productCode: 'comirnaty',
      validFrom: '2021-04-22',
      interval: { minDays: 19, targetDays: 21, maxDays: 42 },
      minAgeYears: null,
      maxAgeYears: null,
      mixedWith: [],
      booster: { products: ['comirnaty'], minDaysAfterLastDose: 180, minAgeYears: null },
      reason: 'boosters six months after the course',
    });
    clock.set(localInstant('2021-10-20', '10:00'));
    const booster = await nurse.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vaccinator, print: false });
    expect(booster.dose).toMatchObject({ doseNumber: 3, booster: true });
    expect(booster.next.kind).toBe('none');
    expect(await drain(s1)).toEqual([]);
    const imm = await stored<Immunization>('Immunization', booster.dose.id);
    expectConforms(imm);
    expect(imm.protocolApplied).toBeUndefined();
    expect(imm.extension!.filter((e) => e.url === DOSE_NUMBER_EXTENSION)).toEqual([{ url: DOSE_NUMBER_EXTENSION, valuePositiveInt: 3 }]);
    // The stand-in refuses a booster said the core FHIR way, as the profile does.
    const withProtocol = { ...imm, protocolApplied: [{ doseNumberPositiveInt: 3, seriesDosesPositiveInt: 2 }] } as unknown as Json;
    expect(checkBeVaccination(withProtocol).map((i) => i.rule)).toContain('BeVaccination.fsh:49');
  });
});
