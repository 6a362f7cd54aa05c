import { readFileSync } from 'node:fs';
import type { Client } from 'fhir-kit-client';
import type { Bundle, Resource } from 'fhir/r4';
import { FederalError, toFederalError } from './errors';
import { NodeTlsDispatcher, type ClientTlsFiles } from './tls-dispatcher';

/** How the station reaches the federal backend. */
export interface FederalConnection {
  /** FHIR base URL, e.g. https://vaccination.example.be/fhir */
  baseUrl: string;
  bearerToken?: string | null;
  /** Read before every request, so a token refreshed by another process is picked up. */
  bearerTokenFile?: string | null;
  /** Client certificate for mutual TLS. */
  tls?: ClientTlsFiles | null;
  /** Per request; a transaction gets `transactionTimeoutMs`. */
  timeoutMs?: number;
  transactionTimeoutMs?: number;
}

export type SearchParams = Record<string, string | string[]>;

/** The calls sync makes; small on purpose so tests and other backends can stand in. */
export interface FederalClient {
  readonly baseUrl: string;
  /** GET /metadata: the cheapest call that proves the backend answers. */
  ping(): Promise<void>;
  /** POST a transaction Bundle; resolves with the transaction-response. */
  transaction(bundle: Bundle): Promise<Bundle>;
  /** Search, following `next` links on the same server, up to `maxResults` resources. */
  search<T extends Resource = Resource>(resourceType: string, params: SearchParams, maxResults?: number): Promise<T[]>;
  /** Exact number of matches (`_summary=count`). */
  count(resourceType: string, params: SearchParams): Promise<number>;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * The federal client on fhir-kit-client: bearer token, optional client certificate (see
 * tls-dispatcher.ts for why a dispatcher), a timeout on every call, and errors sorted into
 * FederalError kinds the worker acts on.
 */
export function createFederalClient(connection: FederalConnection): FederalClient {
  const baseUrl = connection.baseUrl.replace(/\/+$/, '');
  const dispatcher = connection.tls ? new NodeTlsDispatcher(connection.tls) : null;
  // fhir-kit-client loads with the first call, not with the station: sync starts after the first screen.
  let loaded: Promise<Client> | null = null;
  const kit = (): Promise<Client> => (loaded ??= import('fhir-kit-client').then(({ Client: FhirClient }) => new FhirClient(clientOptions)));
  const clientOptions = {
    baseUrl,
    ...(connection.bearerToken ? { bearerToken: connection.bearerToken } : {}),
    ...(dispatcher ? { requestOptions: { dispatcher } } : {}),
    ...(connection.bearerTokenFile
      ? {
          requestSigner: (_url: string, init: RequestInit) => {
            const token = readFileSync(connection.bearerTokenFile!, 'utf8').trim();
            (init.headers as Headers).set('authorization', `Bearer ${token}`);
          },
        }
      : {}),
  };
  const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transactionTimeoutMs = connection.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
  // keepalive is fetch's "survive page unload" flag, capped at 64 KiB of body: never wanted here.
  const options = (ms: number) => ({ signal: AbortSignal.timeout(ms), keepalive: false });

  const call = async <T>(what: string, run: (client: Client) => Promise<unknown>): Promise<T> => {
    try {
      return (await run(await kit())) as T;
    } catch (error) {
      throw toFederalError(error, what);
    }
  };

  const sameServer = (url: string) => url.startsWith(`${baseUrl}/`) || url.startsWith(`${baseUrl}?`);

  return {
    baseUrl,
    async ping() {
      const cs = await call<{ resourceType?: string }>('metadata', (client) => client.capabilityStatement(options(timeoutMs)));
      if (cs?.resourceType !== 'CapabilityStatement') throw new FederalError('protocol', 'metadata: not a CapabilityStatement');
    },
    async transaction(bundle) {
      return call<Bundle>('transaction', (client) => client.transaction({ body: bundle as never, options: options(transactionTimeoutMs) }));
    },
    async search<T extends Resource>(resourceType: string, params: SearchParams, maxResults = 5000): Promise<T[]> {
      const out: T[] = [];
      let page = await call<Bundle>(`search ${resourceType}`, (client) => client.search({ resourceType, searchParams: params, options: options(timeoutMs) }));
      for (;;) {
        for (const e of page.entry ?? []) {
          if (e.resource?.resourceType === resourceType && (e.search?.mode ?? 'match') === 'match') out.push(e.resource as T);
        }
        const next = page.link?.find((l) => l.relation === 'next')?.url;
        if (!next || out.length >= maxResults) break;
        // A next link elsewhere would carry the station's token to another host: refuse it.
        if (!sameServer(next)) throw new FederalError('protocol', `search ${resourceType}: next link leaves the backend (${next.slice(0, 80)})`);
        page = await call<Bundle>(`search ${resourceType}`, (client) => client.request(next, { options: options(timeoutMs) }));
      }
      return out.slice(0, maxResults);
    },
    async count(resourceType, params) {
      const bundle = await call<Bundle>(`count ${resourceType}`, (client) =>
        client.search({ resourceType, searchParams: { ...params, _summary: 'count' }, options: options(timeoutMs) }),
      );
      if (typeof bundle.total !== 'number') throw new FederalError('protocol', `count ${resourceType}: no total in the answer`);
      return bundle.total;
    },
    close() {
      void dispatcher?.close();
    },
  };
}
