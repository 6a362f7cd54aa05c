import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir';
import { openTestStation } from '../../../support/station';
import { createTestStaff, TEST_PIN } from '../../../support/test-staff';
import { ipcChannel } from '../../../../src/shared/contract';

// The one fake at this edge: Electron's binary is not installed here, so the wiring runs against a
// recorder of what it hands to Electron; the decisions it wires are tested in electron-window.test.ts.
const recorded = vi.hoisted(() => ({
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((wc: unknown, permission: string) => boolean),
  deviceCheck: undefined as undefined | (() => boolean),
  beforeRequest: undefined as undefined | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  headersReceived: undefined as undefined | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  ipcHandlers: new Map<string, (event: unknown, args: unknown) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, args: unknown) => Promise<unknown>) => recorded.ipcHandlers.set(channel, fn),
    removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  },
  app: { quit: vi.fn(), requestSingleInstanceLock: () => true, on: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof recorded.permissionRequest) => (recorded.permissionRequest = h),
      setPermissionCheckHandler: (h: typeof recorded.permissionCheck) => (recorded.permissionCheck = h),
      setDevicePermissionHandler: (h: typeof recorded.deviceCheck) => (recorded.deviceCheck = h),
      webRequest: {
        onBeforeRequest: (h: typeof recorded.beforeRequest) => (recorded.beforeRequest = h),
        onHeadersReceived: (h: typeof recorded.headersReceived) => (recorded.headersReceived = h),
      },
    },
  },
}));

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('app:// protocol (checklist 17: a custom protocol, not file://)', () => {
  it('serves the renderer with a strict CSP and refuses every path that leaves its folder or another host', async () => {
    const { serveRenderer } = await import('../../../../src/main/electron/app-protocol');
    const t = makeTempDir();
    cleanup = t.cleanup;
    const renderer = join(t.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<p>station</p>');
    writeFileSync(join(t.dir, 'station.key'), 'secret');
    serveRenderer(renderer);
    const handle = recorded.protocolHandlers.get('app')!;
    const ok = await handle({ url: 'app://dosedesk/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(ok.headers.get('content-security-policy')).toContain("connect-src 'none'");
    for (const url of ['app://dosedesk/%2e%2e/station.key', 'app://dosedesk/..%2fstation.key', 'app://dosedesk/%2e%2e%5cstation.key', 'app://dosedesk/a%00b', 'app://evil/index.html']) {
      const answer = await handle({ url });
      expect(answer.status, url).toBe(404);
      expect(await answer.text(), url).not.toContain('secret');
    }
  });
});

describe('session hardening (checklist 1, 5)', () => {
  it('denies permission requests, checks and devices, and cancels remote requests', async () => {
    const { hardenSession } = await import('../../../../src/main/electron/security');
    hardenSession();
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'midiSysex']) recorded.permissionRequest!(null, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(recorded.permissionCheck!(null, 'media')).toBe(false);
    expect(recorded.deviceCheck!()).toBe(false);
    const cancelled: boolean[] = [];
    recorded.beforeRequest!({ url: 'https://tracker.example/x.js' }, (r) => cancelled.push(r.cancel));
    recorded.beforeRequest!({ url: 'app://dosedesk/assets/index.js' }, (r) => cancelled.push(r.cancel));
    expect(cancelled).toEqual([true, false]);
    let headers: Record<string, string[]> = {};
    recorded.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['X-Other']).toEqual(['1']);
    expect(headers['Content-Security-Policy']![0]).toContain("default-src 'none'");
  });

  it('blocks navigation away, new windows and webviews on every web contents', async () => {
    const { lockDownContents } = await import('../../../../src/main/electron/security');
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    lockDownContents({
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    } as never);
    const prevented = (name: string, url?: string) => {
      let stopped = false;
      listeners.get(name)!({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://dosedesk/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});

describe('IPC (checklist 17: validate the sender; the window is the staff session)', () => {
  it('refuses calls from another frame or origin, and gives each window its own session', async () => {
    const { registerIpc } = await import('../../../../src/main/electron/ipc');
    const station = openTestStation({ enforceRoles: true });
    cleanup = station.cleanup;
    const mainFrame = { url: 'app://dosedesk/index.html' };
    const webContents = { id: 7, mainFrame, send: vi.fn(), isDestroyed: () => false };
    const win = { webContents, isDestroyed: () => false };
    const unregister = registerIpc(station, () => win as never);
    const call = (method: string, args: unknown, event: object) => recorded.ipcHandlers.get(ipcChannel(method as never))!(event, args);
    const ours = { sender: webContents, senderFrame: mainFrame };
    expect(await call('station.status', {}, { sender: webContents, senderFrame: { url: 'app://dosedesk/index.html' } })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await call('station.status', {}, { sender: { id: 8 }, senderFrame: mainFrame })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const evil = { url: 'https://evil.example/' };
    expect(await call('station.status', {}, { sender: { ...webContents, mainFrame: evil }, senderFrame: evil })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await call('station.status', {}, ours)).toMatchObject({ ok: true });
    const nurse = createTestStaff(station.ctx.db, station.ctx.clock, ['vaccinator']);
    expect(await call('sync.status', {}, ours)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await call('staff.signIn', { login: nurse.id, pin: TEST_PIN }, ours)).toMatchObject({ ok: true, result: { sessionId: 'window-session-7' } });
    expect(await call('sync.status', {}, ours)).toMatchObject({ ok: true });
    // Personal-data events reach the window only while its session is unlocked.
    station.ctx.events.publish('cardreader.card', { kind: 'removed', readerName: 'R' });
    await call('staff.lock', {}, ours);
    station.ctx.events.publish('cardreader.card', { kind: 'removed', readerName: 'R' });
    expect(webContents.send.mock.calls.filter((c) => String(c[0]).includes('cardreader.card'))).toHaveLength(1);
    unregister();
  });
});
