import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant, partOfDayOf } from '../../../src/domain/time/local-time';
import { makeTempDir } from '../../support/temp-dir';
import { addTestCitizen, seedSmallCentre, testSsin } from '../../support/booking/world';
import { openTestStation, stationApi, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const temp = makeTempDir('dosedesk-preference-gap-');
const clock = new ManualClock(localInstant('2021-03-08', '09:10'));
let st: TestStation;
let lots: Record<string, string>;

beforeAll(() => {
  st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  // Mornings only (09:00-10:00): the product has no afternoon or evening at this centre.
  lots = seedSmallCentre(st.db, clock, { from: '2021-03-08', days: 60, stations: ['station-1'], capacity: 2 }).lots;
});
afterAll(() => {
  st.close();
  temp.cleanup();
});

describe('a part-of-day preference nothing fits', () => {
  it('says which parts of the day still have a free place in the window, and the first one', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(31);
    addTestCitizen(st.db, ssin, clock.now(), 'nl');
    const given = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
    if (given.next.kind !== 'booked') throw new Error('not booked');

    const afternoon = await api.call('booking.proposeSlots', { ssin, preference: { partsOfDay: ['afternoon', 'evening'] }, limit: 5 });
    expect(afternoon.slots).toEqual([]);
    expect(afternoon.gap?.partsWithFreePlaces).toEqual(['morning']);
    expect(afternoon.gap?.firstFree).not.toBeNull();
    expect(partOfDayOf(afternoon.gap!.firstFree!)).toBe('morning');
    expect(afternoon.gap!.firstFree! >= `${afternoon.window.earliestDate}`).toBe(true);

    // A preference that fits gets its slots and no gap; no preference, no gap either.
    const morning = await api.call('booking.proposeSlots', { ssin, preference: { partsOfDay: ['morning'] }, limit: 5 });
    expect(morning.slots.length).toBeGreaterThan(0);
    expect(morning.gap).toBeUndefined();
    expect((await api.call('booking.proposeSlots', { ssin, limit: 5 })).gap).toBeUndefined();
  });
});
