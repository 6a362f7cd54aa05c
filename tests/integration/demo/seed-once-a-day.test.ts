import { afterAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre, SEEDED_KEY } from '../../../src/main/station/demo/seed-demo';
import { readMeta } from '../../../src/main/station/shell/station-meta-store';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';

// Counts the per-day calendar work of the seed, without changing what it does.
const allocations = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/main/station/capacity/capacity', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/main/station/capacity/capacity')>();
  return {
    ...original,
    applyCapacityAllocations: (...args: Parameters<typeof original.applyCapacityAllocations>) => {
      allocations.count += args[1].length;
      return original.applyCapacityAllocations(...args);
    },
  };
});

const temp = makeTempDir('dosedesk-demo-once-');
afterAll(() => temp.cleanup());

describe('demo seeding at every host start', () => {
  const clock = new ManualClock(localInstant('2026-11-16', '08:00'));
  const s1 = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true });
  afterAll(() => s1.close());

  it('walks the calendar once a day: a restart the same day reads one mark and stops', () => {
    seedDemoCentre(s1.db, clock, 'station-1');
    const firstDay = allocations.count;
    expect(firstDay).toBeGreaterThan(90);
    expect(readMeta(s1.db, SEEDED_KEY)).toBe('demo-centre:2026-11-16:120:15:24');

    clock.advance(3 * 60 * 60_000); // the host restarted at 11:00
    expect(seedDemoCentre(s1.db, clock, 'station-1')).toEqual({ productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 });
    expect(allocations.count).toBe(firstDay);

    clock.advance(24 * 60 * 60_000); // the next morning: the calendar grows by the new day
    const nextDay = seedDemoCentre(s1.db, clock, 'station-1');
    expect(allocations.count).toBeGreaterThan(firstDay);
    expect(nextDay.sessionsCreated).toBeGreaterThan(0);
    expect(readMeta(s1.db, SEEDED_KEY)).toBe('demo-centre:2026-11-17:120:15:24');
  });
});
