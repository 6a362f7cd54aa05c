import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEMO_PIN } from '../../../src/main/station/staff/demo-staff';
import { openTestStation } from '../../support/station';

// The demo PIN's hash is held back until the test lets it go: as a slow scrypt on a busy machine.
const hashing = vi.hoisted(() => ({ release: () => {}, held: null as Promise<void> | null }));
vi.mock('../../../src/main/adapters/crypto/pin-hash', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/main/adapters/crypto/pin-hash')>();
  return {
    ...original,
    hashPin: async (...args: Parameters<typeof original.hashPin>) => {
      const hash = await original.hashPin(...args);
      await hashing.held;
      return hash;
    },
  };
});

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const call = { language: 'en' as const, transport: 'http' as const, sessionId: 'tab-0123456789abcdef', sessionKind: 'tab' as const };

describe('a new demo folder whose staff PIN is still being hashed when the centre is seeded', () => {
  it('is ready once the centre is seeded; every call, public reads too, waits for the staff and then succeeds', async () => {
    hashing.held = new Promise<void>((resolve) => (hashing.release = resolve));
    const station = openTestStation({ clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    stations.push(station);
    await station.seedDemoConcurrently();
    const staff = () => (station.ctx.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n;
    expect(staff()).toBe(0);
    const answered: string[] = [];
    const ask = (method: string, args: unknown) => station.dispatch(method, args, call).finally(() => answered.push(method));
    // centre.status answered now would say the demo has no supervisor: the screen would offer to set up a centre.
    const centre = ask('centre.status', {});
    const signIn = ask('staff.signIn', { login: 'VAC01', pin: DEMO_PIN });
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toEqual([]);
    hashing.release();
    expect(await centre).toMatchObject({ ok: true, result: { supervisor: true } });
    expect(await signIn).toMatchObject({ ok: true });
    expect(staff()).toBe(3);
  });

  it('writes the staff itself when it is closed before the hash is in: a station stopped right after its first start keeps them', async () => {
    hashing.held = new Promise<void>((resolve) => (hashing.release = resolve));
    const station = openTestStation({ clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    stations.push(station);
    await station.seedDemoConcurrently();
    station.close();
    hashing.release();
    await new Promise((r) => setImmediate(r));
    const again = openTestStation({ dataDir: station.dataDir, clock: new ManualClock('2026-05-06T09:30:00+02:00') });
    try {
      expect((again.ctx.db.prepare('SELECT COUNT(*) AS n FROM staff').get() as { n: number }).n).toBe(3);
      expect(station.logs.filter((line) => line.includes('demo staff'))).toEqual([]);
    } finally {
      again.close();
    }
  });
});
