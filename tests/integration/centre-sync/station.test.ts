import { join } from 'node:path';
import type { Schedule } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederalSim, type FederalSim } from '../../../src/federal-sim';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { capacityViewSystem, stationScheduleSystem } from '../../../src/domain/fhir/systems';
import { capacityViewFromFhir } from '../../../src/domain/fhir/capacity';
import { enqueueOutbox } from '../../../src/main/adapters/sqlite/outbox';
import { selectDue } from '../../../src/main/station/sync/outbox-store';
import { openReviews } from '../../../src/main/station/sync/review-store';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import { openTestStation } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { dose, enqueue, person } from '../../support/federal/records';
import { allocationSchedule, post } from './support';
import { sessionChangeToFhir } from '../../../src/domain/fhir/session-change';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

/**
 * centre-sync inside a running station: the sync worker pulls the backend's allocation, applies
 * it, and runs the capacity round while online (heartbeat and the day's free units published).
 */
const TODAY = '2026-03-02';
const D = addDays(TODAY, 21);
const clock = new ManualClock(localInstant(TODAY, '08:00'));
const temp = makeTempDir('dosedesk-centre-station-');
const call: CallInfo = { language: 'en', transport: 'http' };
let sim: FederalSim;
let station: ReturnType<typeof openTestStation>;

beforeAll(async () => {
  sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') });
  await post(sim, allocationSchedule({ centreId: 'heysel', productCode: 'spikevax', date: D, start: '13:00', end: '14:00', session: { slotMinutes: 20, capacityPerSlot: 2 }, share: { stationId: 'station-7', units: [0, 1] } }));
  // Roles off: the station's centre sync with the stand-in is under test, not who may call it.
  station = openTestStation({ enforceRoles: false, clock, dataDir: join(temp.dir, 'station'), settings: { centreId: 'heysel', stationId: 'station-7', federalUrl: sim.url } });
});
afterAll(async () => {
  await syncServiceOf(station.ctx)?.close();
  station.cleanup();
  await sim.close();
  temp.cleanup();
});

describe('centre-sync in a running station', () => {
  it('applies the pulled allocation and publishes what the station can give, from the sync worker', async () => {
    const env = await station.dispatch('sync.now', {}, call);
    expect(env.ok).toBe(true);
    expect(station.ctx.db.prepare(`SELECT COUNT(*) AS n FROM slot_units WHERE owner_station = 'station-7'`).get()).toEqual({ n: 6 });
    const client = syncServiceOf(station.ctx)!.activeClient!;
    const heartbeat = await client.search<Schedule>('Schedule', { identifier: `${stationScheduleSystem('heysel')}|station-7` });
    expect(heartbeat).toHaveLength(1);
    const views = await client.search<Schedule>('Schedule', { identifier: `${capacityViewSystem('heysel')}|` });
    expect(views.map((v) => capacityViewFromFhir(v, 'heysel'))).toEqual([
      expect.objectContaining({ stationId: 'station-7', day: D, slots: [expect.objectContaining({ free: [0, 1] }), expect.objectContaining({ free: [0, 1] }), expect.objectContaining({ free: [0, 1] })] }),
    ]);
  });

  it('leaves capacity rows of the outbox to centre-sync: the record worker never sends them', () => {
    const db = station.ctx.db;
    enqueue(db, [dose(person(3))], clock.now());
    db.transaction(() => enqueueOutbox(db, { kind: 'centre-release', recordId: crypto.randomUUID(), personKey: 'centre:heysel', payload: {} }, clock.now())).immediate();
    const due = selectDue(db, clock.now(), 50);
    expect(due.map((r) => r.kind)).toEqual(['dose']);
  });

  it('sets a damaged capacity row aside for review instead of stopping every round', async () => {
    clock.advance(2 * 60_000); // the next round is due
    await syncServiceOf(station.ctx)!.activeWorker!.tick();
    expect(station.ctx.db.prepare(`SELECT state FROM outbox WHERE kind = 'centre-release'`).get()).toEqual({ state: 'needs_review' });
    expect(openReviews(station.ctx.db).map((r) => r.kind)).toEqual(['unreadable']);
  });

  it('closes a session another station of the centre closed, at its next pull from the sync worker', async () => {
    const db = station.ctx.db;
    const session = db.prepare(`SELECT id FROM sessions WHERE date = ?`).get(D) as { id: string };
    await post(sim, sessionChangeToFhir({ centreId: 'heysel', sessionId: session.id, date: D, productCode: 'spikevax', start: '13:00', end: '14:00', slotMinutes: 20, capacityPerSlot: 2, active: false }));
    clock.advance(2 * 60 * 60_000); // the next pull is due
    expect((await station.dispatch('sync.now', {}, call)).ok).toBe(true);
    expect(db.prepare(`SELECT status FROM sessions WHERE id = ?`).get(session.id)).toEqual({ status: 'cancelled' });
  });
});
