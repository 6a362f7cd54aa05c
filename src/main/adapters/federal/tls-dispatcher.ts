import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { readFileSync } from 'node:fs';

/**
 * Why this file exists: fhir-kit-client 2 sends through Node's built-in fetch (undici). Built-in
 * fetch cannot present a client certificate unless it is given an undici `dispatcher`, and the
 * `undici` package (whose Agent takes TLS options) is not a dependency of the station. The
 * `agent` fhir-kit-client builds is ignored by built-in fetch. So for mutual TLS the client gets
 * this small dispatcher: it implements undici's documented `dispatch(options, handler)` contract
 * (onConnect/onHeaders/onData/onComplete/onError) over node:https with the station's
 * certificate, key and CA. fetch passes it through `Request`'s `dispatcher` option.
 */

export interface ClientTlsFiles {
  /** Client certificate and key (PEM); both or neither. */
  certFile?: string;
  keyFile?: string;
  /** CA bundle that signs the backend's certificate; the system store is used when absent. */
  caFile?: string;
  passphrase?: string;
}

interface DispatchOptions {
  origin: string | URL;
  path: string;
  method: string;
  headers?: Record<string, string | string[] | undefined> | (string | Buffer)[] | null;
  body?: string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array> | null;
}

interface DispatchHandler {
  onConnect?(abort: (reason?: Error) => void): void;
  onResponseStarted?(): void;
  onHeaders?(status: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean | void;
  onData?(chunk: Buffer): boolean | void;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(error: Error): void;
}

function headerObject(headers: DispatchOptions['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!headers) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i])] = String(headers[i + 1]);
    return out;
  }
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  return out;
}

function isAsyncIterable(v: unknown): v is AsyncIterable<Uint8Array> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v;
}

export class NodeTlsDispatcher {
  private readonly agent: HttpsAgent;

  constructor(tls: ClientTlsFiles) {
    this.agent = new HttpsAgent({
      keepAlive: true,
      ...(tls.certFile && tls.keyFile ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : {}),
      ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
      ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
    });
  }

  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean {
    const url = new URL(options.path, options.origin);
    let finished = false;
    const fail = (error: Error) => {
      if (finished) return;
      finished = true;
      handler.onError?.(error);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: options.method,
      headers: headerObject(options.headers),
      ...(url.protocol === 'https:' ? { agent: this.agent } : {}),
    });
    handler.onConnect?.((reason) => req.destroy(reason ?? new Error('aborted')));
    req.on('error', fail);
    req.on('response', (res: IncomingMessage) => {
      handler.onResponseStarted?.();
      const raw = res.rawHeaders.map((h) => Buffer.from(h, 'latin1'));
      const keepGoing = handler.onHeaders?.(res.statusCode ?? 0, raw, () => res.resume(), res.statusMessage ?? '');
      if (keepGoing === false) res.pause();
      res.on('data', (chunk: Buffer) => {
        if (handler.onData?.(chunk) === false) res.pause();
      });
      res.on('end', () => {
        if (finished) return;
        finished = true;
        handler.onComplete?.(null);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('response aborted')));
    });
    void (async () => {
      try {
        const body = options.body;
        if (body === null || body === undefined) req.end();
        else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
        else if (isAsyncIterable(body)) {
          for await (const chunk of body) req.write(chunk);
          req.end();
        } else {
          for (const chunk of body) req.write(chunk);
          req.end();
        }
      } catch (error) {
        req.destroy(error as Error);
      }
    })();
    return true;
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return this.close();
  }
}
