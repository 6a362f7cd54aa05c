import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { sendJson, type ApiHandler } from './page-server';

/**
 * The page thread's side of calls and the event socket: each goes, as it came, to the station's
 * own server on the main thread (127.0.0.1:`port`), which checks the token and origin again and
 * answers in the staff's language. Nothing is decoded or kept here.
 */
/** Headers of one hop only (RFC 9110 7.6.1): each side of the proxy has its own connection. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);
const endToEnd = (headers: IncomingMessage['headers']) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));

export function apiProxy(port: number, log: (line: string) => void = () => {}): ApiHandler {
  // Kept-alive connections: a scan's call costs no new TCP handshake on the way to the station.
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      log(`call not passed to the station: ${error.message}`);
      if (!res.headersSent) sendJson(res, 503, { ok: false, error: { code: 'internal', message: 'station not reachable' } });
      else res.destroy();
    });
    req.pipe(upstream);
  };
  return {
    call: async (req, res) => forward(req, res),
    unauthorized: forward,
    upgrade(req, socket: Duplex, head: Buffer) {
      const upstream = connect(port, '127.0.0.1', () => {
        // The upgrade request again, byte for byte as far as HTTP/1.1 allows, then both ways as is.
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length) upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      const end = () => {
        upstream.destroy();
        socket.destroy();
      };
      upstream.on('error', end);
      upstream.on('close', end);
      socket.on('error', end);
      socket.on('close', end);
    },
    close: () => agent.destroy(),
  };
}
