import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { databasePath } from '../../../src/main/station/station';
import { SimStore } from '../../../src/federal-sim/store';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { seedSimulatedCentre } from '../../../src/simulator/centre';
import { countStores } from '../../../src/simulator/count';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { NO_IDLE_LOCK, openTestStation, stationApi, type TestStation } from '../../support/station';
import type { MethodName } from '../../../src/shared/contract';
import { makeTempDir } from '../../support/temp-dir';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

/**
 * The simulator's figures must be able to fail: two real station databases and a stand-in
 * store with planted faults (a unit booked twice, a slot over capacity, a dose given twice, an
 * acknowledged record that is gone, a duplicate at the backend, unsynced rows) are counted.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const DAY = '2021-04-26';
const VIAL = ']d2010541386812011017211031' + '10CO1234';
const A = demoSsin('1985-07-30', 4);
const B = demoSsin('1961-02-14', 17);
const C = demoSsin('1990-11-02', 22);

/** A call at the vaccinator's booth, signed in (the vaccinator a call names). */
async function api(station: TestStation, method: string, args: unknown): Promise<Record<string, unknown>> {
  return (await stationApi(station, 'vaccinator').call(method as MethodName, args as never)) as Record<string, unknown>;
}

function openSeeded(stationId: string, clock: ManualClock) {
  const station = openTestStation({ clock, lockAfterSeconds: NO_IDLE_LOCK, settings: { stationId, centreId: 'c1' } });
  cleanups.push(() => station.cleanup());
  seedSimulatedCentre(station.ctx.db, clock.now(), { centreId: 'c1', from: DAY, days: 49, stationIds: ['station-1', 'station-2'], productCodes: ['comirnaty'], capacityPerSlot: 2, cardKey: Buffer.alloc(32, 1) });
  return station;
}

async function vaccinate(station: TestStation, ssin: string, familyName: string) {
  const lot = await api(station, 'vials.scan', { text: VIAL });
  const r = await api(station, 'booking.administer', {
    ssin,
    person: { familyName, givenNames: 'Test', birthDate: null, sex: null, language: 'nl' },
    lotId: lot.lotId,
    vaccinator: { nihdi: '12345678901', name: 'Dr. Test' },
  });
  return { doseId: (r.dose as { id: string }).id, appointment: (r.next as { appointment: { id: string; slotId: string } }).appointment };
}

describe('counting the day from the stores', () => {
  it('counts a clean day as clean', async () => {
    const clock = new ManualClock(`${DAY}T08:00:00Z`);
    const s1 = openSeeded('station-1', clock);
    const a = await vaccinate(s1, A, 'Peeters');
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const store = new SimStore(join(temp.dir, 'federal'));
    // The backend holds both records; the outbox says so.
    store.db.transaction(() => {
      store.write('Immunization', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.doseId }] }, null, clock.now());
      store.write('Appointment', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.appointment.id }] }, null, clock.now());
    })();
    store.close();
    s1.ctx.db.prepare(`UPDATE outbox SET state = 'synced', synced_at = ?`).run(clock.now().toISOString());
    s1.ctx.db.prepare(`UPDATE print_job SET state = 'printed'`).run();
    s1.close();
    const counts = countStores({
      stations: [{ stationId: 'station-1', dbFile: databasePath(s1.dataDir), key: null }],
      backendDbFile: join(temp.dir, 'federal', 'federal-sim.sqlite'),
      acknowledged: new Map([['station-1', { doses: new Set([a.doseId]), appointments: new Set([a.appointment.id]) }]]),
      slips: new Map([['station-1', 1]]),
      expectedSsins: [A],
    });
    expect(counts).toMatchObject({
      dosesRecorded: 1,
      appointmentsBooked: 1,
      slipsPrinted: 1,
      overbookedSlots: 0,
      unitsBookedTwice: 0,
      duplicateDoses: 0,
      citizensWithoutDose: 0,
      lostRecords: 0,
      duplicateRecordsAtBackend: 0,
      unsyncedRecords: 0,
      cardsNotPrinted: 0,
      backend: { immunizations: 1, appointments: 1 },
    });
  });

  it('does not count a person recorded as not vaccinated as a lost dose, and finds a not-vaccinated record missing at the backend', async () => {
    const clock = new ManualClock(`${DAY}T08:00:00Z`);
    const s1 = openSeeded('station-1', clock);
    const a = await vaccinate(s1, A, 'Peeters');
    const notGiven = await api(s1, 'booking.notGiven', { ssin: B, person: { familyName: 'Janssens', givenNames: 'Test', birthDate: null, sex: null, language: 'nl' }, reason: 'MEDPREC', productCode: 'comirnaty', vaccinator: { nihdi: '12345678901', name: 'Dr. Test' } });
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const store = new SimStore(join(temp.dir, 'federal'));
    // The backend holds the dose and its appointment, not the not-done Immunization.
    store.db.transaction(() => {
      store.write('Immunization', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.doseId }] }, null, clock.now());
      store.write('Appointment', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.appointment.id }] }, null, clock.now());
    })();
    store.close();
    s1.close();
    const counts = countStores({
      stations: [{ stationId: 'station-1', dbFile: databasePath(s1.dataDir), key: null }],
      backendDbFile: join(temp.dir, 'federal', 'federal-sim.sqlite'),
      acknowledged: new Map([['station-1', { doses: new Set([a.doseId]), appointments: new Set([a.appointment.id]), notGiven: new Set([notGiven.id as string]) }]]),
      slips: new Map([['station-1', 1]]),
      // C came and has neither a dose nor a "not vaccinated": that one is still counted.
      expectedSsins: [A, B, C],
    });
    expect(counts).toMatchObject({ dosesRecorded: 1, notVaccinatedRecorded: 1, citizensWithoutDose: 1, notVaccinatedMissingAtBackend: 1, lostRecords: 0 });
  });

  it('finds every planted fault', async () => {
    const clock = new ManualClock(`${DAY}T08:00:00Z`);
    const s1 = openSeeded('station-1', clock);
    const s2 = openSeeded('station-2', clock);
    const a = await vaccinate(s1, A, 'Peeters');
    const b = await vaccinate(s2, B, 'Janssens');
    await vaccinate(s2, A, 'Peeters'); // the same person vaccinated at a second booth

    // station-2 books station-1's unit of a's slot, and a third person on it beyond its capacity of 2.
    const slot = s1.ctx.db.prepare('SELECT slot_id, unit FROM appointments WHERE id = ?').get(a.appointment.id) as { slot_id: string; unit: number };
    const row = s2.ctx.db.prepare('SELECT * FROM appointments WHERE id = ?').get(b.appointment.id) as Record<string, unknown>;
    const insert = s2.ctx.db.prepare(
      `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, origin, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?, ?, 'booked', 'station-2', 'c1', NULL, 'XXXX0000', 'station', 1, ?, ?)`,
    );
    for (const [id, unit, ssin] of [['planted-1', slot.unit, demoSsin('1958-04-19', 33)], ['planted-2', null, demoSsin('1972-09-08', 48)]] as const) {
      insert.run(id, row.citizen_id, ssin, row.product_code, slot.slot_id, unit, row.start_at, row.end_at, row.local_date, row.created_at, row.updated_at);
    }

    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const store = new SimStore(join(temp.dir, 'federal'));
    store.db.transaction(() => {
      // a's dose arrived twice under two backend ids.
      store.write('Immunization', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.doseId }] }, null, clock.now());
      store.write('Immunization', { identifier: [{ system: STATION_RECORD_SYSTEM, value: a.doseId }] }, null, clock.now());
    })();
    store.close();
    s1.close();
    s2.close();

    const counts = countStores({
      stations: [
        { stationId: 'station-1', dbFile: databasePath(s1.dataDir), key: null },
        { stationId: 'station-2', dbFile: databasePath(s2.dataDir), key: null },
      ],
      backendDbFile: join(temp.dir, 'federal', 'federal-sim.sqlite'),
      // station-1 answered a dose that is not in its database.
      acknowledged: new Map([['station-1', { doses: new Set([a.doseId, '00000000-0000-4000-8000-000000000000']), appointments: new Set([a.appointment.id]) }]]),
      slips: new Map(),
      expectedSsins: [A, B, C],
    });
    expect(counts.dosesRecorded).toBe(3);
    expect(counts.unitsBookedTwice).toBe(1);
    expect(counts.overbookedSlots).toBe(1);
    expect(counts.duplicateDoses).toBe(1);
    expect(counts.citizensWithoutDose).toBe(1);
    expect(counts.lostRecords).toBe(1);
    expect(counts.duplicateRecordsAtBackend).toBe(1);
    // Nothing was synced: 3 doses + 3 bookings in the outboxes; at the backend only a's dose.
    expect(counts.outboxNotSynced).toBe(6);
    expect(counts.recordsMissingAtBackend).toBe(3 + 5 - 1);
    expect(counts.unsyncedRecords).toBe(6 + 7);
    expect(counts.cardsNotPrinted).toBe(3);
  });
});
