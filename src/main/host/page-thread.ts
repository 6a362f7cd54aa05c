import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ApiHandler, PageServer } from './page-server';

/** What the page thread is started with. */
export interface PageThreadData {
  rendererDir: string;
  port: number;
  token?: string;
  /** A line the page thread writes to standard output once it listens, `{url}` replaced by the page's address. */
  announce?: string;
}

/** Messages to the page thread: the station's server port, the station's refusal, or close. */
export type ToPageThread = { attach: number } | { fail: string } | { close: true };
type FromPageThread = { listening: { url: string; origin: string; token: string; port: number }; announced: boolean } | { log: string } | { closed: true };

/**
 * The page server on a thread of its own, for the host command: the browser loads the page and
 * its assets there while this thread loads the station's modules and opens its database (Node
 * evaluates modules without giving the event loop a turn, so a page server on this thread would
 * answer only once the station is open). Calls and the event socket then go to the station's own
 * server on this thread, on another loopback port, which checks token and origin again.
 *
 * Null when there is no built worker to start (running from the TypeScript sources): the caller
 * then serves the page on this thread, as before.
 */
export async function startPageThread(options: PageThreadData & { log: (line: string) => void }): Promise<PageServer | null> {
  if (!import.meta.url.endsWith('.mjs')) return null;
  const entry = fileURLToPath(new URL('./page-thread-worker.mjs', import.meta.url));
  if (!existsSync(entry)) return null;
  const { log, ...data } = options;
  const worker = new Worker(entry, { workerData: data satisfies PageThreadData });
  const send = (message: ToPageThread) => worker.postMessage(message);
  let closing: Promise<void> | null = null;
  const listening = await new Promise<Extract<FromPageThread, { listening: unknown }>['listening']>((resolve, reject) => {
    worker.on('message', (message: FromPageThread) => {
      if ('listening' in message) {
        if (data.announce && !message.announced) process.stdout.write(data.announce.replace('{url}', message.listening.url));
        resolve(message.listening);
      } else if ('log' in message) log(message.log);
    });
    // Before it listens (a port in use), its error is the start's, reported once by the caller.
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`page server exited with ${code}`)));
  });
  worker.once('error', (error) => log(`page server stopped: ${error.message}`));
  worker.once('exit', (code) => {
    if (!closing) log(`page server stopped (exit ${code})`);
  });
  let station: Promise<PageServer> | null = null;
  return {
    ...listening,
    attach(api: ApiHandler) {
      // The station's own server: same token, and the page thread's origin as the only one allowed.
      // Loaded here, not before the page thread starts: this thread serves nothing until now.
      station = import('./page-server').then(({ listenPageServer }) => listenPageServer({ rendererDir: data.rendererDir, port: 0, token: listening.token, origin: listening.origin, log }));
      void station.then(
        (server) => {
          server.attach(api);
          send({ attach: server.port });
        },
        (error: unknown) => {
          log(`station server not started: ${(error as Error).message}`);
          send({ fail: 'internal' });
        },
      );
    },
    fail: (code: string) => send({ fail: code }),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => {
          worker.on('message', (message: FromPageThread) => 'closed' in message && resolve());
          worker.once('exit', () => resolve());
        });
        send({ close: true });
        await closed;
        await worker.terminate();
        await (await station?.catch(() => null))?.close();
      })();
      return closing;
    },
  };
}
