import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { apiProxy } from '../../../src/main/host/api-proxy';
import { listenPageServer, sendJson, type ApiHandler, type PageServer } from '../../../src/main/host/page-server';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir> | null = null;
const servers: PageServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  temp?.cleanup();
});

function renderer(): string {
  temp = makeTempDir('dosedesk-api-proxy-');
  mkdirSync(join(temp.dir, 'assets'));
  writeFileSync(join(temp.dir, 'index.html'), '<html><head></head><body>page</body></html>');
  return temp.dir;
}

/** The station's side: echoes what reached it (method, body, session header), answers sockets with "hello". */
function echoApi(seen: string[]): ApiHandler {
  const sockets = new WebSocketServer({ noServer: true });
  return {
    call: async (req, res, method) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      seen.push(method);
      sendJson(res, 200, { ok: true, result: { method, body: JSON.parse(body) as unknown, session: req.headers['x-dosedesk-session'] ?? null } });
    },
    unauthorized: (_req, res) => sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'niet aangemeld' } }),
    upgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws) => ws.send('hello')),
    close: () => sockets.close(),
  };
}

/**
 * The page thread's server in front (its proxy attached once the station's server listens), the
 * station's server behind it on another port with the front's origin as the only one allowed.
 */
async function frontAndStation(seen: string[]): Promise<{ front: PageServer; station: PageServer }> {
  const dir = renderer();
  const front = await listenPageServer({ rendererDir: dir });
  const station = await listenPageServer({ rendererDir: dir, token: front.token, origin: front.origin });
  servers.push(front, station);
  station.attach(echoApi(seen));
  front.attach(apiProxy(station.port));
  return { front, station };
}

const post = (origin: string, method: string, token: string, extra: Record<string, string> = {}) =>
  fetch(`${origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra }, body: '{"nn":"85073003328"}' });

describe('calls and the event socket through the page thread to the station', () => {
  it('passes a call, its body and its session header to the station and its answer back', async () => {
    const seen: string[] = [];
    const { front } = await frontAndStation(seen);
    const answer = await post(front.origin, 'identity.lookup', front.token, { 'X-DoseDesk-Session': 'abcdefghijklmnop' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, result: { method: 'identity.lookup', body: { nn: '85073003328' }, session: 'abcdefghijklmnop' } });
    // Kept-alive: a second call goes the same way.
    expect((await post(front.origin, 'station.status', front.token)).status).toBe(200);
    expect(seen).toEqual(['identity.lookup', 'station.status']);
  });

  it('never lets a wrong token reach the station, and the station refuses one sent to it directly', async () => {
    const seen: string[] = [];
    const { front, station } = await frontAndStation(seen);
    const wrong = 'x'.repeat(front.token.length);
    const viaFront = await post(front.origin, 'station.status', wrong);
    expect(viaFront.status).toBe(401);
    expect(await viaFront.json()).toMatchObject({ error: { code: 'unauthorized', message: 'niet aangemeld' } });
    expect((await post(`http://127.0.0.1:${station.port}`, 'station.status', wrong)).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('the station accepts only the page thread origin, also on its own port', async () => {
    const seen: string[] = [];
    const { front, station } = await frontAndStation(seen);
    const direct = `http://127.0.0.1:${station.port}`;
    // A page of the station's own port is not the page the token was given to.
    expect((await post(direct, 'station.status', front.token, { Origin: direct })).status).toBe(401);
    expect((await post(front.origin, 'station.status', front.token, { Origin: front.origin })).status).toBe(200);
    expect(seen).toEqual(['station.status']);
  });

  it('opens the event socket through to the station', async () => {
    const { front } = await frontAndStation([]);
    const ws = new WebSocket(`ws://127.0.0.1:${front.port}/events?token=${front.token}`, { origin: front.origin });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data) => resolve(String(data)));
      ws.once('error', reject);
    });
    ws.close();
    expect(first).toBe('hello');
  });

  it('answers a call with a clear failure when the station behind is gone, and keeps serving the page', async () => {
    const { front, station } = await frontAndStation([]);
    await station.close();
    servers.splice(servers.indexOf(station), 1);
    const answer = await post(front.origin, 'station.status', front.token);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await (await fetch(`${front.origin}/`)).text()).toContain('page');
  });
});
