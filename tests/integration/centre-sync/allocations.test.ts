import type { Schedule } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { capacityAllocations } from '../../../src/main/station/sync/pulled-store';
import { openReviews } from '../../../src/main/station/sync/review-store';
import { releaseCapacity } from '../../../src/main/station/capacity/capacity';
import { allocationSchedule, CentreWorld, post } from './support';
import { openTestStation } from '../../support/station';

/**
 * Gap 1: capacity the federal backend allocates (Schedules at the stand-in) is pulled by sync and
 * applied to the booking tables: the station books in it; a conflicting allocation goes to review.
 */
const TODAY = '2026-03-02';
const D = addDays(TODAY, 21); // the dose-2 day of Comirnaty given today
let world: CentreWorld;
let sessionSchedule: Schedule;

const unitsOf = (world: CentreWorld, stationId: string) =>
  (world.station('station-1').db.prepare(`SELECT unit FROM slot_units WHERE owner_station = ? ORDER BY slot_id, unit`).all(stationId) as { unit: number }[]).map((r) => r.unit);

beforeAll(async () => {
  world = await CentreWorld.start({ stationIds: ['station-1'], start: localInstant(TODAY, '09:00') });
  // The session with station-1's share in one Schedule, station-2's share in another.
  sessionSchedule = await post(
    world.sim,
    allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', session: { slotMinutes: 30, capacityPerSlot: 3 }, share: { stationId: 'station-1', units: [0, 1] } }),
  );
  await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', share: { stationId: 'station-2', units: [2] } }));
  // A number of doses only (no session, no units): information, not an allocation.
  await post(world.sim, { ...allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '12:00' }), extension: [{ url: 'urn:dosedesk:fhir:capacity', valueUnsignedInt: 500 }] });
  // Another centre's allocation is not ours.
  await post(world.sim, allocationSchedule({ centreId: 'antwerp-expo', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', session: { slotMinutes: 30, capacityPerSlot: 3 }, share: { stationId: 'station-1', units: [0, 1, 2] } }));
});
afterAll(() => world.close());

describe('capacity allocated by the federal backend', () => {
  it('is pulled for the coming weeks and applied: the station books dose 2 in it', async () => {
    const st = world.station('station-1');
    expect(world.vaccinate(st).kind).toBe('to_be_booked'); // nothing allocated yet
    const report = await world.pull(st);
    expect(report.allocations).toMatchObject({ applied: 2, units: 6, conflicts: 0, problems: 0 });
    expect(capacityAllocations(st.db, D).length).toBe(3);
    expect(unitsOf(world, 'station-1')).toEqual([0, 1, 0, 1]);
    expect(unitsOf(world, 'station-2')).toEqual([2, 2]);
    const booked = [1, 2, 3, 4].map(() => world.vaccinate(st));
    expect(booked.map((b) => b.kind)).toEqual(['booked', 'booked', 'booked', 'booked']);
    expect(world.vaccinate(st).kind).toBe('to_be_booked'); // its 4 units are used; station-2's are not its own
    world.checkSafety();
    // Pulling again applies nothing twice.
    expect((await world.pull(st)).allocations).toMatchObject({ applied: 0, units: 0, conflicts: 0 });
    expect(openReviews(st.db)).toEqual([]);
  });

  it('sends an allocation of units another station already owns to review, and moves nothing', async () => {
    const st = world.station('station-1');
    await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '09:30', share: { stationId: 'station-2', units: [1, 2] } }));
    const report = await world.pull(st);
    expect(report.allocations).toMatchObject({ applied: 1, units: 0, conflicts: 1 });
    expect(unitsOf(world, 'station-1')).toEqual([0, 1, 0, 1]);
    const reviews = openReviews(st.db);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ kind: 'capacity_conflict', recordType: 'capacity', personKey: 'capacity:heysel', outboxId: null });
    expect(reviews[0]!.personLabel).toContain(`comirnaty ${D} 09:00-09:30`);
    expect(reviews[0]!.reason).toContain('already owned by station-1 (given to station-2)');
    // Seen again at the next pull: not added twice.
    await world.pull(st);
    expect(openReviews(st.db)).toHaveLength(1);
  });

  it('does not call a unit that moved between stations a conflict when the backend re-issues its allocation', async () => {
    const st = world.station('station-1');
    // Give station-1 a new session, then let it hand one unit over, then the backend re-issues the allocation.
    const extra = await post(
      world.sim,
      allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '11:00', end: '11:30', session: { slotMinutes: 30, capacityPerSlot: 2 }, share: { stationId: 'station-1', units: [0, 1] } }),
    );
    await world.pull(st);
    const extraSlot = st.db.prepare(`SELECT id FROM slots WHERE local_date = ? AND start_at = ?`).get(D, localInstant(D, '11:00')) as { id: string };
    expect(releaseCapacity(st.db, 'station-1', [{ slotId: extraSlot.id, unit: 1, from: 'station-1', to: 'station-2' }], world.clock.now())).toHaveLength(1);
    const res = await fetch(`${world.sim.url}/Schedule/${extra.id}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify({ ...extra, comment: 're-issued' }) });
    expect(res.status).toBe(200);
    const report = await world.pull(st);
    expect(report.allocations).toMatchObject({ applied: 1, conflicts: 0 });
    expect(openReviews(st.db)).toHaveLength(1); // still only the earlier conflict
  });

  it('adds a built-in product the station lacks, and reports a share of a session it does not know', async () => {
    // A fresh station: no products configured, no calendar.
    const fresh = openTestStation({ dir: dirname(world.stations[0]!.dataDir), stationId: 'station-9', clock: world.clock, centreId: 'heysel', deferServices: true });
    try {
      await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'spikevax', date: D, start: '14:00', end: '15:00', share: { stationId: 'station-9', units: [0] } }));
      const report = await world.pull(Object.assign(fresh, { client: world.stations[0]!.client, proxy: world.stations[0]!.proxy, lotId: '' }));
      expect(report.allocations.applied).toBeGreaterThanOrEqual(3);
      expect(fresh.db.prepare(`SELECT code FROM vaccine_products`).all()).toEqual([{ code: 'comirnaty' }]);
      expect(report.allocations.problems).toBe(1);
      const problem = openReviews(fresh.db).find((r) => r.reason.includes('does not know'));
      expect(problem).toMatchObject({ kind: 'capacity_conflict' });
      expect(problem!.reason).toContain(`spikevax session on ${D} 14:00-15:00`);
    } finally {
      fresh.close();
    }
  });

  it('keeps the schedule search to this centre', () => {
    const st = world.station('station-1');
    expect(capacityAllocations(st.db, D).every((c) => c.centreId === 'heysel')).toBe(true);
    expect(sessionSchedule.id).toBeTruthy();
  });
});
