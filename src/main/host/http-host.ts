import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { Language, type Language as LanguageT } from '../../shared/i18n/languages';
import type { Station } from '../station/station';
import { errorEnvelope } from '../station/dispatcher';
import { permissionOf } from '../../shared/contract';
import { isPublicRead } from '../../shared/access';
import { isDoseDeskError } from '../../shared/errors';
import { listenPageServer, sendJson, type ApiHandler, type RunningHost } from './page-server';

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

export type { RunningHost } from './page-server';

const MAX_BODY = 256 * 1024;
/** A centre's spreadsheet (up to 20 MB) or centre file travels in one call: only these methods may send that much. */
const MAX_FILE_BODY = 32 * 1024 * 1024;
const FILE_METHODS = new Set(['imports.calendar', 'imports.products', 'imports.invitations', 'centre.join']);

/**
 * The Node host: the same contract as Electron's IPC, over HTTP (calls) and WebSocket (events),
 * bound to 127.0.0.1 only. Every call needs the per-run token and must come from this origin.
 */
export async function startHttpHost(options: HostOptions): Promise<RunningHost> {
  const server = await listenPageServer(options);
  server.attach(stationApi(options));
  return server;
}

/** Calls and events of an open station, behind the page server's token and origin checks (page-server.ts). */
export function stationApi(options: Pick<HostOptions, 'station' | 'verified'>): ApiHandler {
  const { station } = options;

  // The staff session of a browser tab: an opaque id from staff.signIn, sent back on every call.
  const sessionOf = (req: IncomingMessage): string | undefined => {
    const value = req.headers['x-dosedesk-session'];
    return typeof value === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
  };
  const languageOf = (req: IncomingMessage): LanguageT => {
    const parsed = Language.safeParse(req.headers['x-dosedesk-lang']);
    return parsed.success ? parsed.data : station.ctx.settings.get().language;
  };

  async function call(req: IncomingMessage, res: ServerResponse, rawMethod: string): Promise<void> {
    const language = languageOf(req);
    if (req.method !== 'POST') return sendJson(res, 405, errorEnvelope('validation', language, { detail: 'POST only' }));
    const method = decodedMethod(rawMethod);
    // A path that does not decode names no method: the same answer as an unknown one, not a failure.
    if (method === null) return sendJson(res, 404, errorEnvelope('unknown_method', language, { method: rawMethod.slice(0, 80) }));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, errorEnvelope('validation', language, { detail: 'application/json only' }));
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, FILE_METHODS.has(method) ? MAX_FILE_BODY : MAX_BODY));
    } catch (error) {
      return sendJson(res, 400, errorEnvelope('validation', language, { detail: (error as Error).message.slice(0, 120) }));
    }
    const refusal = await waitForVerdict(method, language);
    if (refusal) return sendJson(res, 503, refusal);
    const sessionId = sessionOf(req);
    const envelope = await station.dispatch(method, body, { language, transport: 'http', ...(sessionId ? { sessionId, sessionKind: 'tab' as const } : {}) });
    sendJson(res, 200, envelope);
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

  // The WebSocket library loads with the first event socket (the page's), not with the station.
  let wss: Promise<WebSocketServer> | null = null;
  const socketServer = () => (wss ??= import('ws').then(({ WebSocketServer: Server }) => new Server({ noServer: true, maxPayload: 4096 })));
  let closed = false;
  const sockets = new Set<WebSocket>();
  // Which staff session each event socket belongs to: events with personal data go only to unlocked sessions.
  const socketSessions = new WeakMap<WebSocket, string>();
  const bindSession = (ws: WebSocket, id: unknown) => {
    if (typeof id === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(id)) socketSessions.set(ws, id);
    else socketSessions.delete(ws);
  };
  const upgrade: ApiHandler['upgrade'] = (req, socket, head, url) => {
    void socketServer().then((server) => {
      if (closed || socket.destroyed) return socket.destroy();
      accept(server, req, socket, head, url);
    });
  };
  const accept = (server: WebSocketServer, ...[req, socket, head, url]: Parameters<ApiHandler['upgrade']>) => {
    server.handleUpgrade(req, socket, head, (ws) => {
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
  };
  const unsubscribe = station.ctx.events.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) {
      if (ws.readyState === ws.OPEN && station.security.canReceiveEvent(socketSessions.get(ws), event)) ws.send(frame);
    }
  });
  return {
    call,
    upgrade,
    unauthorized: (req, res) => sendJson(res, 401, errorEnvelope('unauthorized', languageOf(req))),
    close() {
      unsubscribe();
      closed = true;
      for (const ws of sockets) ws.terminate();
      void wss?.then((server) => server.close());
    },
  };
}

/** The method name of a call path, or null when its percent-escapes are malformed. */
function decodedMethod(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
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
