import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { totalChanges } from '../../../src/main/adapters/sqlite/database';
import { verifyPin, parseParams } from '../../../src/main/adapters/crypto/pin-hash';
import { DEMO_PIN, DEMO_PIN_HASH, DEMO_STAFF } from '../../../src/main/station/staff/demo-staff';
import { openTestStation } from '../../support/station';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const call = { language: 'en' as const, transport: 'http' as const, sessionId: 'tab-0123456789abcdef', sessionKind: 'tab' as const };

describe('a new demo folder seeded in steps', () => {
  it('has its centre and its three staff with the published PIN once the seed is done, and signs them in', async () => {
    const station = openTestStation({ clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    stations.push(station);
    await station.seedDemoInSteps();
    // Nothing left on its way: the set-up screen is never offered to the demo.
    expect(await station.dispatch('centre.status', {}, call)).toMatchObject({ ok: true, result: { supervisor: true } });
    const signedIn = await station.dispatch('staff.signIn', { login: 'VAC01', pin: DEMO_PIN }, call);
    expect(signedIn).toMatchObject({ ok: true });
    const rows = station.ctx.db.prepare('SELECT code, pin_hash, pin_salt, pin_params FROM staff ORDER BY code').all() as { code: string; pin_hash: string; pin_salt: string; pin_params: string }[];
    expect(rows.map((r) => r.code)).toEqual(DEMO_STAFF.map((s) => s.code).sort());
    // The one ready-made hash of the published PIN for all three.
    expect(new Set(rows.map((r) => `${r.pin_salt}:${r.pin_hash}`))).toEqual(new Set([`${DEMO_PIN_HASH.salt}:${DEMO_PIN_HASH.hash}`]));
    const row = rows[0]!;
    expect(await verifyPin(DEMO_PIN, { hash: row.pin_hash, salt: row.pin_salt, params: parseParams(row.pin_params) })).toBe(true);
    // The calendar was seeded too, and a restart the same day writes nothing at all.
    const sessions = (station.ctx.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    expect(sessions).toBeGreaterThan(300);
    const changes = totalChanges(station.ctx.db);
    await station.seedDemoInSteps();
    station.seedDemo();
    expect(totalChanges(station.ctx.db)).toBe(changes);
    expect((station.ctx.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(3);
  });

  it('calls firstScreen once the staff and the demo guide are in, before any of the calendar, and once only', async () => {
    const station = openTestStation({ clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    stations.push(station);
    const count = (table: string) => (station.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const seen: Record<string, number>[] = [];
    await station.seedDemoInSteps(() => seen.push({ staff: count('staff'), citizens: count('citizens'), lots: count('lots'), sessions: count('sessions'), slotUnits: count('slot_units') }));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ staff: 3, sessions: 0, slotUnits: 0 });
    expect(seen[0]!.citizens).toBeGreaterThan(10);
    expect(seen[0]!.lots).toBeGreaterThan(0);
    expect(count('sessions')).toBeGreaterThan(300);
    // Seeded earlier the same day: nothing to seed, and firstScreen comes at once.
    let again = 0;
    await station.seedDemoInSteps(() => again++);
    expect(again).toBe(1);
  });
});
