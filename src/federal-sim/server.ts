import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Bundle } from 'fhir/r4';
import { capabilityStatement } from './capability';
import { SimHttpError } from './errors';
import { NO_FAULTS, parseFaults, seededRandom, type Faults } from './faults';
import { assertType, batch, create, transaction, update, type WriteResult } from './interactions';
import { searchBundle } from './search';
import { SimStore } from './store';
import { startWalCheckpointer } from './wal-checkpointer';
import { seedInvitations, withdrawInvitation, type SeededInvitations } from './invitations';

/**
 * The federal stand-in: FHIR R4 over HTTP on 127.0.0.1 with SQLite storage, and faults on
 * demand. /fhir/... is the FHIR API (subject to faults); /admin/... is for tests and operators
 * (never subject to faults): GET/POST /admin/faults, GET /admin/stats, POST /admin/invitations/withdraw?code=CODE.
 */

export interface SimTlsOptions {
  /** PEM file paths. With `ca` set, clients must present a certificate signed by it. */
  certFile: string;
  keyFile: string;
  caFile?: string;
}

export interface FederalSimOptions {
  port: number;
  dataDir: string;
  faults?: Partial<Faults>;
  host?: string;
  tls?: SimTlsOptions;
  /** When set, /fhir requests must carry `Authorization: Bearer <token>` (401 otherwise). */
  requireBearer?: string;
  /**
   * Largest transaction Bundle accepted, in entries (as real servers cap it): a larger one is
   * refused with 400 and an OperationOutcome `too-costly`, nothing of it stored. Unset: no cap.
   */
  maxBundleEntries?: number;
  /** Invitation letters the backend serves for a centre (Tasks, see domain/fhir/invitation.ts), stored at start. */
  invitations?: SeededInvitations;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface SimStats {
  resources: Record<string, number>;
  /** Number of identifiers held by more than one resource of a type. */
  duplicates: number;
  duplicateIdentifiers: { type: string; system: string; value: string; count: number }[];
  requests: { total: number; byStatus: Record<string, number> };
  /** `tooLarge`: transactions refused for having more entries than `maxBundleEntries` (also in `rejected`). */
  transactions: { committed: number; rejected: number; tooLarge: number };
  faults: { refused: number; timedOut: number; errored: number; dropped: number; held: number };
}

export interface FederalSim {
  /** FHIR base, e.g. http://127.0.0.1:4567/fhir */
  readonly url: string;
  /** Server root for /admin, e.g. http://127.0.0.1:4567 */
  readonly rootUrl: string;
  readonly port: number;
  setFaults(faults: Partial<Faults>): Faults;
  getFaults(): Faults;
  /** The backend withdraws the invitation letter with this code (its Task cancelled); false if none. */
  withdrawInvitation(code: string): boolean;
  stats(): SimStats;
  close(): Promise<void>;
}

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY = 64 * 1024 * 1024;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** True when the request changed storage (the drop-after-commit fault applies to these). */
  wrote?: boolean;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(SimHttpError.of(413, 'too-costly', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // The client went away before sending the whole body: nothing to handle.
    req.on('close', () => {
      if (!req.complete) reject(SimHttpError.of(400, 'incomplete', 'the request was not received completely'));
    });
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw SimHttpError.of(400, 'invalid', 'a JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw SimHttpError.of(400, 'invalid', 'the body is not valid JSON');
  }
}

function writeReply(res: ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(body), ...(reply.headers ?? {}) });
  res.end(body);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function resourceReply(result: WriteResult): Reply {
  const s = result.stored;
  return {
    status: result.status,
    body: s.resource,
    wrote: result.status === 201 || result.status === 200,
    headers: { location: `${s.type}/${s.id}/_history/${s.version}`, etag: `W/"${s.version}"`, 'last-modified': new Date(s.lastUpdated).toUTCString() },
  };
}

/** Refuses a transaction over the cap before anything of it is read into storage. */
function assertBundleSize(bundle: Bundle, max: number | undefined, counters: { tooLarge: number }): void {
  const entries = bundle.entry?.length ?? 0;
  if (max === undefined || entries <= max) return;
  counters.tooLarge++;
  throw SimHttpError.of(400, 'too-costly', `Transaction has too many entries: ${entries}, at most ${max} are accepted in one transaction Bundle`);
}

export async function startFederalSim(options: FederalSimOptions): Promise<FederalSim> {
  if (options.maxBundleEntries !== undefined && !(Number.isInteger(options.maxBundleEntries) && options.maxBundleEntries >= 1)) {
    throw new Error(`maxBundleEntries must be a whole number of at least 1, not ${options.maxBundleEntries}`);
  }
  const store = new SimStore(options.dataDir);
  const checkpointer = startWalCheckpointer(store);
  const now = options.now ?? (() => new Date());
  if (options.invitations) seedInvitations(store, options.invitations, now());
  const log = options.log ?? (() => {});
  let faults: Faults = parseFaults({ ...NO_FAULTS, ...(options.faults ?? {}) });
  let random = seededRandom(faults.seed);
  const counters = {
    total: 0,
    byStatus: {} as Record<string, number>,
    committed: 0,
    rejected: 0,
    tooLarge: 0,
    refused: 0,
    timedOut: 0,
    errored: 0,
    dropped: 0,
    held: 0,
  };
  const heldTimers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const count = (status: number) => {
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
  };

  async function fhir(req: IncomingMessage, url: URL): Promise<Reply> {
    const method = req.method ?? 'GET';
    const segments = url.pathname.replace(/^\/fhir\/?/, '').split('/').filter(Boolean);
    const params = url.searchParams;
    if (segments.length === 0) {
      if (method !== 'POST') throw SimHttpError.of(405, 'not-supported', 'POST a transaction or batch Bundle to the base');
      const body = parseJson(await readBody(req)) as Bundle;
      if (body?.resourceType !== 'Bundle') throw SimHttpError.of(400, 'invalid', 'the body must be a Bundle');
      if (body.type === 'transaction') {
        try {
          assertBundleSize(body, options.maxBundleEntries, counters);
          const response = transaction(store, body, now());
          counters.committed++;
          return { status: 200, body: response, wrote: true };
        } catch (error) {
          counters.rejected++;
          throw error;
        }
      }
      if (body.type === 'batch') {
        const { response, wrote } = batch(store, body, now());
        return { status: 200, body: response, wrote };
      }
      throw SimHttpError.of(400, 'invalid', 'Bundle.type must be transaction or batch');
    }
    const [type, second, third, fourth] = segments as [string, string?, string?, string?];
    if (type === 'metadata' && segments.length === 1) {
      if (method !== 'GET') throw SimHttpError.of(405, 'not-supported', 'GET the metadata');
      return { status: 200, body: capabilityStatement(baseUrl, now()) };
    }
    assertType(type);
    if (segments.length === 1) {
      if (method === 'GET') return { status: 200, body: searchBundle(store, type, params, baseUrl) };
      if (method === 'POST') {
        const ifNoneExist = req.headers['if-none-exist'];
        return resourceReply(create(store, type, parseJson(await readBody(req)), typeof ifNoneExist === 'string' ? ifNoneExist : null, now()));
      }
      if (method === 'PUT') {
        if ([...params].length === 0) throw SimHttpError.of(400, 'invalid', 'a conditional update needs search parameters');
        const ifMatch = req.headers['if-match'];
        const body = parseJson(await readBody(req));
        return resourceReply(store.db.transaction(() => update(store, type, { query: params.toString() }, body, typeof ifMatch === 'string' ? ifMatch : null, now())).immediate());
      }
      throw SimHttpError.of(405, 'not-supported', `${method} ${type} is not supported`);
    }
    if (second === '_search' && segments.length === 2 && method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      for (const [k, v] of params) form.append(k, v);
      return { status: 200, body: searchBundle(store, type, form, baseUrl) };
    }
    const id = second!;
    if (segments.length === 2 && method === 'GET') {
      const found = store.read(type, id);
      if (!found) throw SimHttpError.of(404, 'not-found', `${type}/${id} does not exist`);
      return { status: 200, body: found.resource, headers: { etag: `W/"${found.version}"` } };
    }
    if (segments.length === 2 && method === 'PUT') {
      const ifMatch = req.headers['if-match'];
      const body = parseJson(await readBody(req));
      return resourceReply(store.db.transaction(() => update(store, type, { id }, body, typeof ifMatch === 'string' ? ifMatch : null, now())).immediate());
    }
    if (segments.length === 4 && third === '_history' && method === 'GET' && /^\d+$/.test(fourth!)) {
      const found = store.readVersion(type, id, Number(fourth));
      if (!found) throw SimHttpError.of(404, 'not-found', `${type}/${id}/_history/${fourth} does not exist`);
      return { status: 200, body: found.resource, headers: { etag: `W/"${found.version}"` } };
    }
    throw SimHttpError.of(404, 'not-found', `no route for ${method} ${url.pathname}`);
  }

  function stats(): SimStats {
    return {
      resources: store.countsByType(),
      duplicates: store.duplicateCount(),
      duplicateIdentifiers: store.duplicateIdentifiers(20),
      requests: { total: counters.total, byStatus: { ...counters.byStatus } },
      transactions: { committed: counters.committed, rejected: counters.rejected, tooLarge: counters.tooLarge },
      faults: { refused: counters.refused, timedOut: counters.timedOut, errored: counters.errored, dropped: counters.dropped, held: counters.held },
    };
  }

  function setFaults(next: Partial<Faults>): Faults {
    faults = parseFaults({ ...NO_FAULTS, ...next });
    random = seededRandom(faults.seed);
    return faults;
  }

  async function admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (url.pathname === '/admin/faults' && req.method === 'GET') return json(200, faults);
    if (url.pathname === '/admin/faults' && req.method === 'POST') {
      try {
        const body = await readBody(req);
        return json(200, setFaults(parseFaults(body.trim() === '' ? {} : JSON.parse(body))));
      } catch (error) {
        return json(400, { error: (error as Error).message });
      }
    }
    if (url.pathname === '/admin/stats' && req.method === 'GET') return json(200, stats());
    if (url.pathname === '/admin/invitations/withdraw' && req.method === 'POST') {
      const code = url.searchParams.get('code') ?? '';
      return withdrawInvitation(store, code, now()) ? json(200, { withdrawn: code }) : json(404, { error: `no invitation with code ${code}` });
    }
    return json(404, { error: `no route for ${req.method} ${url.pathname}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/admin/')) return admin(req, res, url);
    if (url.pathname !== '/fhir' && !url.pathname.startsWith('/fhir/')) {
      return writeReply(res, { status: 404, body: SimHttpError.of(404, 'not-found', 'the FHIR base is /fhir').outcome });
    }
    counters.total++;
    const f = faults;
    // Three draws per request whatever the rates, so a seed gives the same story every run.
    const drawTimeout = random();
    const drawError = random();
    const drawDrop = random();
    if (f.down) {
      counters.refused++;
      req.socket.destroy();
      return;
    }
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    if (drawTimeout < f.timeoutRate) {
      counters.timedOut++;
      const timer = setTimeout(() => {
        heldTimers.delete(timer);
        req.socket.destroy();
      }, 120_000);
      heldTimers.add(timer);
      return;
    }
    if (drawError < f.errorRate) {
      counters.errored++;
      count(503);
      return writeReply(res, { status: 503, body: SimHttpError.of(503, 'transient', 'injected fault: service unavailable').outcome, headers: { 'retry-after': '1' } });
    }
    let reply: Reply;
    if (options.requireBearer && req.headers.authorization !== `Bearer ${options.requireBearer}`) {
      count(401);
      return writeReply(res, { status: 401, body: SimHttpError.of(401, 'login', 'a valid bearer token is required').outcome, headers: { 'www-authenticate': 'Bearer' } });
    }
    try {
      reply = await fhir(req, url);
    } catch (error) {
      if (error instanceof SimHttpError) reply = { status: error.status, body: error.outcome };
      else {
        log(`federal-sim: ${(error as Error).stack ?? String(error)}`);
        reply = { status: 500, body: SimHttpError.of(500, 'exception', 'internal error of the stand-in').outcome };
      }
    }
    if (reply.wrote) checkpointer.nudge();
    if (reply.wrote && drawDrop < f.dropAfterCommitRate) {
      counters.dropped++;
      req.socket.destroy();
      return;
    }
    if (reply.wrote && f.holdResponseMs > 0) {
      counters.held++;
      await sleep(f.holdResponseMs);
    }
    count(reply.status);
    if (!res.destroyed) writeReply(res, reply);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log(`federal-sim: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent && !res.destroyed) writeReply(res, { status: 500 });
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        {
          cert: readFileSync(options.tls.certFile),
          key: readFileSync(options.tls.keyFile),
          ...(options.tls.caFile ? { ca: readFileSync(options.tls.caFile), requestCert: true, rejectUnauthorized: true } : {}),
        },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const rootUrl = `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`;
  baseUrl = `${rootUrl}/fhir`;

  return {
    url: baseUrl,
    rootUrl,
    port,
    setFaults,
    getFaults: () => faults,
    withdrawInvitation: (code: string) => withdrawInvitation(store, code, now()),
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of heldTimers) clearTimeout(t);
        heldTimers.clear();
        server.close(() => {
          void checkpointer.stop().then(() => {
            store.close();
            resolve();
          });
        });
        server.closeAllConnections();
      }),
  };
}
