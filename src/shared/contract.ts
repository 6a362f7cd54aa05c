import type { z } from 'zod';
import type { MethodSpec } from './define';
import type { MethodPermission } from './access';
import { stationEvents, stationMethods } from './api/station';
import { printingEvents, printingMethods } from './api/printing';
import { cardreaderEvents, cardreaderMethods } from './api/cardreader';
import { identityMethods } from './api/identity';
import { bookingMethods } from './api/booking';
import { checkinMethods } from './api/checkin';
import { productsMethods } from './api/products';
import { vialsMethods } from './api/vials';
import { standbyMethods } from './api/standby';
import { capacityMethods } from './api/capacity';
import { syncEvents, syncMethods } from './api/sync';
import { staffMethods } from './api/staff';
import { auditMethods } from './api/audit';
import { reportsMethods } from './api/reports';
import { centreMethods } from './api/centre';
import { importsMethods } from './api/imports';
import { messagesMethods } from './api/messages';
import { observationMethods } from './api/observation';
import { visitMethods } from './api/visit';
import { rulesMethods } from './api/rules';
import { screeningMethods } from './api/screening';

/**
 * The one contract between the UI and the station back end. Electron's preload, the IPC handlers,
 * the Node host and the renderer's clients are all derived from these two maps. Capabilities add
 * their methods by spreading their own map in here.
 */
export const methods = {
  ...stationMethods,
  ...printingMethods,
  ...cardreaderMethods,
  ...identityMethods,
  ...bookingMethods,
  ...checkinMethods,
  ...productsMethods,
  ...vialsMethods,
  ...standbyMethods,
  ...capacityMethods,
  ...syncMethods,
  ...staffMethods,
  ...auditMethods,
  ...reportsMethods,
  ...centreMethods,
  ...importsMethods,
  ...messagesMethods,
  ...observationMethods,
  ...visitMethods,
  ...rulesMethods,
  ...screeningMethods,
} satisfies Record<string, MethodSpec>;

export const events = {
  ...stationEvents,
  ...printingEvents,
  ...cardreaderEvents,
  ...syncEvents,
} satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
export type ArgsOf<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Methods[M]['args']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
/** The permission of a method, by own property only (so `__proto__` and friends have none). */
export function permissionOf(method: string): MethodPermission | undefined {
  return isMethodName(method) ? (methods[method] as MethodSpec).permission : undefined;
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What the renderer sees, whatever the transport: a promise per method, a subscription per event. */
export type StationApi = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<ResultOf<M>>;
};
export interface StationEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names, shared by preload and main. */
export const ipcChannel = (method: MethodName): string => `dosedesk:call:${method}`;
export const ipcEventChannel = (event: EventName): string => `dosedesk:event:${event}`;
