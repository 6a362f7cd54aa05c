import { app, session, type BrowserWindow, type WebContents } from 'electron';
import { decidePermission, isAllowedRequest, isTrustedUrl, kioskKeyAction } from './policy';

// The decisions themselves are pure functions in ./policy (unit-tested); this file wires them to Electron.
export { APP_HOST, APP_ORIGIN, APP_SCHEME, isTrustedUrl } from './policy';

/** Deny-by-default for everything a page could ask the browser for. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
  // No remote content: refuse every request that is not our own protocol or devtools.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) });
  });
  // Defence in depth: any response that does reach a page carries the same CSP as app:// pages
  // (kept equal to contentSecurityPolicy("'none'") by tests/unit/main/electron/electron-window.test.ts).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}

/** Navigation, new windows, webviews: none. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Keys that would let a visitor leave the kiosk (devtools, reload, quit, zoom, print) are
 * swallowed; in maintenance mode the devtools, reload and quit keys work (there is no app menu to
 * provide them, see main.ts).
 */
export function blockKioskKeys(window: BrowserWindow, maintenance: () => boolean): void {
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown') return;
    const action = kioskKeyAction(input, maintenance());
    if (action === 'allow') return;
    event.preventDefault();
    if (action === 'devtools') window.webContents.toggleDevTools();
    else if (action === 'reload') window.webContents.reload();
    else if (action === 'quit') app.quit();
  });
}

export function enforceSingleInstance(onSecond: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecond);
  return true;
}
