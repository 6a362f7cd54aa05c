import type { EventName, MethodName } from './contract';

/**
 * What Electron's preload puts on `window.dosedesk`: exactly one function per contract method
 * (returning the raw call envelope) and an event subscription. Never ipcRenderer itself.
 */
export interface PreloadBridge {
  readonly call: { readonly [M in MethodName]: (args: unknown) => Promise<unknown> };
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}
