import type { EventName, MethodName } from '../../shared/contract';
import type { PreloadBridge } from '../../shared/preload-bridge';
import type { RawTransport } from './transport';

declare global {
  interface Window {
    dosedesk?: PreloadBridge;
  }
}

/** In Electron the preload exposes one function per contract method; nothing raw. */
export function createElectronTransport(bridge: PreloadBridge): RawTransport {
  return {
    kind: 'electron',
    call: (method: MethodName, args: unknown) => bridge.call[method](args),
    subscribe: (event: EventName, listener: (payload: unknown) => void) => bridge.on(event, listener),
  };
}
