import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import type { CapacityAllocation } from '../../../src/domain/booking/allocation';
import { ensureProducts } from '../../../src/main/station/products/products';
import { applyCapacityAllocation, applyCapacityAllocations, deferFreshUnits } from '../../../src/main/station/capacity/capacity';
import { makeTempDir } from '../../support/temp-dir';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { openTestStation } from '../../support/station';

const temp = makeTempDir('dosedesk-bulk-capacity-');
const clock = new ManualClock(localInstant('2021-03-20', '08:00'));
const one = openTestStation({ dir: temp.dir, stationId: 'one-by-one', clock, deferServices: true });
const bulk = openTestStation({ dir: temp.dir, stationId: 'bulk', clock, deferServices: true });
const held = openTestStation({ dir: temp.dir, stationId: 'held', clock, deferServices: true });
const reference = openTestStation({ dir: temp.dir, stationId: 'reference', clock, deferServices: true });
afterAll(() => {
  reference.close();
  one.close();
  bulk.close();
  held.close();
  temp.cleanup();
});
for (const s of [one, bulk, held, reference]) ensureProducts(s.db, DEFAULT_PRODUCTS, clock.now());

const session = (id: string, date: string, capacityPerSlot = 4) => ({ id, date, productCode: 'comirnaty', start: '09:00', end: '10:00', slotMinutes: 15, capacityPerSlot });
const allocation = (id: string, sessions: CapacityAllocation['sessions'], shares: CapacityAllocation['shares']): CapacityAllocation => ({
  id,
  source: 'seed',
  issuedAt: '2021-03-20T07:00:00Z',
  centreId: 'test-centre',
  sessions,
  shares,
});

/** New sessions given whole, a unit given twice, one beyond capacity, and a share of one slot. */
const ALLOCATIONS: CapacityAllocation[] = [
  allocation('a1', [session('s1', '2021-03-22')], [
    { sessionId: 's1', stationId: 'station-1', units: [0, 2] },
    { sessionId: 's1', stationId: 'station-2', units: [1, 3] },
  ]),
  allocation('a2', [session('s2', '2021-03-23')], [
    { sessionId: 's2', stationId: 'station-1', units: [0, 1] },
    { sessionId: 's2', stationId: 'station-2', units: [1, 2, 7] },
    { sessionId: 's2', slotStart: '2021-03-23T08:00:00.000Z', stationId: 'station-3', units: [3] },
  ]),
  allocation('a3', [session('s1', '2021-03-22', 6)], [{ sessionId: 's1', stationId: 'station-3', units: [0, 4, 5] }]),
];

const rows = (db: Db, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('applying many capacity allocations at once', () => {
  it('leaves the same sessions, slots, owners and results as applying them one at a time', () => {
    const separate = ALLOCATIONS.map((a) => applyCapacityAllocation(one.db, a, clock.now()));
    const together = applyCapacityAllocations(bulk.db, ALLOCATIONS, clock.now());
    expect(together).toEqual(separate);
    for (const table of ['sessions', 'slots', 'slot_units', 'capacity_allocations']) expect(rows(bulk.db, table)).toEqual(rows(one.db, table));
    // Unit 1 of s2 went to station-1 first: station-2's claim is a conflict in every slot, not an error.
    expect(together[1]!.conflicts.filter((c) => c.problem === 'owned_elsewhere' && c.unit === 1)).toHaveLength(4);
    expect(together[1]!.conflicts.filter((c) => c.problem === 'beyond_capacity')).toHaveLength(4);
    expect(together[2]!.appliedUnits).toBe(8);
  });

  it('gives the same owners and results with the new sessions\' units held back across batches, a unit-by-unit check giving them first', () => {
    const separate = ALLOCATIONS.map((a) => applyCapacityAllocation(reference.db, a, clock.now()));
    const results = held.db.transaction(() => {
      const units = deferFreshUnits(held.db);
      // a3 checks s1 (a new session of a1) unit by unit: s1's held units must be there to conflict with.
      const out = ALLOCATIONS.map((a) => applyCapacityAllocations(held.db, [a], clock.now())[0]!);
      units.give();
      return out;
    })();
    expect(results).toEqual(separate);
    for (const table of ['sessions', 'slots', 'slot_units', 'capacity_allocations']) expect(rows(held.db, table)).toEqual(rows(reference.db, table));
    expect(results[2]!.conflicts.filter((c) => c.problem === 'owned_elsewhere').length).toBeGreaterThan(0);
  });

  it('writes nothing when one allocation of the batch is refused', () => {
    const before = rows(bulk.db, 'slot_units').length;
    const bad = allocation('a5', [{ ...session('s5', '2021-03-25'), start: '11:00', end: '10:00' }], []);
    expect(() => applyCapacityAllocations(bulk.db, [allocation('a4', [session('s4', '2021-03-24')], [{ sessionId: 's4', stationId: 'station-1', units: [0] }]), bad], clock.now())).toThrow();
    expect(rows(bulk.db, 'slot_units')).toHaveLength(before);
    expect(bulk.db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = 's4'").get()).toEqual({ n: 0 });
  });
});
