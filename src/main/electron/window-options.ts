import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The station window's web preferences, in one place so that a unit test can check each value
 * (tests/unit/main/electron/electron-window.test.ts): isolation, sandbox, no Node, web security, no
 * insecure content, no webview, no experimental or extra Blink features, no middle-click, devtools only when asked.
 */
export function stationWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Middle-click would otherwise try to open a link in a new window (denied anyway by lockDownContents).
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function stationWindowOptions(preload: string, options: { kiosk: boolean; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    autoHideMenuBar: true,
    show: false,
    webPreferences: stationWebPreferences(preload, options.devTools),
  };
}
