import { app, BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStation, type Station } from '../station/station';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { openElectronSettings } from './settings';
import { APP_ORIGIN, blockKioskKeys, enforceSingleInstance, hardenSession, lockDownContents } from './security';

// Electron only hosts the station: all behaviour lives in src/main/station, shared with the Node host.
const appRoot = app.getAppPath();
const rendererDir = join(appRoot, 'dist', 'renderer');
const preloadPath = join(appRoot, 'dist', 'preload', 'preload.cjs');
/** better-sqlite3 rebuilt for Electron's ABI by scripts/rebuild-electron.mjs, beside the Node build. */
const electronBinding = [
  join(process.resourcesPath ?? '', 'app.asar.unpacked', 'dist', 'electron-native', 'better_sqlite3.node'),
  join(appRoot, 'dist', 'electron-native', 'better_sqlite3.node'),
].find((p) => existsSync(p));

let window: BrowserWindow | null = null;
let station: Station | null = null;
const maintenance = () => process.env.DOSEDESK_MAINTENANCE === '1';

registerAppScheme();
app.enableSandbox();

if (!enforceSingleInstance(() => window?.focus())) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.whenReady().then(start).catch((error: unknown) => {
    process.stderr.write(`DoseDesk could not start: ${(error as Error).stack ?? String(error)}\n`);
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => station?.close());
}

async function start(): Promise<void> {
  hardenSession();
  serveRenderer(rendererDir);
  const dataDir = process.env.DOSEDESK_DATA_DIR ?? join(app.getPath('userData'), 'station');
  const settings = openElectronSettings({ dataDir });
  station = openStation({ dataDir, settings, transport: 'electron', ...(electronBinding ? { nativeBinding: electronBinding } : {}) });
  if (process.env.DOSEDESK_DEMO === '1') station.seedDemo();
  const kiosk = settings.get().kiosk && !maintenance();
  window = new BrowserWindow({
    width: 1280,
    height: 800,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: maintenance() || !app.isPackaged,
    },
  });
  blockKioskKeys(window, maintenance);
  registerIpc(station, () => window);
  window.once('ready-to-show', () => window?.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
