import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { rebalanceConnected, type CapacityPeer } from '../../../src/main/station/capacity/rebalance';
import { releasedTransfers } from '../../../src/main/station/capacity/capacity';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre } from '../../support/booking/world';
import { openTestStation, stationApi, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const temp = makeTempDir('dosedesk-rebalance-');
const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
const stations = ['station-1', 'station-2', 'station-3'].map((id) => openTestStation({ dir: temp.dir, stationId: id, clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK }));
for (const st of stations) seedSmallCentre(st.db, clock, { from: '2021-03-28', days: 1, stations: ['station-1', 'station-2', 'station-3'], capacity: 6, products: ['comirnaty'] });
afterAll(() => {
  for (const st of stations) st.close();
  temp.cleanup();
});

/** A peer reached through the station's API, as over loopback HTTP; `down` makes it unreachable. */
function peer(st: TestStation, down: { accept?: boolean } = {}): CapacityPeer {
  const api = stationApi(st, 'supervisor');
  return {
    stationId: st.stationId,
    view: (range) => api.call('capacity.view', range),
    release: (transfers) => api.call('capacity.release', { transfers }),
    accept: async (records) => {
      if (down.accept) throw new Error('connection reset');
      return api.call('capacity.accept', { records });
    },
  };
}

const owned = (st: TestStation) => (st.db.prepare('SELECT COUNT(*) AS n FROM slot_units WHERE owner_station = ?').get(st.stationId) as { n: number }).n;

describe('rebalancing between connected stations', () => {
  it('drains a closing station into the others in two phases', async () => {
    const range = { from: '2021-03-01', to: '2021-04-30' };
    const before = stations.map(owned);
    expect(before).toEqual([4, 4, 4]);
    const r = await rebalanceConnected(stations.map((s) => peer(s)), range, { weights: { 'station-3': 0 } });
    expect(r.released).toHaveLength(4);
    expect(r.accepted).toBe(4);
    expect(stations.map(owned)).toEqual([6, 6, 0]);
    // Everyone agrees on every owner.
    const owners = (st: TestStation) => st.db.prepare('SELECT slot_id, unit, owner_station, epoch FROM slot_units ORDER BY slot_id, unit').all();
    expect(owners(stations[0]!)).toEqual(owners(stations[1]!));
    expect(owners(stations[1]!)).toEqual(owners(stations[2]!));
  });

  it('leaves units in flight, owned by nobody, when the receiver drops out after the release', async () => {
    const range = { from: '2021-03-01', to: '2021-04-30' };
    const r = await rebalanceConnected([peer(stations[0]!), peer(stations[2]!, { accept: true })], range);
    expect(r.released.length).toBeGreaterThan(0);
    expect(r.undelivered).toEqual(r.released);
    expect(owned(stations[0]!) + owned(stations[2]!)).toBe(6 - r.released.length);
    // Delivered later from the giver's own record.
    const later = releasedTransfers(stations[0]!.db, 'station-1');
    const result = await stationApi(stations[2]!, 'supervisor').call('capacity.accept', { records: later.filter((t) => t.to === 'station-3') });
    expect(result.accepted).toBe(r.released.length);
    expect(owned(stations[0]!) + owned(stations[2]!)).toBe(6);
  });
});
