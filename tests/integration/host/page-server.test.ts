import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenPageServer, sendJson, type ApiHandler, type PageServer } from '../../../src/main/host/page-server';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir> | null = null;
let server: PageServer | null = null;
afterEach(async () => {
  await server?.close();
  temp?.cleanup();
});

function renderer(): string {
  temp = makeTempDir('dosedesk-page-server-');
  mkdirSync(join(temp.dir, 'assets'));
  writeFileSync(join(temp.dir, 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(join(temp.dir, 'assets', 'fr-C3SoZNF4.js'), 'export default {}');
  return temp.dir;
}

/** The station's side as the page server sees it: records what reached it. */
function recordingApi(seen: string[]): ApiHandler {
  return {
    call: async (_req, res, method) => {
      seen.push(method);
      sendJson(res, 200, { ok: true, result: method });
    },
    unauthorized: (_req, res) => sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'niet aangemeld' } }),
    upgrade: (_req, socket) => socket.destroy(),
    close: () => {},
  };
}

const call = (s: PageServer, method: string, token = s.token) =>
  fetch(`${s.origin}/api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' });

describe('the page server that listens before the station opens', () => {
  it('serves the page at once (its language chunk named) while calls wait for the station, then reach it', async () => {
    server = await listenPageServer({ rendererDir: renderer() });
    const page = await fetch(`${server.origin}/`, { headers: { 'Accept-Language': 'fr-BE,fr;q=0.9' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('./assets/fr-C3SoZNF4.js');
    const seen: string[] = [];
    let answered = false;
    const pending = call(server, 'station.status').then((r) => {
      answered = true;
      return r;
    });
    const refused = call(server, 'station.status', 'x'.repeat(server.token.length));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    server.attach(recordingApi(seen));
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, result: 'station.status' });
    // A wrong token never reaches the station, and is answered by it in the staff's words once it is there.
    expect((await refused).status).toBe(401);
    expect(seen).toEqual(['station.status']);
  });

  it('answers waiting calls with the refusal when the station does not open', async () => {
    server = await listenPageServer({ rendererDir: renderer() });
    const pending = call(server, 'staff.signIn');
    await new Promise((r) => setTimeout(r, 50));
    server.fail('db.integrity');
    const answer = await pending;
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'db.integrity' } });
  });

  it('says when the page itself has been sent: not for an asset, nor for a HEAD request', async () => {
    server = await listenPageServer({ rendererDir: renderer() });
    let served = false;
    void server.pageServed.then(() => (served = true));
    expect((await fetch(`${server.origin}/assets/fr-C3SoZNF4.js`)).status).toBe(200);
    expect((await fetch(`${server.origin}/`, { method: 'HEAD' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(served).toBe(false);
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    await server.pageServed;
    expect(served).toBe(true);
  });

  it('says when the first call with the token came in, not for one without it', async () => {
    server = await listenPageServer({ rendererDir: renderer() });
    let called = false;
    void server.firstCall.then(() => (called = true));
    const refused = call(server, 'station.status', 'x'.repeat(server.token.length));
    await new Promise((r) => setTimeout(r, 50));
    expect(called).toBe(false);
    const pending = call(server, 'station.status');
    await server.firstCall;
    server.attach(recordingApi([]));
    expect((await pending).status).toBe(200);
    expect((await refused).status).toBe(401);
  });
});
