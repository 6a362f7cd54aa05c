import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy, pageLanguage, readStatic, withLanguagePreload } from './static-files';

/**
 * The first thing a station process runs: 127.0.0.1, the per-run token, the page and its assets.
 * It imports nothing of the station, so it listens (and the browser has the page) before the
 * station's modules load and its database opens; calls and the event socket wait for `attach`.
 */

/** What serves calls and events once the station is open (http-host.ts); the caller is already authenticated. */
export interface ApiHandler {
  call(req: IncomingMessage, res: ServerResponse, rawMethod: string): Promise<void>;
  /** The answer to a call without the token or from another origin, in the staff's language. */
  unauthorized(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
  close(): void;
}

export interface PageServerOptions {
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface PageServer extends RunningHost {
  /** Settles once the page itself (its HTML) has been sent for the first time. */
  readonly pageServed: Promise<void>;
  /** Settles once the first call with the token has come in (the page's scripts are loaded). */
  readonly firstCall: Promise<void>;
  /** The station is open: waiting and later calls go to it. */
  attach(api: ApiHandler): void;
  /** The station will not open (its refusal is reported by the process): waiting calls are answered with it. */
  fail(code: string): void;
}

export async function listenPageServer(options: PageServerOptions): Promise<PageServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const log = options.log ?? (() => {});
  let origin = '';
  let api: ApiHandler | null = null;
  let failed: string | null = null;
  let settle: () => void = () => {};
  const ready = new Promise<void>((resolveReady) => (settle = resolveReady));
  let served: () => void = () => {};
  const pageServed = new Promise<void>((resolveServed) => (served = resolveServed));
  let called: () => void = () => {};
  const firstCall = new Promise<void>((resolveCalled) => (called = resolveCalled));

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };
  const originOk = (req: IncomingMessage): boolean => {
    const o = req.headers.origin;
    return o === undefined || o === origin;
  };

  const assetNames = listAssets(options.rendererDir);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parsedUrl(req.url, origin);
    if (!url) return sendJson(res, 400, { error: 'bad request' });
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (url.pathname.startsWith('/api/')) {
      // The method name is decoded only after the caller is authenticated (by the API handler).
      const auth = req.headers.authorization;
      const allowed = originOk(req) && tokenOk(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined);
      if (allowed) called();
      const handler = api ?? (await ready, api);
      if (!handler) return sendJson(res, allowed ? 503 : 401, { ok: false, error: { code: allowed ? (failed ?? 'internal') : 'unauthorized', message: 'station not started' } });
      return allowed ? handler.call(req, res, url.pathname.slice(5)) : handler.unauthorized(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    const file = await readStatic(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Security-Policy': contentSecurityPolicy(`'self' ${origin.replace('http', 'ws')}`),
      'Cache-Control': file.cacheControl,
    });
    const html = file.type.startsWith('text/html');
    const page = html ? withLanguagePreload(file.body, assetNames, pageLanguage(req.headers['accept-language'])) : file.body;
    res.end(req.method === 'HEAD' ? undefined : page);
    if (html && req.method === 'GET') served();
  }

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    const url = parsedUrl(req.url, origin);
    if (!url || url.pathname !== '/events' || !originOk(req) || !tokenOk(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    void (async () => {
      const handler = api ?? (await ready, api);
      if (!handler || socket.destroyed) return socket.destroy();
      handler.upgrade(req, socket, head, url);
    })();
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  const fail = (code: string) => {
    failed = code;
    settle();
  };
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    pageServed,
    firstCall,
    attach(handler) {
      api = handler;
      settle();
    },
    fail,
    async close() {
      if (!api && !failed) fail('internal');
      api?.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function listAssets(rendererDir: string): string[] {
  try {
    return readdirSync(join(rendererDir, 'assets'));
  } catch {
    return [];
  }
}

/** The request's URL, or null when it cannot be read (URL.parse needs Node 22). */
function parsedUrl(path: string | undefined, origin: string): URL | null {
  try {
    return new URL(path ?? '/', origin || 'http://127.0.0.1');
  } catch {
    return null;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
