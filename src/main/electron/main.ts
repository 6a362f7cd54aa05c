import { app, BrowserWindow, dialog, Menu, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databasePath, openStation, type Station } from '../station/station';
import { loadOrCreateSealedKey, sealedKeyFile } from '../adapters/crypto/sealed-key';
import { refuseLostDatabase } from '../adapters/sqlite/station-marker';
import { isDoseDeskError } from '../../shared/errors';
import { translate } from '../../shared/i18n/translate';
import { languageFromLocale } from '../../shared/i18n/languages';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc, windowSessionId } from './ipc';
import { openElectronSettings } from './settings';
import { APP_ORIGIN, blockKioskKeys, enforceSingleInstance, hardenSession, lockDownContents } from './security';
import { stationWindowOptions } from './window-options';
import { onStopSignal } from '../adapters/process/stop-signals';

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
/** Maintenance: DOSEDESK_MAINTENANCE=1 at start, or a signed-in supervisor's maintenance mode (staff.setMaintenance). */
const maintenance = () => process.env.DOSEDESK_MAINTENANCE === '1' || (station?.security.maintenanceActive() ?? false);

registerAppScheme();
app.enableSandbox();

if (!enforceSingleInstance(() => window?.focus())) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.whenReady().then(start).catch((error: unknown) => {
    process.stderr.write(`DoseDesk could not start: ${(error as Error).stack ?? String(error)}\n`);
    // A refusal staff can act on (e.g. no protected key store for the database key) is shown, not only logged.
    if (isDoseDeskError(error)) {
      const lang = languageFromLocale(app.getLocale());
      dialog.showErrorBox('DoseDesk', translate(lang, `error.${error.code}`, error.params));
    }
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => station?.close());
  // A service manager's stop quits as the window does, through before-quit (see stop-signals.ts).
  onStopSignal(() => app.quit());
}

async function start(): Promise<void> {
  hardenSession();
  serveRenderer(rendererDir);
  const dataDir = process.env.DOSEDESK_DATA_DIR ?? join(app.getPath('userData'), 'station');
  // Before the sealed key would be created: it proves a station was provisioned in this folder.
  refuseLostDatabase(dataDir, databasePath(dataDir), [sealedKeyFile(dataDir)]);
  const settings = openElectronSettings({ dataDir });
  // The database key is random, kept next to the database sealed by the OS key store (never Linux's plain-text fallback).
  const databaseKey = loadOrCreateSealedKey(dataDir, databasePath(dataDir), safeStorage);
  station = openStation({ dataDir, settings, transport: 'electron', databaseKey, enforceRoles: true, ...(electronBinding ? { nativeBinding: electronBinding } : {}) });
  if (process.env.DOSEDESK_DEMO === '1') station.seedDemo();
  const kiosk = settings.get().kiosk && !maintenance();
  // No application menu: its default accelerators (reload, devtools, quit) would bypass the kiosk key filter.
  Menu.setApplicationMenu(null);
  window = new BrowserWindow(stationWindowOptions(preloadPath, { kiosk, devTools: maintenance() || !app.isPackaged }));
  const sessionId = windowSessionId(window.webContents.id);
  window.on('closed', () => station?.security.endSession(sessionId));
  blockKioskKeys(window, maintenance);
  registerIpc(station, () => window);
  window.once('ready-to-show', () => window?.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
