import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import { localInstant } from '../../../../src/domain/time/local-time';
import { translate } from '../../../../src/shared/i18n/translate';
import { makeTempDir } from '../../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../../support/booking/world';
import { openTestStation, NO_IDLE_LOCK, signedInCall, type TestStation } from '../../../support/station';

/**
 * A full disk, simulated with SQLite's max_page_count on the station's connection (the database
 * may not grow past it, exactly as when the file system has no room left): an administer that
 * hits SQLITE_FULL is refused as db.full in the caller's language, leaves no dose without its
 * outbox row and print job, and works again once there is room.
 */
const temp = makeTempDir('dosedesk-full-disk-');
const clock = new ManualClock(localInstant('2021-03-07', '10:00'));
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
let station: TestStation;
let lotId = '';

beforeAll(() => {
  station = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lotId = seedSmallCentre(station.db, clock, { from: '2021-03-07', days: 60, stations: ['station-1'], capacity: 40, products: ['comirnaty'] }).lots.comirnaty!;
});
afterAll(() => {
  station.close();
  temp.cleanup();
});

function invariants(): { doses: number; outbox: number } {
  const db = station.db;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const doses = db.prepare('SELECT id FROM dose_records').all() as { id: string }[];
  for (const d of doses) {
    expect((db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'dose' AND record_id = ?`).get(d.id) as { n: number }).n, `outbox of ${d.id}`).toBe(1);
    expect((db.prepare('SELECT COUNT(*) AS n FROM print_job WHERE record_id = ?').get(d.id) as { n: number }).n, `print job of ${d.id}`).toBe(1);
  }
  const orphans = db.prepare(`SELECT COUNT(*) AS n FROM outbox o WHERE o.kind = 'dose' AND NOT EXISTS (SELECT 1 FROM dose_records d WHERE d.id = o.record_id)`).get() as { n: number };
  expect(orphans.n).toBe(0);
  return { doses: doses.length, outbox: (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n };
}

describe('adversarial storage: a full disk', () => {
  it('refuses an administer that finds no room with db.full, keeps nothing half-written, and works again when room is back', async () => {
    const booth = signedInCall(station, 'vaccinator', { language: 'nl', nihdi: vaccinator.nihdi, displayName: vaccinator.name });
    const administer = (i: number) =>
      station.dispatch('booking.administer', { ssin: testSsin(i), person: { familyName: `Vol ${i}`, givenNames: 'Zoë', birthDate: null, sex: null, language: 'nl' }, lotId, vaccinator }, booth);
    const db = station.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const acknowledged: string[] = [];
    let full = 0;
    let i = 1;
    for (; i <= 300 && full === 0; i++) {
      clock.advance(60_000);
      const envelope = await administer(i);
      if (envelope.ok) acknowledged.push((envelope.result as { dose: { id: string } }).dose.id);
      else {
        expect(envelope.error.code).toBe('db.full');
        expect(envelope.error.message).toBe(translate('nl', 'error.db.full'));
        full = i;
      }
    }
    expect(full, 'the disk never filled up').toBeGreaterThan(0);
    const atFull = invariants();
    expect(atFull.doses).toBe(acknowledged.length);
    expect((db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE ssin = ?').get(testSsin(full)) as { n: number }).n).toBe(0);

    // Still full: refused again, still nothing half-written.
    const again = await administer(full);
    expect(again.ok ? 'ok' : again.error.code).toBe('db.full');
    expect(invariants()).toEqual(atFull);

    // Room is back: the same person is recorded once, with its outbox row and card.
    db.pragma('max_page_count = 1073741823');
    const back = await administer(full);
    expect(back.ok).toBe(true);
    const after = invariants();
    expect(after.doses).toBe(acknowledged.length + 1);
    const ids = new Set((db.prepare('SELECT id FROM dose_records').all() as { id: string }[]).map((r) => r.id));
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    console.log(`adversarial storage: disk full after ${acknowledged.length} doses, 2 administers refused with db.full, 0 half-written, recorded again when room was back`);
  }, 120_000);
});
