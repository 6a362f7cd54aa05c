import type { Slot, Task } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { capacityUnitSystem, transferTaskSystem } from '../../../src/domain/fhir/systems';
import { unitSlotFromFhir } from '../../../src/domain/fhir/capacity';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import { openTestStation } from '../../support/station';
import { allocationSchedule, CentreWorld, post, type WorldStation } from './support';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

/**
 * Gap 3: three stations, each with its own SQLite file, rebalance free capacity through the
 * stand-in (never talking to each other). Station-1 runs out of units for the dose-2 day while
 * station-2 has plenty; each station reaches the backend through its own proxy, cut for partitions.
 */
const TODAY = '2026-03-02';
const D = addDays(TODAY, 21);
const MIN = 60_000;
let world: CentreWorld;
let A: WorldStation;
let B: WorldStation;
let C: WorldStation;

async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await world.roundAll();
}

const tasksAtBackend = () => A.client.search<Task>('Task', { identifier: `${transferTaskSystem('heysel')}|` });
const unitSlots = async () => (await B.client.search<Slot>('Slot', { identifier: `${capacityUnitSystem('heysel')}|` })).map((s) => unitSlotFromFhir(s, 'heysel')!);
/** A round of the two stations that may give (whichever the plan chose), summed. */
async function givers() {
  const [b, c] = [await world.round(B), await world.round(C)];
  return { released: b.released + c.released, sent: b.sent + c.sent, reclaimed: b.reclaimed + c.reclaimed };
}
const totalClaims = () => [...world.claims().values()].reduce((n, who) => n + who.length, 0);

beforeAll(async () => {
  world = await CentreWorld.start({
    stationIds: ['station-1', 'station-2', 'station-3'],
    start: localInstant(TODAY, '09:00'),
    options: { horizonDays: 30, roundEveryMs: MIN, freshMs: 5 * MIN, taskTtlMs: 15 * MIN, reclaimAfterMs: 30 * MIN, leadMs: 15 * MIN },
  });
  [A, B, C] = world.stations as [WorldStation, WorldStation, WorldStation];
  // Two slots of 6: station-1 owns one unit of each, station-2 four, station-3 one.
  await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', session: { slotMinutes: 30, capacityPerSlot: 6 }, share: { stationId: 'station-1', units: [0] } }));
  await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', share: { stationId: 'station-2', units: [1, 2, 3, 4] } }));
  await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '10:00', share: { stationId: 'station-3', units: [5] } }));
  for (const st of world.stations) await world.pull(st);
  await settle(1);
});
afterAll(() => world.close());

describe('rebalancing through the backend', () => {
  it('moves free units to the station that ran out, once it asked while connected', async () => {
    expect([A, B, C].map((s) => world.ownedBy(s))).toEqual([2, 8, 2]);
    expect([world.vaccinate(A).kind, world.vaccinate(A).kind, world.vaccinate(A).kind]).toEqual(['booked', 'booked', 'to_be_booked']);
    await settle(1); // publishes station-1's empty day
    const planned = await world.round(C, { plan: true });
    expect(planned.plan).toEqual({ stations: ['station-1', 'station-2', 'station-3'], notConnected: [], transfers: 4, tasks: 1 });
    // Planning again before the giver answered counts the units under way: no second request.
    expect((await world.round(A, { plan: true })).plan).toMatchObject({ transfers: 0, tasks: 0 });
    expect(await tasksAtBackend()).toHaveLength(1);
    await settle(2);
    expect([A, B, C].map((s) => world.ownedBy(s))).toEqual([6, 4, 2]);
    expect(world.vaccinate(A).kind).toBe('booked');
    world.checkSafety();
    const [task] = await tasksAtBackend();
    expect(task).toMatchObject({ status: 'completed', statusReason: { text: 'all units released' } });
    const slots = await unitSlots();
    expect(slots).toHaveLength(4);
    expect(slots.every((s) => s.holder === 'station-1' && s.taken && s.epoch === 1 && s.move.from === 'station-2')).toBe(true);
    // Nothing left to do: another plan asks for nothing, and nothing is published again.
    await settle(1); // station-1 publishes its last booking
    world.clock.advance(MIN);
    expect((await world.round(C, { plan: true })).plan!.transfers).toBe(0);
    expect((await world.roundAll()).map((r) => r.views)).toEqual([0, 0, 0]);
    await world.expectBackendAgrees();
  });

  it('moves nothing to or from a station cut off from the backend, and overbooks nothing', async () => {
    while (world.vaccinate(A).kind === 'booked');
    const before = [A, B, C].map((s) => world.ownedBy(s));
    A.proxy.cut();
    await expect(world.round(A)).rejects.toThrow();
    world.clock.advance(6 * MIN); // station-1's heartbeat is now older than freshMs
    await settle(1);
    const planned = await world.round(B, { plan: true });
    expect(planned.plan).toMatchObject({ stations: ['station-2', 'station-3'], notConnected: ['station-1'] });
    await settle(2);
    expect([A, B, C].map((s) => world.ownedBy(s))).toEqual(before);
    expect(world.vaccinate(A).kind).toBe('to_be_booked');
    world.checkSafety();
    // Connected again: station-1 gets its share at the next plan.
    A.proxy.heal();
    await settle(1);
    expect((await world.round(B, { plan: true })).plan!.stations).toEqual(['station-1', 'station-2', 'station-3']);
    await settle(2);
    expect(world.ownedBy(A)).toBeGreaterThan(before[0]!);
    expect(world.vaccinate(A).kind).toBe('booked');
    world.checkSafety();
  });

  it('reclaims units released to a station that was cut off before it took them, and the station never takes them after', async () => {
    while (world.vaccinate(A).kind === 'booked');
    await settle(1);
    const units = totalClaims();
    expect((await world.round(C, { plan: true })).plan!.tasks).toBeGreaterThan(0);
    A.proxy.cut();
    const released = await givers();
    expect(released.released).toBeGreaterThan(0);
    expect(released.sent).toBe(released.released);
    // In flight: owned by nobody.
    expect(totalClaims()).toBe(units - released.released);
    world.checkSafety();
    world.clock.advance(31 * MIN);
    const reclaimed = await givers();
    expect(reclaimed.reclaimed).toBe(released.released);
    expect(totalClaims()).toBe(units);
    A.proxy.heal();
    const late = await world.round(A);
    expect(late.received).toBe(0);
    expect(world.vaccinate(A).kind).toBe('to_be_booked');
    world.checkSafety();
    const reclaimedRows = [B, C].map((st) => (st.db.prepare(`SELECT COUNT(*) AS n FROM centre_sync_release WHERE state = 'reclaimed'`).get() as { n: number }).n);
    expect(reclaimedRows[0]! + reclaimedRows[1]!).toBe(released.released);
  });

  it('lets exactly one of the receiver and the reclaiming giver have a unit when both try at once', async () => {
    await settle(1);
    expect((await world.round(C, { plan: true })).plan!.tasks).toBeGreaterThan(0);
    A.proxy.cut();
    const released = await givers();
    expect(released.released).toBeGreaterThan(0);
    A.proxy.heal();
    world.clock.advance(31 * MIN);
    const units = totalClaims() + released.released;
    await Promise.all([world.round(A), world.round(B), world.round(C)]);
    await settle(2);
    expect(totalClaims()).toBe(units);
    world.checkSafety();
    for (const st of [B, C]) expect(st.db.prepare(`SELECT state FROM centre_sync_release WHERE state IN ('pending', 'sent')`).all()).toEqual([]);
    await world.expectBackendAgrees();
  });

  it('survives answers lost after the backend committed: nothing twice, nothing lost', async () => {
    while (world.vaccinate(A).kind === 'booked');
    world.sim.setFaults({ dropAfterCommitRate: 0.5, seed: 7 });
    const units = totalClaims();
    for (let i = 0; i < 12; i++) {
      world.clock.advance(MIN);
      for (const st of world.stations) await world.round(st, { plan: st === C }).catch(() => undefined);
      world.checkSafety();
    }
    world.sim.setFaults({});
    world.clock.advance(31 * MIN);
    await settle(4);
    world.clock.advance(31 * MIN);
    await settle(3);
    expect(totalClaims()).toBe(units);
    world.checkSafety();
    expect(world.sim.stats().duplicates).toBe(0);
    await world.expectBackendAgrees();
    expect(world.sim.stats().faults.dropped).toBeGreaterThan(0);
  });

  it('finishes after a crash between the backend giving a unit to the receiver and the receiver recording it', async () => {
    // New capacity the day after, all station-2's: station-1 (which has none left) gets a share.
    await post(world.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: addDays(D, 1), start: '09:00', end: '10:00', session: { slotMinutes: 30, capacityPerSlot: 4 }, share: { stationId: 'station-2', units: [0, 1, 2, 3] } }));
    for (const st of world.stations) await world.pull(st);
    world.clock.advance(MIN);
    while (world.vaccinate(A).kind === 'booked');
    await settle(1);
    expect((await world.round(C, { plan: true })).plan!.tasks).toBeGreaterThan(0);
    const released = await givers();
    expect(released.sent).toBeGreaterThan(0);
    const claims = totalClaims();
    // The backend commits station-1's take, then holds the answer: the station dies meanwhile.
    world.sim.setFaults({ holdResponseMs: 400 });
    const held = world.sim.stats().faults.held;
    const dying = world.round(A);
    for (let i = 0; i < 200 && world.sim.stats().faults.held === held; i++) await new Promise((r) => setTimeout(r, 10));
    expect(world.sim.stats().faults.held).toBe(held + 1);
    A.close();
    await expect(dying).rejects.toThrow();
    world.sim.setFaults({});
    Object.assign(A, openTestStation({ dir: dirname(A.dataDir), stationId: 'station-1', clock: world.clock, centreId: 'heysel', deferServices: true }));
    // The backend says these units are station-1's; station-1 does not know yet, so nobody books them.
    const ownerOf = (slotId: string, unit: number) => (A.db.prepare('SELECT owner_station FROM slot_units WHERE slot_id = ? AND unit = ?').get(slotId, unit) as { owner_station: string }).owner_station;
    const pending = (await unitSlots()).filter((u) => u.holder === 'station-1' && u.taken && ownerOf(u.slotId, u.unit) !== 'station-1');
    expect(pending.length).toBeGreaterThan(0);
    expect(totalClaims()).toBe(claims);
    const after = await world.round(A);
    expect(after.received).toBe(pending.length);
    expect(after.taken).toBe(0); // nothing to take again: it was taken before the crash
    expect(totalClaims()).toBe(claims + pending.length);
    world.checkSafety();
    await world.expectBackendAgrees();
  });

  it('is what capacity.rebalance does on a station connected to the backend', async () => {
    world.clock.advance(MIN);
    await settle(1);
    // Roles off: the refusals of capacity.rebalance offline or unconfigured are under test.
    const desk = openTestStation({ enforceRoles: false, clock: world.clock, settings: { centreId: 'heysel', stationId: 'desk', federalUrl: world.sim.url } });
    try {
      await syncServiceOf(desk.ctx)!.settled();
      const env = await desk.dispatch('capacity.rebalance', {}, { language: 'en', transport: 'http' });
      expect(env).toMatchObject({ ok: true, result: { stations: ['station-1', 'station-2', 'station-3'], notConnected: [] } });
      world.sim.setFaults({ down: true });
      const down = await desk.dispatch('capacity.rebalance', {}, { language: 'nl', transport: 'http' });
      expect(down).toMatchObject({ ok: false, error: { code: 'capacity.rebalance_offline', message: expect.stringContaining('niet bereikbaar') } });
    } finally {
      world.sim.setFaults({});
      await syncServiceOf(desk.ctx)?.close();
      desk.cleanup();
    }
    // Roles off: the refusals of capacity.rebalance offline or unconfigured are under test.
    const plain = openTestStation({ enforceRoles: false, settings: { centreId: 'heysel' } });
    try {
      expect(await plain.dispatch('capacity.rebalance', {}, { language: 'en', transport: 'http' })).toMatchObject({ ok: false, error: { code: 'sync.not_configured' } });
    } finally {
      plain.cleanup();
    }
  });
});
