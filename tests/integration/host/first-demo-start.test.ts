import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStationHost } from '../../../src/main/host/start-host';
import { listenPageServer } from '../../../src/main/host/page-server';
import { ManualClock } from '../../../src/main/adapters/clock';
import { callHost } from '../../e2e/support/host-process';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('dosedesk-first-demo-start-');
afterAll(() => temp.cleanup());

describe('the first start of a new demo folder', () => {
  it('answers the first screen once the staff and the demo guide are in; every other call waits for the calendar', async () => {
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    // Already listening, as the host command's: nothing but the station is awaited below.
    const server = await listenPageServer({ rendererDir, port: 0 });
    const host = await startStationHost({ demo: true, port: 0, dataDir: join(temp.dir, 'station'), log: () => {}, clock: new ManualClock('2026-05-06T09:30:00+02:00'), server });
    const count = (table: string) => (host.station.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    let seeded = false;
    const verified = host.verified.then(() => (seeded = true));
    try {
      // The host answers with the staff and citizens in, before the first day of the calendar.
      expect({ staff: count('staff'), sessions: count('sessions') }).toEqual({ staff: 3, sessions: 0 });
      expect(seeded).toBe(false);
      const status = await callHost<{ stationId: string }>(host, 'station.status');
      expect(status.ok && status.result.stationId).toBe('station-1');
      const guide = await callHost<{ staff: { login: string }[]; citizens: unknown[] }>(host, 'reports.demoGuide');
      expect(guide.ok && guide.result.staff.map((s) => s.login)).toEqual(expect.arrayContaining(['CHK01', 'SUP01']));
      expect(guide.ok && guide.result.citizens.length).toBeGreaterThan(10);
      // A sign-in writes: it is answered only once the whole seed is committed.
      const signIn = await callHost<{ sessionId: string }>(host, 'staff.signIn', { login: 'SUP01', pin: '1234' }).then((answer) => ({ answer, afterSeed: seeded }));
      expect(signIn.answer.ok).toBe(true);
      expect(signIn.afterSeed).toBe(true);
      await verified;
      expect(count('sessions')).toBeGreaterThan(300);
    } finally {
      await host.close();
    }
  });
});
