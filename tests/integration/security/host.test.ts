import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStationHost, type StationHost } from '../../../src/main/host/start-host';
import { createTestStaff, TEST_PIN } from '../../support/test-staff';
import { makeTempDir } from '../../support/temp-dir';

let host: StationHost | undefined;
const temps: (() => void)[] = [];
afterEach(async () => {
  await host?.close();
  host = undefined;
  temps.splice(0).forEach((c) => c());
});

async function start(): Promise<StationHost> {
  const t = makeTempDir();
  temps.push(t.cleanup);
  host = await startStationHost({ demo: false, port: 0, dataDir: join(t.dir, 'station'), log: () => {} });
  return host;
}

const post = (h: StationHost, method: string, body: unknown, session?: string) =>
  fetch(`${h.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}`, ...(session ? { 'X-DoseDesk-Session': session } : {}) },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ ok: boolean; result?: Record<string, unknown>; error?: { code: string } }>);

function socket(h: StationHost, session?: string): Promise<{ ws: WebSocket; frames: { event: string }[] }> {
  const frames: { event: string }[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${h.port}/events?token=${h.token}${session ? `&session=${session}` : ''}`, { headers: { Origin: h.origin } });
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  return new Promise((resolve) => ws.on('open', () => resolve({ ws, frames })));
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('the Node host in production mode', () => {
  it('encrypts its database with a 0600 key file next to the data folder', async () => {
    const h = await start();
    const keyFile = `${h.dataDir}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(h.dataDir, 'station.sqlite')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('enforces roles per browser tab with the X-DoseDesk-Session header', async () => {
    const h = await start();
    const nurse = createTestStaff(h.station.ctx.db, h.station.ctx.clock, ['vaccinator']);
    expect(await post(h, 'sync.status', {})).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await post(h, 'station.status', {})).toMatchObject({ ok: true });
    const signedIn = await post(h, 'staff.signIn', { login: nurse.nihdi, pin: TEST_PIN });
    expect(signedIn).toMatchObject({ ok: true, result: { session: { state: 'active', staff: { id: nurse.id } } } });
    const session = signedIn.result!.sessionId as string;
    expect((await post(h, 'sync.status', {}, session)).ok).toBe(true);
    expect(await post(h, 'staff.list', {}, session)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    // Another tab (no header, or a made-up one) is not signed in.
    expect(await post(h, 'sync.status', {}, 'A'.repeat(32))).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await post(h, 'staff.signOut', {}, session)).toMatchObject({ ok: true, result: { state: 'none' } });
    expect(await post(h, 'sync.status', {}, session)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
  });

  it('sends events with personal data only to sockets of an unlocked, signed-in session', async () => {
    const h = await start();
    const agent = createTestStaff(h.station.ctx.db, h.station.ctx.clock, ['checkin']);
    const signedIn = await post(h, 'staff.signIn', { login: agent.id, pin: TEST_PIN });
    const session = signedIn.result!.sessionId as string;
    const anonymous = await socket(h);
    const bound = await socket(h, session);
    const later = await socket(h);
    later.ws.send(JSON.stringify({ session }));
    await settle();
    h.station.ctx.events.publish('cardreader.card', { kind: 'removed', readerName: 'Reader 0' });
    h.station.publishStatus();
    await settle();
    // station.status may also arrive from the status timer: count what matters.
    const cards = (f: { event: string }[]) => f.filter((x) => x.event === 'cardreader.card').length;
    const statuses = (f: { event: string }[]) => f.filter((x) => x.event === 'station.status').length;
    expect([cards(anonymous.frames), cards(bound.frames), cards(later.frames)]).toEqual([0, 1, 1]);
    expect(statuses(anonymous.frames)).toBeGreaterThanOrEqual(1);
    await post(h, 'staff.lock', {}, session);
    h.station.ctx.events.publish('cardreader.card', { kind: 'removed', readerName: 'Reader 0' });
    await settle();
    expect([cards(anonymous.frames), cards(bound.frames), cards(later.frames)]).toEqual([0, 1, 1]);
    for (const s of [anonymous, bound, later]) s.ws.close();
  });
});
