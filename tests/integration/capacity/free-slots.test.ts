import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { applyCapacityAllocation } from '../../../src/main/station/capacity/capacity';
import { candidateSlots } from '../../../src/main/station/booking/appointments';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';

const temp = makeTempDir('dosedesk-free-slots-');
const clock = new ManualClock(localInstant('2021-03-20', '08:00'));
const st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true });
afterAll(() => {
  st.close();
  temp.cleanup();
});
ensureProducts(st.db, DEFAULT_PRODUCTS, clock.now());

const session = (id: string, date: string, start: string, end: string) => ({ id, date, productCode: 'comirnaty', start, end, slotMinutes: 30, capacityPerSlot: 4 });

describe('free slots a station may book', () => {
  // Written out of time order (later day first, afternoon before morning), so that neither the
  // order of insertion nor the order of ids gives the answer's order.
  applyCapacityAllocation(st.db, {
    id: 'a1',
    source: 'seed',
    issuedAt: '2021-03-20T07:00:00Z',
    centreId: 'test-centre',
    sessions: [session('a-late-day', '2021-03-23', '09:00', '10:00'), session('b-afternoon', '2021-03-22', '14:00', '15:00'), session('c-morning', '2021-03-22', '09:00', '10:00')],
    shares: [
      { sessionId: 'a-late-day', stationId: 'station-1', units: [2, 0] },
      { sessionId: 'b-afternoon', stationId: 'station-1', units: [1] },
      { sessionId: 'b-afternoon', stationId: 'station-2', units: [0, 2, 3] },
      { sessionId: 'c-morning', stationId: 'station-1', units: [3, 1] },
      { sessionId: 'c-morning', stationId: 'station-2', units: [0, 2] },
    ],
  });

  it('come one row a slot, in time order across days, with only this station\'s units', () => {
    const slots = candidateSlots(st.db, 'station-1', 'comirnaty', '2021-03-22', '2021-03-23');
    expect(slots.map((s) => [s.sessionId, s.start, s.freeOwnedUnits])).toEqual([
      ['c-morning', localInstant('2021-03-22', '09:00'), [1, 3]],
      ['c-morning', localInstant('2021-03-22', '09:30'), [1, 3]],
      ['b-afternoon', localInstant('2021-03-22', '14:00'), [1]],
      ['b-afternoon', localInstant('2021-03-22', '14:30'), [1]],
      ['a-late-day', localInstant('2021-03-23', '09:00'), [0, 2]],
      ['a-late-day', localInstant('2021-03-23', '09:30'), [0, 2]],
    ]);
    expect(candidateSlots(st.db, 'station-2', 'comirnaty', '2021-03-23', '2021-03-23')).toEqual([]);
  });
});
