import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stationWebPreferences, stationWindowOptions } from '../../../../src/main/electron/window-options';
import { decidePermission, isAllowedRequest, isTrustedUrl, kioskKeyAction, type KeyInput } from '../../../../src/main/electron/policy';
import { PROJECT_ROOT } from '../../../support/paths';

const root = PROJECT_ROOT;
const source = (path: string) => readFileSync(join(root, path), 'utf8');
const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, control: false, meta: false, shift: false, alt: false, ...mods });

describe('Electron window (security checklist items 2-4, 6, 8, 9, 11)', () => {
  it('isolates and sandboxes the page with no Node, no webview, web security on', () => {
    const prefs = stationWebPreferences('/app/dist/preload/preload.cjs', false);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    expect(stationWebPreferences('/p', true).devTools).toBe(true);
    expect(stationWindowOptions('/p', { kiosk: true, devTools: false })).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { sandbox: true, devTools: false } });
  });

  it('is what main.ts really opens (no inline web preferences), with no app menu', () => {
    const main = source('src/main/electron/main.ts');
    expect(main).toContain('new BrowserWindow(stationWindowOptions(');
    expect(main).not.toMatch(/webPreferences\s*:/);
    expect(main).toContain('Menu.setApplicationMenu(null)');
    expect(main).toContain('app.enableSandbox()');
    expect(main).toContain("enforceRoles: true");
    expect(main).toContain('databaseKey');
  });

  it('never opens external content from the main process (checklist 14) and never loads file:// (17)', () => {
    for (const file of ['main.ts', 'security.ts', 'ipc.ts', 'app-protocol.ts']) {
      const text = source(`src/main/electron/${file}`);
      expect(text, file).not.toMatch(/openExternal|file:\/\/|loadFile\(/);
    }
  });
});

describe('trusted origins, requests and permissions (checklist 1, 5, 12, 13, 16)', () => {
  it('trusts only app://dosedesk', () => {
    for (const url of ['app://dosedesk/index.html', 'app://dosedesk/', 'app://dosedesk/assets/x.js?v=1#top']) expect(isTrustedUrl(url), url).toBe(true);
    for (const url of ['app://evil/index.html', 'https://dosedesk/', 'file:///etc/passwd', 'app://dosedesk.evil.com/', 'javascript:alert(1)', '', undefined, 'not a url', 'app://user@evil/'])
      expect(isTrustedUrl(url as string), String(url)).toBe(false);
  });

  it('lets no remote request through, only our protocol and devtools', () => {
    expect(isAllowedRequest('app://dosedesk/assets/a.js')).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/x')).toBe(true);
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'ws://127.0.0.1/', 'data:text/html,x', 'file:///etc/passwd']) expect(isAllowedRequest(url), url).toBe(false);
  });

  it('denies every permission', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen']) expect(decidePermission(p)).toBe(false);
  });
});

describe('kiosk keys', () => {
  const blocked = [
    key('F12'),
    key('i', { control: true, shift: true }),
    key('J', { control: true, shift: true }),
    key('i', { meta: true, alt: true }),
    key('F5'),
    key('r', { control: true }),
    key('R', { control: true, shift: true }),
    key('q', { control: true }),
    key('w', { meta: true }),
    key('F4', { alt: true }),
    key('F11'),
    key('p', { control: true }),
    key('+', { control: true }),
    key('0', { control: true }),
  ];

  it('are swallowed outside maintenance mode: devtools, reload, quit, print, zoom, full screen', () => {
    for (const input of blocked) expect(kioskKeyAction(input, false), JSON.stringify(input)).toBe('block');
  });

  it('let typing and scanning through', () => {
    for (const input of [key('a'), key('1'), key('Enter'), key('Tab'), key('Backspace'), key('A', { shift: true }), key('c', { control: true }), key('v', { control: true })])
      expect(kioskKeyAction(input, false), input.key).toBe('allow');
  });

  it('do their job in maintenance mode', () => {
    expect(kioskKeyAction(key('F12'), true)).toBe('devtools');
    expect(kioskKeyAction(key('i', { control: true, shift: true }), true)).toBe('devtools');
    expect(kioskKeyAction(key('r', { control: true }), true)).toBe('reload');
    expect(kioskKeyAction(key('q', { control: true }), true)).toBe('quit');
    expect(kioskKeyAction(key('p', { control: true }), true)).toBe('allow');
  });
});

describe('electron-builder fuses (checklist 18)', () => {
  /** The few lines under `electronFuses:`, read as `name: value`. */
  function fuses(): Record<string, string> {
    const lines = source('electron-builder.yml').split('\n');
    const start = lines.findIndex((l) => /^electronFuses:\s*$/.test(l));
    expect(start, 'electronFuses block').toBeGreaterThanOrEqual(0);
    const out: Record<string, string> = {};
    for (const line of lines.slice(start + 1)) {
      if (/^\S/.test(line)) break;
      const m = /^\s+([A-Za-z0-9]+):\s*(\S+)/.exec(line);
      if (m) out[m[1]!] = m[2]!;
    }
    return out;
  }

  it('turn off running as Node, NODE_OPTIONS and --inspect, and check the asar', () => {
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
      loadBrowserProcessSpecificV8Snapshot: 'false',
    });
  });
});

describe('Electron version (checklist 16)', () => {
  it('is the one the scanner assumes, and a supported major (tests/unit/scripts/electron-support.test.ts)', () => {
    const version = JSON.parse(source('node_modules/electron/package.json')).version as string;
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(source('scripts/electronegativity.mjs')).toContain("'-e', electronVersion");
  });
});
