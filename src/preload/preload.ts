import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, ipcChannel, ipcEventChannel, isEventName, METHOD_NAMES, type EventName } from '../shared/contract';
import type { PreloadBridge } from '../shared/preload-bridge';

/**
 * Exposes exactly one function per contract method and one subscription per contract event.
 * ipcRenderer itself never reaches the page; channel names are fixed here, not by the page.
 */
const call = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (args: unknown) => ipcRenderer.invoke(ipcChannel(method), args)]),
) as PreloadBridge['call'];

const bridge: PreloadBridge = {
  call: Object.freeze(call),
  on(event: EventName, listener: (payload: unknown) => void) {
    if (!isEventName(event) || !EVENT_NAMES.includes(event)) throw new Error('unknown event');
    const channel = ipcEventChannel(event);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('dosedesk', Object.freeze(bridge));
