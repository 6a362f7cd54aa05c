import type { EventName, EventPayload, MethodName, StationApi, StationEvents } from '../../shared/contract';
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

type Contract = typeof import('../../shared/contract');
let contract: Promise<Contract> | null = null;

/**
 * The contract's schemas, loaded with the first call rather than with the page: building every
 * namespace's schemas took about 0.1 s of the page's start, now spent while the first calls are
 * on their way to the station.
 */
function loadContract(): Promise<Contract> {
  return (contract ??= import('../../shared/contract'));
}

/** A contract method's name has a namespace (`station.status`): anything else asked of the client (`then`, symbols) is not a method. */
const METHOD_SHAPE = /^[a-z][A-Za-z]*\.[A-Za-z.]+$/;

/**
 * Builds the typed client over a raw transport: one function per contract method, results
 * checked against the contract's schema, errors turned into StationCallError. A call goes out at
 * once; its answer is checked once the contract has loaded.
 */
export function createClient(raw: RawTransport): StationClient {
  const call = async (method: string, args: unknown) => {
    const [answer, { methods, isMethodName }] = await Promise.all([raw.call(method as MethodName, args ?? {}), loadContract()]);
    if (!isMethodName(method)) throw new Error(`unknown method ${method}`);
    const envelope = CallEnvelope.parse(answer);
    if (!envelope.ok) throw new StationCallError(envelope.error);
    return methods[method].result.parse(envelope.result);
  };
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
    raw.subscribe(event, (payload) => {
      // Events keep their order: every one waits on the same (already settled) load.
      void loadContract().then(({ events, isEventName }) => {
        if (!isEventName(event)) return;
        const checked = events[event].safeParse(payload);
        if (checked.success) listener(checked.data as EventPayload<E>);
      });
    });
  const bound = new Map<string, (args: unknown) => Promise<unknown>>();
  const base = Object.defineProperties({}, { on: { value: on }, transport: { value: raw.kind } });
  return new Proxy(base, {
    get(target, name, receiver) {
      if (typeof name !== 'string' || !METHOD_SHAPE.test(name)) return Reflect.get(target, name, receiver) as unknown;
      let fn = bound.get(name);
      if (!fn) bound.set(name, (fn = (args: unknown) => call(name, args)));
      return fn;
    },
  }) as unknown as StationClient;
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
