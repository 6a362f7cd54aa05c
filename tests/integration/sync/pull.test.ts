import type { Appointment, ImmunizationRecommendation, Medication, Resource, Schedule } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { appointmentToFhir, capacityToSchedule } from '../../../src/domain/fhir/appointment';
import {
  DOSES_PER_VIAL_EXTENSION,
  INTERVAL_DAYS_EXTENSION,
  PRODUCT_SYSTEM,
  SERIES_DOSES_EXTENSION,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
} from '../../../src/domain/fhir/systems';
import { capacityAllocations, eligibilityFor, expectedAppointments, lastPulls, productConfiguration } from '../../../src/main/station/sync/pulled-store';
import { openReviews } from '../../../src/main/station/sync/review-store';
import { drainWithClock, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { appointment, enqueue, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

async function post(h: SyncHarness, resource: Resource): Promise<Resource> {
  const res = await fetch(`${h.sim.url}/${resource.resourceType}`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
  expect(res.status).toBe(201);
  return (await res.json()) as Resource;
}

async function put(h: SyncHarness, resource: Appointment): Promise<void> {
  const res = await fetch(`${h.sim.url}/${resource.resourceType}/${resource.id}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
  expect(res.status).toBe(200);
}

/** An appointment booked through the federal platform (no station identifier). */
function bookedElsewhere(serial: number, start: string, centreId = 'heysel'): Appointment {
  const a = appointmentToFhir(appointment(person(serial), { start, end: new Date(Date.parse(start) + 5 * 60_000).toISOString(), centreId, doseNumber: 1 }));
  a.identifier = [{ system: 'https://doclr.example/booking', value: `B-${serial}` }];
  a.extension = a.extension!.filter((e) => !e.url.endsWith('record-version'));
  return a;
}

describe('pulling the centre\'s day from the backend', () => {
  it('keeps a copy of expected appointments, eligibility, capacity and products, and flags a booking the backend moved', async () => {
    h = await startHarness();
    const clock = startClock(); // 2026-03-01 09:00 in Brussels
    const ours = appointment(person(1), { start: '2026-03-01T13:00:00.000Z', end: '2026-03-01T13:05:00.000Z' });
    enqueue(h.db, [ours], clock.now());
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db);

    const e1 = (await post(h, bookedElsewhere(2, '2026-03-01T09:30:00.000Z'))) as Appointment;
    await post(h, bookedElsewhere(3, '2026-03-01T22:30:00.000Z')); // 23:30 in Brussels: still today
    await post(h, bookedElsewhere(4, '2026-03-01T23:30:00.000Z')); // 00:30 tomorrow in Brussels
    await post(h, bookedElsewhere(5, '2026-03-01T10:00:00.000Z', 'antwerp-expo'));
    const rec: ImmunizationRecommendation = {
      resourceType: 'ImmunizationRecommendation',
      patient: { identifier: { system: SSIN_SYSTEM, value: person(2).ssin } },
      date: '2026-02-20',
      recommendation: [
        {
          vaccineCode: [{ coding: [{ system: PRODUCT_SYSTEM, code: 'comirnaty' }] }],
          forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'due' }] },
          doseNumberPositiveInt: 1,
          dateCriterion: [{ code: { coding: [{ system: 'http://loinc.org', code: '30981-5' }] }, value: '2026-02-25' }],
        },
      ],
    };
    await post(h, rec);
    const share = (stationId: string | null, doses: number, start: string, end: string): Schedule =>
      capacityToSchedule({ type: 'capacity', id: crypto.randomUUID(), centreId: 'heysel', stationId, productCode: 'comirnaty', start, end, doses, status: 'active', version: 1 });
    await post(h, share('station-1', 120, '2026-03-01T07:00:00.000Z', '2026-03-01T11:00:00.000Z'));
    await post(h, share(null, 2000, '2026-03-01T07:00:00.000Z', '2026-03-01T19:00:00.000Z'));
    await post(h, share('station-2', 100, '2026-03-01T07:00:00.000Z', '2026-03-01T11:00:00.000Z'));
    await post(h, share('station-1', 80, '2026-03-02T07:00:00.000Z', '2026-03-02T11:00:00.000Z'));
    const med: Medication = {
      resourceType: 'Medication',
      status: 'active',
      code: { coding: [{ system: PRODUCT_SYSTEM, code: 'comirnaty' }, { system: 'http://whocc.no/atc', code: 'J07BN01' }], text: 'Comirnaty' },
      extension: [
        { url: SERIES_DOSES_EXTENSION, valuePositiveInt: 2 },
        { url: INTERVAL_DAYS_EXTENSION, valueUnsignedInt: 21 },
        { url: DOSES_PER_VIAL_EXTENSION, valuePositiveInt: 6 },
      ],
    };
    await post(h, med);

    // The backend moves our booking by two hours.
    const [remoteOurs] = await h.client.search<Appointment>('Appointment', { identifier: `${STATION_RECORD_SYSTEM}|${ours.id}` });
    await put(h, { ...remoteOurs!, start: '2026-03-01T15:00:00.000Z', end: '2026-03-01T15:05:00.000Z' } as Appointment);

    worker.requestPull();
    const report = await worker.tick();
    expect(report.kind).toBe('idle');
    const day = '2026-03-01';
    const expected = expectedAppointments(h.db, day);
    expect(expected.map((a) => a.ssin)).toEqual([person(2).ssin, person(1).ssin, person(3).ssin]);
    expect(expected.find((a) => a.recordId === ours.id)).toMatchObject({ start: '2026-03-01T15:00:00.000Z', status: 'booked', productCode: 'comirnaty' });
    expect(eligibilityFor(h.db, person(2).ssin)).toEqual([
      expect.objectContaining({ vaccine: 'comirnaty', forecastStatus: 'due', doseNumber: 1, dueFrom: '2026-02-25' }),
    ]);
    expect(capacityAllocations(h.db, day, 'station-1').map((c) => c.doses).sort()).toEqual([120, 2000]);
    expect(capacityAllocations(h.db, day).map((c) => c.doses).sort()).toEqual([100, 120, 2000]);
    expect(productConfiguration(h.db)).toEqual([
      expect.objectContaining({ productCode: 'comirnaty', atc: 'J07BN01', seriesDoses: 2, intervalDays: 21, dosesPerVial: 6, active: true }),
    ]);
    expect(lastPulls(h.db).map((p) => p.what).sort()).toEqual(['appointments', 'capacity', 'eligibility', 'invitations', 'products']);

    const reviews = openReviews(h.db);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ kind: 'moved_at_backend', recordId: ours.id, personKey: person(1).ssin, outboxId: null });
    expect(reviews[0]!.reason).toContain('2026-03-01T15:00:00.000Z');

    // Pulled again: the same conflict is not added twice; a booking moved to another day leaves today's list.
    await put(h, { ...e1, start: '2026-03-02T09:30:00.000Z', end: '2026-03-02T09:35:00.000Z' });
    worker.requestPull();
    await worker.tick();
    expect(openReviews(h.db)).toHaveLength(1);
    expect(expectedAppointments(h.db, day).map((a) => a.ssin)).toEqual([person(1).ssin, person(3).ssin]);
    // The station's own record was not touched: its outbox still holds what it booked.
    const stored = JSON.parse((h.db.prepare('SELECT payload FROM outbox WHERE record_id = ?').get(ours.id) as { payload: string }).payload);
    expect(stored.start).toBe('2026-03-01T13:00:00.000Z');
  });
});
