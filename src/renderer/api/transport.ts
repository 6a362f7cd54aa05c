import {
  events as eventSchemas,
  isEventName,
  methods,
  METHOD_NAMES,
  type EventName,
  type EventPayload,
  type MethodName,
  type StationApi,
  type StationEvents,
} from '../../shared/contract';
import { CallEnvelope } from '../../shared/envelope';
import type { WireError } from '../../shared/wire-error';

/** A failed call as the UI sees it: the station's code and its translated message. */
export class StationCallError extends Error {
  readonly code: string;
  readonly params: WireError['params'];
  constructor(error: WireError) {
    super(error.message);
    this.name = 'StationCallError';
    this.code = error.code;
    this.params = error.params;
  }
}

/** The two things a transport must do; everything else is derived from the contract. */
export interface RawTransport {
  readonly kind: 'electron' | 'http';
  call(method: MethodName, args: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export type StationClient = StationApi & StationEvents & { readonly transport: 'electron' | 'http' };

/**
 * Builds the typed client over a raw transport: one function per contract method, results
 * checked against the contract's schema, errors turned into StationCallError.
 */
export function createClient(raw: RawTransport): StationClient {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (args: unknown) => {
      const envelope = CallEnvelope.parse(await raw.call(method, args ?? {}));
      if (!envelope.ok) throw new StationCallError(envelope.error);
      return methods[method].result.parse(envelope.result);
    };
  }
  api.on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    return raw.subscribe(event, (payload) => {
      const checked = eventSchemas[event].safeParse(payload);
      if (checked.success) listener(checked.data as EventPayload<E>);
    });
  };
  Object.defineProperty(api, 'transport', { value: raw.kind });
  return api as unknown as StationClient;
}

/**
 * The first screen's reads, sent before React and the messages have loaded: the first call of
 * each of `methods` (with no arguments) takes the answer already on its way instead of asking
 * again; later calls ask as usual.
 */
export function withFirstCallsSent(client: StationClient, methods: readonly MethodName[]): StationClient {
  const sent = new Map<string, Promise<unknown>>();
  for (const method of methods) {
    const answer = (client[method] as (args: unknown) => Promise<unknown>)({});
    answer.catch(() => {}); // whoever takes it sees the failure
    sent.set(method, answer);
  }
  const primed: Record<string, unknown> = {};
  for (const method of methods) {
    primed[method] = (args: unknown) => {
      const answer = sent.get(method);
      const empty = args === undefined || (typeof args === 'object' && args !== null && Object.keys(args).length === 0);
      if (answer && empty) {
        sent.delete(method);
        return answer;
      }
      return (client[method] as (a: unknown) => Promise<unknown>)(args);
    };
  }
  return Object.assign(Object.create(client) as StationClient, primed);
}
