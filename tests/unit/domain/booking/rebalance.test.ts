import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion, initialSplit, planRebalance, type StationCapacityView } from '../../../../src/domain/booking/rebalance';

describe('capacity escrow planning', () => {
  it('splits capacity evenly and interleaved, and by weight', () => {
    const split = initialSplit(8, ['a', 'b', 'c', 'd']);
    expect([...split.entries()]).toEqual([
      [0, 'a'], [1, 'b'], [2, 'c'], [3, 'd'], [4, 'a'], [5, 'b'], [6, 'c'], [7, 'd'],
    ]);
    const weighted = initialSplit(6, ['a', 'b'], { a: 2, b: 1 });
    expect([...weighted.values()].filter((s) => s === 'a')).toHaveLength(4);
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(5, [0, 1])).toEqual([0, 5]);
  });

  it('moves free units from a station with many to one with none, never booked ones', () => {
    const views: StationCapacityView[] = [
      { stationId: 's1', slots: [{ slotId: 'x', owned: [0, 1, 2, 3], booked: [0] }] },
      { stationId: 's2', slots: [{ slotId: 'x', owned: [4, 5], booked: [4, 5] }] },
    ];
    const transfers = planRebalance(views);
    expect(transfers.every((t) => t.from === 's1' && t.to === 's2')).toBe(true);
    expect(transfers.map((t) => t.unit).sort()).toEqual([3]);
    // 3 free units: s1 keeps 2, s2 gets 1 (s1 sorts first and takes the remainder).
  });

  it('drains a station whose weight is zero', () => {
    const views: StationCapacityView[] = [
      { stationId: 's1', slots: [{ slotId: 'x', owned: [0, 1], booked: [1] }] },
      { stationId: 's2', slots: [{ slotId: 'x', owned: [2, 3], booked: [] }] },
    ];
    const transfers = planRebalance(views, { weights: { s1: 0 } });
    expect(transfers).toEqual([{ slotId: 'x', unit: 0, from: 's1', to: 's2' }]);
  });

  it('property: transfers only move units free at their giver, once each, and even out the free units', () => {
    const arbViews = fc
      .tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 3 }))
      .chain(([n, slots]) =>
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.boolean()), { minLength: 0, maxLength: 12 }), { minLength: slots, maxLength: slots }).map((perSlot) => {
          const views: StationCapacityView[] = Array.from({ length: n }, (_, i) => ({ stationId: `s${i}`, slots: [] }));
          perSlot.forEach((units, si) => {
            units.forEach(([owner, booked], unit) => {
              const view = views[owner]!;
              let s = view.slots.find((x) => x.slotId === `slot${si}`);
              if (!s) view.slots.push((s = { slotId: `slot${si}`, owned: [], booked: [] }));
              s.owned.push(unit);
              if (booked) s.booked.push(unit);
            });
          });
          return views;
        }),
      );
    fc.assert(
      fc.property(arbViews, (views) => {
        const transfers = planRebalance(views);
        const seen = new Set<string>();
        for (const t of transfers) {
          const key = `${t.slotId}/${t.unit}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          const giver = views.find((v) => v.stationId === t.from)!.slots.find((s) => s.slotId === t.slotId)!;
          expect(giver.owned).toContain(t.unit);
          expect(giver.booked).not.toContain(t.unit);
          expect(t.to).not.toBe(t.from);
        }
        // After the moves, free units per slot differ by at most one between stations.
        const slotIds = new Set(views.flatMap((v) => v.slots.map((s) => s.slotId)));
        for (const slotId of slotIds) {
          const free = views.map((v) => {
            const s = v.slots.find((x) => x.slotId === slotId);
            const own = s ? s.owned.filter((u) => !s.booked.includes(u)).length : 0;
            return own - transfers.filter((t) => t.slotId === slotId && t.from === v.stationId).length + transfers.filter((t) => t.slotId === slotId && t.to === v.stationId).length;
          });
          expect(Math.max(...free) - Math.min(...free)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
