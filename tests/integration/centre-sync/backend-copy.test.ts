import { join } from 'node:path';
import type { Appointment, Immunization, ImmunizationRecommendation } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { ManualClock } from '../../../src/main/adapters/clock';
import { appointmentToFhir } from '../../../src/domain/fhir/appointment';
import { PRODUCT_SYSTEM, SSIN_SYSTEM } from '../../../src/domain/fhir/systems';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import { lastPulls } from '../../../src/main/station/sync/pulled-store';
import type { CheckinResult } from '../../../src/shared/api/checkin';
import type { AdministerResult } from '../../../src/shared/api/booking';
import { ApiError, NO_IDLE_LOCK, openTestStation, stationApi } from '../../support/station';
import type { MethodName } from '../../../src/shared/contract';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre } from '../../support/booking/world';
import { appointment, person, ssinFor } from '../../support/federal/records';
import { post } from './support';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

/**
 * Gap 2: a person the station has never seen, known only from what sync pulled while the backend
 * was up (the day's expected appointments and their eligibility), is checked in and vaccinated
 * after the backend went down.
 */
const TODAY = '2026-03-02';
const clock = new ManualClock(localInstant(TODAY, '08:30'));
const temp = makeTempDir('dosedesk-copy-');
let sim: FederalSim;
let station: ReturnType<typeof openTestStation>;
let lotId = '';

const marie = person(11); // expected today for dose 1, eligible for Comirnaty
const jef = person(12); // expected today for dose 2 (dose 1 given elsewhere)
const els = person(13); // expected today for Spikevax
const stranger = ssinFor(14); // nowhere

/** An appointment booked through the federal platform (no station identifier), with the patient's name. */
function expected(p: typeof marie, doseNumber: number, productCode = 'comirnaty'): Appointment {
  const a = appointmentToFhir(appointment(p, { start: localInstant(TODAY, '10:00'), end: localInstant(TODAY, '10:05'), centreId: 'heysel', doseNumber, productCode }));
  a.identifier = [{ system: 'https://doclr.example/booking', value: `B-${p.ssin}` }];
  a.extension = a.extension!.filter((e) => !e.url.endsWith('record-version'));
  a.participant = a.participant.map((x) => (x.actor?.identifier?.system === SSIN_SYSTEM ? { ...x, actor: { ...x.actor, display: `${p.familyName} Marie` } } : x));
  return a;
}

function recommendation(ssin: string, productCode: string, doseNumber: number): ImmunizationRecommendation {
  return {
    resourceType: 'ImmunizationRecommendation',
    patient: { identifier: { system: SSIN_SYSTEM, value: ssin } },
    date: '2026-02-20',
    recommendation: [
      {
        vaccineCode: [{ coding: [{ system: PRODUCT_SYSTEM, code: productCode }] }],
        forecastStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status', code: 'due' }] },
        doseNumberPositiveInt: doseNumber,
      },
    ],
  };
}

/** A call at the vaccinator's booth, signed in (the vaccinator a call names). */
async function ok<T>(method: string, args: unknown): Promise<T> {
  return (await stationApi(station, 'vaccinator').call(method as MethodName, args as never)) as T;
}

async function code(method: string, args: unknown): Promise<string> {
  try {
    await ok(method, args);
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
}

beforeAll(async () => {
  sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') });
  await post(sim, expected(marie, 1));
  await post(sim, recommendation(marie.ssin, 'comirnaty', 1));
  await post(sim, expected(jef, 2));
  await post(sim, expected(els, 1, 'spikevax'));
  station = openTestStation({ clock, lockAfterSeconds: NO_IDLE_LOCK, dataDir: join(temp.dir, 'station'), settings: { centreId: 'heysel', stationId: 'station-1', federalUrl: sim.url } });
  lotId = seedSmallCentre(station.ctx.db, clock, { centreId: 'heysel', from: addDays(TODAY, 21), days: 1, stations: ['station-1'], capacity: 4, products: ['comirnaty'] }).lots.comirnaty!;
});
afterAll(async () => {
  await syncServiceOf(station.ctx)?.close();
  station.cleanup();
  await sim.close();
  temp.cleanup();
});

describe('check-in and vaccination from the backend copy while the backend is down', () => {
  it('pulls while the backend is up', async () => {
    await ok('sync.now', {});
    expect(lastPulls(station.ctx.db).find((p) => p.what === 'appointments')).toMatchObject({ day: TODAY, count: 3 });
    sim.setFaults({ down: true });
    clock.advance(60 * 60_000); // 09:30: an hour later, the backend is down
  });

  it('shows a person only known from the copy as expected today, with eligibility and when the copy was pulled', async () => {
    const r = await ok<CheckinResult>('checkin.lookup', { ssin: marie.ssin });
    expect(r.known).toBe(false);
    expect(r.person).toMatchObject({ ssin: marie.ssin, familyName: `${marie.familyName} Marie`, birthDate: '1985-12-12' });
    expect(r.warnings.map((w) => w.code)).toEqual(['backend_copy']);
    expect(r.nextDoseNumber).toBe(1);
    expect(r.appointment).toMatchObject({ origin: 'sync', productCode: 'comirnaty', doseNumber: 1, start: localInstant(TODAY, '10:00'), localDate: TODAY, status: 'booked' });
    expect(r.appointment!.backendCopy).toMatchObject({ source: 'backend-copy', expectedToday: true, eligibleProducts: ['comirnaty'], pulledAt: localInstant(TODAY, '08:30') });
    expect(r.appointment!.backendCopy!.eligibility).toEqual([{ vaccine: 'comirnaty', forecastStatus: 'due', doseNumber: 1, dueFrom: null }]);
    // A person the copy does not know is shown as before.
    const nobody = await ok<CheckinResult>('checkin.lookup', { ssin: stranger });
    expect(nobody.appointment).toBeNull();
    expect(nobody.warnings.map((w) => w.code).sort()).toEqual(['not_eligible', 'unknown_person']);
  });

  it('vaccinates that person: the citizen is created from the copy and dose 2 is booked', async () => {
    const r = await ok<AdministerResult>('booking.administer', { ssin: marie.ssin, lotId, vaccinator: { nihdi: '10000000001', name: 'An Peeters' } });
    expect(r.dose).toMatchObject({ doseNumber: 1, productCode: 'comirnaty', origin: 'station' });
    expect(r.person).toMatchObject({ ssin: marie.ssin, familyName: `${marie.familyName} Marie`, birthDate: '1985-12-12', sex: 'F' });
    expect(r.next.kind).toBe('booked');
    expect(station.ctx.db.prepare('SELECT source FROM citizens WHERE ssin = ?').get(marie.ssin)).toEqual({ source: 'sync' });
    const again = await ok<CheckinResult>('checkin.lookup', { ssin: marie.ssin });
    expect(again).toMatchObject({ known: true, courseComplete: false, nextDoseNumber: 2 });
    expect(again.appointment?.backendCopy).toBeUndefined();
    expect((await ok<{ waiting: number }>('sync.status', {})).waiting).toBeGreaterThanOrEqual(2);
  });

  it('refuses what the copy says is wrong: a later dose without the earlier one, another product, or nobody at all', async () => {
    const j = await ok<CheckinResult>('checkin.lookup', { ssin: jef.ssin });
    expect(j.nextDoseNumber).toBe(2);
    expect(j.warnings.map((w) => w.code)).toContain('earlier_dose_unknown');
    expect(await code('booking.administer', { ssin: jef.ssin, lotId, vaccinator: { nihdi: '10000000001', name: 'An Peeters' } })).toBe('booking.earlier_dose_unknown');
    expect(await code('booking.administer', { ssin: els.ssin, lotId, vaccinator: { nihdi: '10000000001', name: 'An Peeters' } })).toBe('booking.not_eligible_product');
    expect(await code('booking.administer', { ssin: stranger, lotId, vaccinator: { nihdi: '10000000001', name: 'An Peeters' } })).toBe('booking.unknown_person');
    // Nothing of those refusals was kept.
    expect(station.ctx.db.prepare('SELECT COUNT(*) AS n FROM citizens WHERE ssin IN (?, ?, ?)').get(jef.ssin, els.ssin, stranger)).toEqual({ n: 0 });
  });

  it('sends the dose once the backend is back', async () => {
    sim.setFaults({});
    clock.advance(30 * 60_000); // past the breaker's cool-down
    const service = syncServiceOf(station.ctx)!;
    for (let i = 0; i < 20 && (await ok<{ waiting: number }>('sync.status', {})).waiting > 0; i++) {
      await service.activeWorker!.drain(5);
      clock.advance(60_000);
    }
    const doses = await service.activeClient!.search<Immunization>('Immunization', { 'patient:identifier': `${SSIN_SYSTEM}|${marie.ssin}` });
    expect(doses).toHaveLength(1);
  });
});
