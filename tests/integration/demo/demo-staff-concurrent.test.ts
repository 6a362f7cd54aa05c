import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { totalChanges } from '../../../src/main/adapters/sqlite/database';
import { verifyPin, parseParams } from '../../../src/main/adapters/crypto/pin-hash';
import { DEMO_PIN, DEMO_STAFF } from '../../../src/main/station/staff/demo-staff';
import { openTestStation } from '../../support/station';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

describe('a new demo folder seeds its staff while it seeds the calendar', () => {
  it('gives the three demo staff the documented PIN, hashed once, and signs them in', async () => {
    const station = openTestStation({ clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    stations.push(station);
    await station.seedDemoConcurrently();
    // The staff may still be on their way: a sign-in waits for them.
    const signedIn = await station.dispatch('staff.signIn', { login: 'VAC01', pin: DEMO_PIN }, { language: 'en', transport: 'http', sessionId: 'tab-0123456789abcdef', sessionKind: 'tab' });
    expect(signedIn).toMatchObject({ ok: true });
    const rows = station.ctx.db.prepare('SELECT code, pin_hash, pin_salt, pin_params FROM staff ORDER BY code').all() as { code: string; pin_hash: string; pin_salt: string; pin_params: string }[];
    expect(rows.map((r) => r.code)).toEqual(DEMO_STAFF.map((s) => s.code).sort());
    // One scrypt for all three: the same salt and hash.
    expect(new Set(rows.map((r) => `${r.pin_salt}:${r.pin_hash}`)).size).toBe(1);
    const row = rows[0]!;
    expect(await verifyPin(DEMO_PIN, { hash: row.pin_hash, salt: row.pin_salt, params: parseParams(row.pin_params) })).toBe(true);
    // The calendar was seeded too, and a restart the same day writes nothing at all.
    const sessions = (station.ctx.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    expect(sessions).toBeGreaterThan(300);
    const changes = totalChanges(station.ctx.db);
    await station.seedDemoConcurrently();
    station.seedDemo();
    expect(totalChanges(station.ctx.db)).toBe(changes);
    expect((station.ctx.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(3);
  });
});
