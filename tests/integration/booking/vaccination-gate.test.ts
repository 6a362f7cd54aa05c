import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { openTestStation, stationApi, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
const temp = makeTempDir('dosedesk-gate-');
let station: TestStation;
let lots: Record<string, string>;

beforeAll(() => {
  station = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lots = seedSmallCentre(station.db, clock, { from: '2021-03-07', days: 40, stations: ['station-1'], capacity: 4 }).lots;
});
afterAll(() => {
  station.close();
  temp.cleanup();
});

describe('check-in tells the vaccinator screen whether a dose can be recorded now', () => {
  it('needs the eID for a typed number never seen here, lets the chip’s names through, then stops after today’s dose; undo only for a new confirmation', async () => {
    const api = stationApi(station, 'vaccinator');
    const ssin = testSsin(41);
    const typed = await api.call('checkin.scan', { text: ssin, source: 'typed', language: 'nl' });
    expect(typed.vaccination).toMatchObject({ allowed: false, namesNeeded: true });

    const chip = { familyName: 'Dubois', givenNames: 'Léa', birthDate: null, sex: 'F' as const, validityEnd: '2030-01-01' };
    const read = await api.call('checkin.scan', { text: ssin, source: 'chip', language: 'fr', chip });
    expect(read.vaccination).toMatchObject({ allowed: true, namesNeeded: false, blockedBy: [] });

    const dose = {
      ssin,
      person: { familyName: 'Dubois', givenNames: 'Léa', birthDate: null, sex: 'F' as const, language: 'fr' as const },
      lotId: lots.spikevax!,
      vaccinator: { nihdi: '10000000001', name: 'An Peeters' },
      print: false,
    };
    // A new confirmation can be undone from the desk for the station's window; a repeated one has nothing to undo.
    expect(await api.call('booking.administer', dose)).toMatchObject({ alreadyRecorded: false, undoSeconds: 60 });
    expect(await api.call('booking.administer', dose)).toMatchObject({ alreadyRecorded: true, undoSeconds: 0 });
    const after = await api.call('checkin.scan', { text: ssin, source: 'typed', language: 'fr' });
    expect(after.vaccination).toEqual({ allowed: false, blockedBy: ['dose_today'], namesNeeded: false, products: ['spikevax'] });
    expect(after.warnings.map((w) => w.code)).toContain('dose_today');

    clock.advance(10 * 24 * 3600_000);
    const early = await api.call('checkin.scan', { text: ssin, source: 'typed', language: 'fr' });
    expect(early.vaccination).toMatchObject({ allowed: false, blockedBy: ['too_early'], products: ['spikevax'] });
  });
});
