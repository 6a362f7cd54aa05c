import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { apiProxy } from './api-proxy';
import { listenPageServer } from './page-server';
import type { PageThreadData, ToPageThread } from './page-thread';

/**
 * The page thread (see page-thread.ts): the page server listens here, so the page and its assets
 * are served while the main thread loads and opens the station; calls and the event socket wait
 * for the station's own server, then go there.
 */
const data = workerData as PageThreadData;
const port = parentPort!;
const log = (line: string) => port.postMessage({ log: line });

const server = await listenPageServer({ rendererDir: data.rendererDir, port: data.port, log, ...(data.token ? { token: data.token } : {}) });
// Written here, not by the main thread: that thread may be busy loading the station for a while
// yet, and whoever waits for the address should have it as soon as the page can be loaded.
const announced = data.announce ? announce(data.announce.replace('{url}', server.url)) : false;
port.postMessage({ listening: { url: server.url, origin: server.origin, token: server.token, port: server.port }, announced });
port.on('message', (message: ToPageThread) => {
  if ('attach' in message) server.attach(apiProxy(message.attach, log));
  else if ('fail' in message) server.fail(message.fail);
  else if ('close' in message) void server.close().then(() => port.postMessage({ closed: true }));
});

/** Writes the line straight to standard output; false when that cannot be done here (the main thread then prints it). */
function announce(line: string): boolean {
  try {
    writeSync(1, line);
    return true;
  } catch {
    return false;
  }
}
