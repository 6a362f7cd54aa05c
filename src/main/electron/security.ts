import { app, session, type BrowserWindow, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'dosedesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True only for our own top-level page served from app://dosedesk/. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Deny-by-default for everything a page could ask the browser for. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: refuse every request that is not our own protocol or devtools.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = isTrustedUrl(details.url) || details.url.startsWith('devtools://');
    callback({ cancel: !ok });
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

/** Keys that would let a visitor leave the kiosk: devtools, reload, quit, zoom. */
export function blockKioskKeys(window: BrowserWindow, maintenance: () => boolean): void {
  window.webContents.on('before-input-event', (event, input) => {
    if (maintenance()) return;
    const key = input.key.toLowerCase();
    const ctrl = input.control || input.meta;
    const blocked =
      key === 'f12' ||
      key === 'f5' ||
      key === 'f11' ||
      (ctrl && ['r', 'w', 'q', 'p', '+', '-', '=', '0'].includes(key)) ||
      (ctrl && input.shift && ['i', 'j', 'c'].includes(key)) ||
      (input.alt && key === 'f4');
    if (blocked) event.preventDefault();
  });
}

export function enforceSingleInstance(onSecond: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', onSecond);
  return true;
}
