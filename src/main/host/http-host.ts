import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Language, type Language as LanguageT } from '../../shared/i18n/languages';
import type { Station } from '../station/station';
import { errorEnvelope } from '../station/dispatcher';
import { permissionOf } from '../../shared/contract';
import { isPublicRead } from '../../shared/access';
import { isDoseDeskError } from '../../shared/errors';
import { contentSecurityPolicy, readStatic } from './static-files';

export interface HostOptions {
  station: Station;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  log?: (line: string) => void;
  /**
   * Settles once the station may be used in full (its database's integrity check passed): until
   * then only public reads are answered (status bar, sign-in form) and every other call waits for
   * it; if it rejects, those calls get its refusal and nothing is written.
   */
  verified?: Promise<void>;
}

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024;
/** A centre's spreadsheet (up to 20 MB) or centre file travels in one call: only these methods may send that much. */
const MAX_FILE_BODY = 32 * 1024 * 1024;
const FILE_METHODS = new Set(['imports.calendar', 'imports.products', 'imports.invitations', 'centre.join']);

/**
 * The Node host: the same contract as Electron's IPC, over HTTP (calls) and WebSocket (events),
 * bound to 127.0.0.1 only. Every call needs the per-run token and must come from this origin.
 */
export async function startHttpHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const { station } = options;
  const log = options.log ?? (() => {});
  let origin = '';

  const tokenOk = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };
  const originOk = (req: IncomingMessage): boolean => {
    const o = req.headers.origin;
    return o === undefined || o === origin;
  };
  // The staff session of a browser tab: an opaque id from staff.signIn, sent back on every call.
  const sessionOf = (req: IncomingMessage): string | undefined => {
    const value = req.headers['x-dosedesk-session'];
    return typeof value === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
  };
  const languageOf = (req: IncomingMessage): LanguageT => {
    const parsed = Language.safeParse(req.headers['x-dosedesk-lang']);
    return parsed.success ? parsed.data : station.ctx.settings.get().language;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'internal' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parsedUrl(req.url, origin);
    if (!url) return send(res, 400, { error: 'bad request' });
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // The method name is decoded only after the caller is authenticated (in handleCall).
    if (url.pathname.startsWith('/api/')) return handleCall(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
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
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, rawMethod: string): Promise<void> {
    const language = languageOf(req);
    if (req.method !== 'POST') return send(res, 405, errorEnvelope('validation', language, { detail: 'POST only' }));
    const auth = req.headers.authorization;
    if (!originOk(req) || !tokenOk(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined)) {
      return send(res, 401, errorEnvelope('unauthorized', language));
    }
    const method = decodedMethod(rawMethod);
    // A path that does not decode names no method: the same answer as an unknown one, not a failure.
    if (method === null) return send(res, 404, errorEnvelope('unknown_method', language, { method: rawMethod.slice(0, 80) }));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(res, 415, errorEnvelope('validation', language, { detail: 'application/json only' }));
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, FILE_METHODS.has(method) ? MAX_FILE_BODY : MAX_BODY));
    } catch (error) {
      return send(res, 400, errorEnvelope('validation', language, { detail: (error as Error).message.slice(0, 120) }));
    }
    const refusal = await waitForVerdict(method, language);
    if (refusal) return send(res, 503, refusal);
    const sessionId = sessionOf(req);
    const envelope = await station.dispatch(method, body, { language, transport: 'http', ...(sessionId ? { sessionId, sessionKind: 'tab' as const } : {}) });
    send(res, 200, envelope);
  }

  /** Null when the call may run now (or once the station is verified); the refusal's envelope otherwise. */
  async function waitForVerdict(method: string, language: LanguageT) {
    if (!options.verified) return null;
    const permission = permissionOf(method);
    if (permission && isPublicRead(permission)) return null;
    return options.verified.then(
      () => null,
      (error: unknown) => (isDoseDeskError(error) ? errorEnvelope(error.code, language, error.params) : errorEnvelope('internal', language)),
    );
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Set<WebSocket>();
  // Which staff session each event socket belongs to: events with personal data go only to unlocked sessions.
  const socketSessions = new WeakMap<WebSocket, string>();
  const bindSession = (ws: WebSocket, id: unknown) => {
    if (typeof id === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(id)) socketSessions.set(ws, id);
    else socketSessions.delete(ws);
  };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/events' || !originOk(req) || !tokenOk(url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      bindSession(ws, url.searchParams.get('session'));
      ws.on('close', () => sockets.delete(ws));
      // Windows only listen, except to say which staff session they now belong to: {"session": id | null}.
      ws.on('message', (data) => {
        try {
          const message = JSON.parse(String(data)) as { session?: unknown };
          if (message && typeof message === 'object' && 'session' in message) bindSession(ws, message.session);
        } catch {
          // not ours: ignored
        }
      });
    });
  });
  const unsubscribe = station.ctx.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) {
      if (ws.readyState === ws.OPEN && station.security.canReceiveEvent(socketSessions.get(ws), event)) ws.send(frame);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The request's URL, or null when it cannot be read (URL.parse needs Node 22). */
function parsedUrl(path: string | undefined, origin: string): URL | null {
  try {
    return new URL(path ?? '/', origin);
  } catch {
    return null;
  }
}

/** The method name of a call path, or null when its percent-escapes are malformed. */
function decodedMethod(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8') || '{}'));
    req.on('error', reject);
  });
}
