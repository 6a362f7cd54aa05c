import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre, DEMO_STATIONS } from '../../../src/main/station/demo/seed-demo';
import { DEMO_PEOPLE, demoInvitationCode, demoSsin } from '../../../src/main/station/demo/demo-people';
import { parseSsin } from '../../../src/domain/identity/ssin';
import { makeTempDir } from '../../support/temp-dir';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { openTestStation, stationApi, NO_IDLE_LOCK } from '../../support/station';

const temp = makeTempDir('dosedesk-demo-');
afterAll(() => temp.cleanup());

const TABLES = ['vaccine_products', 'product_gtins', 'lots', 'citizens', 'invitations', 'centre_days', 'sessions', 'slots', 'slot_units', 'capacity_allocations', 'dose_records', 'station_meta'];

/** A fingerprint of the centre's configuration, without the station-generated ids. */
function fingerprint(db: Db, tables = TABLES, withTimes = true): Record<string, string> {
  const out: Record<string, string> = {};
  const stationLocal = (t: string, k: string) =>
    (t === 'citizens' && k === 'id') || (t === 'invitations' && k === 'citizen_id') || (t === 'lots' && k === 'id') || (t === 'dose_records' && (k === 'citizen_id' || k === 'lot_id')) || (!withTimes && (k === 'created_at' || k === 'updated_at'));
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
    const normal = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !stationLocal(t, k)))).sort();
    out[t] = createHash('sha256').update(normal.join('\n')).digest('hex').slice(0, 16) + `:${rows.length}`;
  }
  return out;
}

describe('demo centre seeding', () => {
  const clock = new ManualClock(localInstant('2026-11-16', '08:00'));
  const s1 = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  const s2 = openTestStation({ dir: temp.dir, stationId: 'station-2', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  afterAll(() => {
    s1.close();
    s2.close();
  });

  it('creates products, ~120 days of sessions with shares for four stations, and 22 invited citizens', () => {
    const summary = seedDemoCentre(s1.db, clock, 'station-1');
    expect(summary.productsAdded).toBe(4);
    expect(summary.citizens).toBe(22);
    expect(summary.sessionsCreated).toBeGreaterThan(300);
    const owners = s1.db.prepare('SELECT owner_station, COUNT(*) AS n FROM slot_units GROUP BY owner_station ORDER BY owner_station').all() as { owner_station: string; n: number }[];
    expect(owners.map((o) => o.owner_station)).toEqual([...DEMO_STATIONS]);
    expect(new Set(owners.map((o) => o.n)).size).toBe(1);
    const last = s1.db.prepare('SELECT MAX(date) AS d FROM sessions').get() as { d: string };
    expect(last.d >= '2027-03-10').toBe(true);
    const names = (s1.db.prepare('SELECT family_name, given_names FROM citizens').all() as { family_name: string; given_names: string }[]).map((c) => `${c.given_names} ${c.family_name}`);
    expect(names).toContain('Zoë Françoise Müller-Weiß');
    expect(names.some((n) => n.includes('Łukasiewicz'))).toBe(true);
    for (const p of DEMO_PEOPLE) expect(parseSsin(demoSsin(p.birthDate, p.serial), '2026-11-16').ok).toBe(true);
    expect(new Set(DEMO_PEOPLE.map((p) => demoInvitationCode(demoSsin(p.birthDate, p.serial)))).size).toBe(22);
    expect(demoInvitationCode(demoSsin('1985-07-30', 4))).toHaveLength(33);
  });

  it('changes nothing when run again, and seeds the same centre on every station', () => {
    const before = fingerprint(s1.db);
    clock.advance(60 * 60_000);
    const again = seedDemoCentre(s1.db, clock, 'station-1');
    expect(again).toMatchObject({ productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0 });
    expect(fingerprint(s1.db)).toEqual(before);
    seedDemoCentre(s2.db, clock, 'station-2');
    // Another station, seeded an hour later: the same centre, only its own ids and timestamps differ.
    const shared = TABLES.filter((t) => t !== 'station_meta' && t !== 'capacity_allocations');
    expect(fingerprint(s2.db, shared, false)).toEqual(fingerprint(s1.db, shared, false));
  });

  it('lets the demo run end to end: invitation at check-in, dose 1 with a card another station verifies', async () => {
    const zoe = DEMO_PEOPLE[0]!;
    const ssin = demoSsin(zoe.birthDate, zoe.serial);
    const checkin = await stationApi(s1, 'vaccinator').call('checkin.scan', { text: demoInvitationCode(ssin), source: 'scanner' });
    expect(checkin).toMatchObject({ kind: 'invitation', known: true, nextDoseNumber: 1, invitation: { eligibleProducts: ['comirnaty', 'spikevax'] } });
    const lot = await stationApi(s1, 'vaccinator').call('vials.scan', { text: ']d2010541386812011017491231' + '10DEMOCOM01' });
    const r = await stationApi(s1, 'vaccinator').call('booking.administer', { ssin, lotId: lot.lotId, vaccinator: { nihdi: '10000000001', name: 'Dr. Demo' }, print: false });
    expect(r.next.kind).toBe('booked');
    if (r.next.kind !== 'booked') return;
    expect(r.next.appointment.localDate).toBe('2026-12-07');
    const verified = await stationApi(s2, 'vaccinator').call('checkin.verifyCard', { text: r.next.card!.token });
    expect(verified.person.familyName).toBe('Müller-Weiß');
    // A person whose first dose was 21 days ago (seeded) can get dose 2 today on any station.
    const noel = DEMO_PEOPLE.find((p) => p.givenNames === 'Noël')!;
    const status = await stationApi(s2, 'vaccinator').call('checkin.lookup', { ssin: demoSsin(noel.birthDate, noel.serial) });
    expect(status).toMatchObject({ nextDoseNumber: 2, courseComplete: false });
    const dupont = DEMO_PEOPLE.find((p) => p.familyName === 'Dupont')!;
    expect((await stationApi(s1, 'vaccinator').call('checkin.lookup', { ssin: demoSsin(dupont.birthDate, dupont.serial) })).courseComplete).toBe(true);
  });
});
