import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, ipcEventChannel, METHOD_NAMES } from '../../shared/contract';
import type { Station } from '../station/station';
import { errorEnvelope } from '../station/dispatcher';
import { isTrustedUrl } from './security';

/**
 * One handler per contract method. Each checks that the call comes from our own window's main
 * frame on app://dosedesk before the dispatcher validates the arguments.
 */
/** In Electron the window is the staff session: its id is fixed here, never chosen by the page. */
export function windowSessionId(webContentsId: number): string {
  return `window-session-${webContentsId}`;
}

export function registerIpc(station: Station, window: () => BrowserWindow | null): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    const win = window();
    return !!frame && !!win && event.sender === win.webContents && frame === win.webContents.mainFrame && isTrustedUrl(frame.url);
  };
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event, args: unknown) => {
      const language = station.ctx.settings.get().language;
      if (!trusted(event)) return errorEnvelope('forbidden_sender', language);
      return station.dispatch(method, args, { language, transport: 'electron', sessionId: windowSessionId(event.sender.id), sessionKind: 'window' });
    });
  }
  const unsubscribe = station.ctx.events.subscribe((event, payload) => {
    const win = window();
    if (!win || win.isDestroyed()) return;
    // Events with personal data (a card read) reach the window only while its session is unlocked.
    if (station.security.canReceiveEvent(windowSessionId(win.webContents.id), event)) win.webContents.send(ipcEventChannel(event), payload);
  });
  return () => {
    unsubscribe();
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}
