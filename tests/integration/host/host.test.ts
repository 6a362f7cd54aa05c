import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { request } from 'node:http';
import { startHttpHost, type RunningHost } from '../../../src/main/host/http-host';
import { openTestStation } from '../../support/station';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

let host: RunningHost | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  cleanup?.();
});

async function start() {
  // Roles off: the HTTP boundary (token, paths) is under test, not staff roles.
  const station = openTestStation({ enforceRoles: false });
  cleanup = station.cleanup;
  const rendererDir = join(station.dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHttpHost({ station, rendererDir });
  return { station, host };
}

/** A POST with the path sent byte for byte (fetch would normalise it). */
function rawPost(h: RunningHost, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: h.port, method: 'POST', path, headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('utf8')));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end('{}');
  });
}

const post = (h: RunningHost, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('Node host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', async () => {
    const { host } = await start();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('takes a spreadsheet larger than an ordinary call, but only for the methods that carry a file', async () => {
    const { host } = await start();
    // 400 KB: above the 256 KB of an ordinary call, far below a spreadsheet's 20 MB.
    const text = `code;name\n${'x'.repeat(400 * 1024)}\n`;
    const imported = (await (await post(host, 'imports.products', { text, dryRun: true })).json()) as { ok: boolean; error?: { code: string } };
    expect(imported.ok).toBe(false);
    expect(imported.error?.code).toMatch(/^import\./);
    const refused = await post(host, 'station.status', { padding: 'x'.repeat(400 * 1024) }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }),
      () => null,
    );
    // Refused before it is read: a validation answer, or the connection cut while sending.
    if (refused) expect(refused).toMatchObject({ status: 400, body: { error: { code: 'validation' } } });
  });

  it('answers a call with the status read from SQLite', async () => {
    const { host } = await start();
    const answer = await (await post(host, 'station.status', {})).json();
    expect(answer.ok).toBe(true);
    expect(answer.result.schemaVersion).toBeGreaterThan(0);
    expect(answer.result.transport).toBe('http');
    // No federal backend set: the status says so instead of claiming an outage.
    expect(answer.result.sync.configured).toBe(false);
  });

  it('refuses calls without the token, with a wrong token, or from another origin', async () => {
    const { host } = await start();
    expect((await post(host, 'station.status', {}, { Authorization: '' })).status).toBe(401);
    expect((await post(host, 'station.status', {}, { Authorization: 'Bearer ' + 'x'.repeat(host.token.length) })).status).toBe(401);
    expect((await post(host, 'station.status', {}, { Origin: 'http://evil.example' })).status).toBe(401);
  });

  it('refuses unknown methods, malformed JSON and malformed arguments by code, in the asked language', async () => {
    const { host } = await start();
    expect(await (await post(host, 'station.format', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const broken = await post(host, 'settings.update', '{"language":', { 'X-DoseDesk-Lang': 'fr' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'validation' } });
    const bad = await (await post(host, 'settings.update', { kiosk: 'always' }, { 'X-DoseDesk-Lang': 'de' })).json();
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(bad.error.message).toMatch(/Station hat die Anfrage abgelehnt/);
  });

  it('authenticates before decoding the method: a malformed path is 401 without the token and 404 with it, never 500 or a logged error', async () => {
    // Roles off: the HTTP boundary (token, paths) is under test, not staff roles.
    const station = openTestStation({ enforceRoles: false });
    cleanup = station.cleanup;
    const logged: string[] = [];
    host = await startHttpHost({ station, rendererDir: join(station.dataDir, 'renderer'), log: (line) => logged.push(line) });
    for (const path of ['/api/%', '/api/%E0%A4%A', '/api/station.%zz', '/api/..%2f..%2fetc', `/api/${'%'.repeat(5000)}`]) {
      const anonymous = await rawPost(host, path, {});
      expect(anonymous.status, path).toBe(401);
      expect(JSON.parse(anonymous.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const signed = await rawPost(host, path, { Authorization: `Bearer ${host.token}` });
      // Malformed escapes: 404; a path that decodes to no method: the usual unknown_method answer.
      expect(signed.status, path).toBe(path.includes('%2f') ? 200 : 404);
      expect(JSON.parse(signed.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(logged).toEqual([]);
    expect((await post(host, 'station.status', {})).status).toBe(200);
  });

  it('pushes events over a WebSocket that needs the token', async () => {
    const { host, station } = await start();
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=wrong`);
    const refusedResult = await new Promise<string>((r) => {
      refused.on('error', () => r('refused'));
      refused.on('open', () => r('opened'));
    });
    expect(refusedResult).toBe('refused');

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events?token=${host.token}`);
    await new Promise((r) => ws.on('open', r));
    const frame = new Promise<{ event: string; payload: { language: string } }>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
    station.ctx.settings.update({ language: 'nl' });
    const received = await frame;
    expect(received.event).toBe('station.status');
    expect(received.payload.language).toBe('nl');
    ws.close();
  });

  it('serves the renderer with a strict CSP and refuses traversal', async () => {
    const { host } = await start();
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${host.origin}/%2e%2e/settings.json`)).status).toBe(404);
  });
});
