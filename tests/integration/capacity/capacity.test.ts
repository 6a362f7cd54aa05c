import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { applyCapacityAllocation, releasedTransfers, releaseCapacity } from '../../../src/main/station/capacity/capacity';
import { slotsOfSession } from '../../../src/main/station/capacity/calendar';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation, stationApi, expectCode, NO_IDLE_LOCK } from '../../support/station';

const temp = makeTempDir('dosedesk-capacity-');
const clock = new ManualClock(localInstant('2021-03-20', '08:00'));
const st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
const sup = openTestStation({ dir: temp.dir, stationId: 'supervisor', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
afterAll(() => {
  st.close();
  sup.close();
  temp.cleanup();
});
ensureProducts(st.db, DEFAULT_PRODUCTS, clock.now());
ensureProducts(sup.db, DEFAULT_PRODUCTS, clock.now());

const session = { id: 'sess-dst', date: '2021-03-28', productCode: 'comirnaty', start: '01:00', end: '04:00', slotMinutes: 30, capacityPerSlot: 4 };

describe('capacity allocations from the backend or the supervisor', () => {
  it('creates the session with its real slots (the spring-forward night has two hours), and sets owners once', () => {
    const r = applyCapacityAllocation(st.db, {
      id: 'alloc-1',
      source: 'backend',
      issuedAt: '2021-03-20T07:00:00Z',
      centreId: 'test-centre',
      sessions: [session],
      shares: [
        { sessionId: 'sess-dst', stationId: 'station-1', units: [0, 1] },
        { sessionId: 'sess-dst', stationId: 'station-2', units: [2, 3, 9] },
      ],
    });
    expect(slotsOfSession(st.db, 'sess-dst')).toHaveLength(4);
    expect(r).toMatchObject({ alreadyApplied: false, sessionsCreated: 1, appliedUnits: 16, unchangedUnits: 0 });
    expect(r.conflicts.every((c) => c.problem === 'beyond_capacity' && c.unit === 9)).toBe(true);
    expect(r.conflicts).toHaveLength(4);
  });

  it('applies the same allocation once, and never moves a unit that is already owned', () => {
    const again = applyCapacityAllocation(st.db, { id: 'alloc-1', source: 'backend', issuedAt: '2021-03-20T07:00:00Z', centreId: 'test-centre', sessions: [], shares: [] });
    expect(again.alreadyApplied).toBe(true);
    const grab = applyCapacityAllocation(st.db, {
      id: 'alloc-2',
      source: 'backend',
      issuedAt: '2021-03-20T07:05:00Z',
      centreId: 'test-centre',
      sessions: [{ ...session, capacityPerSlot: 6 }],
      shares: [
        { sessionId: 'sess-dst', stationId: 'station-1', units: [2, 4] },
        { sessionId: 'sess-dst', slotStart: '2021-03-28T00:00:00.000Z', stationId: 'station-1', units: [5] },
        { sessionId: 'unknown', stationId: 'station-1', units: [0] },
      ],
    });
    // Unit 2 belongs to station-2: left alone. Units 4 (every slot) and 5 (first slot) are new capacity.
    expect(grab.appliedUnits).toBe(5);
    expect(grab.conflicts.filter((c) => c.problem === 'owned_elsewhere')).toHaveLength(4);
    expect(grab.conflicts.some((c) => c.problem === 'unknown_session')).toBe(true);
    const owners = st.db.prepare(`SELECT unit, owner_station FROM slot_units su JOIN slots s ON s.id = su.slot_id WHERE s.start_at = '2021-03-28T00:00:00.000Z' ORDER BY unit`).all();
    expect(owners).toEqual([
      { unit: 0, owner_station: 'station-1' },
      { unit: 1, owner_station: 'station-1' },
      { unit: 2, owner_station: 'station-2' },
      { unit: 3, owner_station: 'station-2' },
      { unit: 4, owner_station: 'station-1' },
      { unit: 5, owner_station: 'station-1' },
    ]);
  });

  it('keeps a record of committed releases to hand over again', () => {
    const slot = slotsOfSession(st.db, 'sess-dst')[1]!;
    const released = releaseCapacity(st.db, 'station-1', [{ slotId: slot.id, unit: 0, from: 'station-1', to: 'station-2' }, { slotId: slot.id, unit: 2, from: 'station-1', to: 'station-3' }], clock.now());
    expect(released.map((r) => [r.unit, r.epoch])).toEqual([[0, 1]]);
    expect(releasedTransfers(st.db, 'station-1')).toEqual(released);
  });

  it('lets the supervisor add a session and split it, then see the shares', async () => {
    const api = stationApi(sup, 'supervisor');
    const r = await api.call('capacity.addSession', { date: '2021-03-29', productCode: 'spikevax', start: '13:30', end: '15:00', slotMinutes: 15, capacityPerSlot: 10, stationIds: ['station-1', 'station-2', 'station-3'], weights: { 'station-3': 0 } });
    expect(r.summary).toMatchObject({ appliedUnits: 60, conflicts: 0 });
    const shares = await api.call('capacity.shares', { date: '2021-03-29' });
    expect(shares).toHaveLength(1);
    expect(shares[0]).toMatchObject({ productCode: 'spikevax', slots: 6, capacity: 60, unallocated: 0 });
    expect(shares[0]!.stations.map((s) => [s.stationId, s.units])).toEqual([
      ['station-1', 30],
      ['station-2', 30],
    ]);
    // The same allocation on a vaccinator station gives it the same shares.
    applyCapacityAllocation(st.db, r.allocation as never, clock.now());
    expect(await stationApi(st, 'supervisor').call('capacity.shares', { date: '2021-03-29' })).toEqual(shares);
    // Splitting again finds nothing left to split.
    const again = await api.call('capacity.split', { date: '2021-03-29', stationIds: ['station-1'] });
    expect(again.summary.appliedUnits).toBe(0);
    await expectCode(api.call('capacity.addSession', { date: '2021-03-29', productCode: 'spikevax', start: '15:00', end: '14:00', slotMinutes: 15, capacityPerSlot: 1, stationIds: ['x'] }), 'capacity.session_invalid');
  });

  it('changes an interval as configuration, with its history', async () => {
    const api = stationApi(sup, 'supervisor');
    const p = await api.call('products.configure', { code: 'vaxzevria', interval: { minDays: 28, targetDays: 56, maxDays: 84 }, reason: 'new federal advice', by: 'supervisor' });
    expect(p.interval).toEqual({ minDays: 28, targetDays: 56, maxDays: 84 });
    await expectCode(api.call('products.configure', { code: 'vaxzevria', interval: { minDays: 60, targetDays: 56, maxDays: 84 }, reason: 'typo test', by: 'supervisor' }), 'products.invalid');
    expect(sup.db.prepare(`SELECT COUNT(*) AS n FROM product_changes WHERE product_code = 'vaxzevria'`).get()).toEqual({ n: 1 });
    expect((await api.call('products.list', {})).find((x) => x.code === 'vaxzevria')!.interval!.targetDays).toBe(56);
  });
});
