import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SimStore } from './store';

/**
 * WAL checkpoints of the stand-in's file on another thread. Left to SQLite, every 1,000 pages a
 * commit also copies the log into the database file and flushes both to disk before the request
 * is answered: measured at about two thirds of the commit time of a drain. Here the serving
 * connection only appends to the log and a worker with its own connection checkpoints after
 * writes (PASSIVE: it never blocks the writer), while the station reads the answer and builds its
 * next bundle. SQLite still checkpoints on the serving connection when the log outgrows
 * `FALLBACK_CHECKPOINT_PAGES` (a worker that cannot keep up, or that failed), so the log stays bounded.
 */

/** The serving connection's own checkpoint threshold while the worker runs (pages of 4 KiB: 64 MiB). */
export const FALLBACK_CHECKPOINT_PAGES = 16_384;

/**
 * The worker's code, evaluated rather than loaded from a file: the stand-in runs from source
 * (tsx), from the command-line bundle and inside tests, and an evaluated worker needs no entry
 * file in any of them. The driver comes from the path the main thread resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

export interface WalCheckpointer {
  /** After a commit: checkpoint soon (requests made while one runs become one more run). */
  nudge(): void;
  /** Checkpoints done, the last one's frames (in the log, copied to the file) and the last error the worker reported. */
  readonly stats: { runs: number; last: { log: number; checkpointed: number } | null; lastError: string | null };
  /** Ends the worker and gives checkpoints back to the serving connection; resolves once the worker has closed its connection. */
  stop(): Promise<void>;
}

/** Starts the worker for the store's file; the store must outlive it (call stop() before closing the store). */
export function startWalCheckpointer(store: SimStore): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: store.db.name, driver } });
  // Never what keeps a process alive: a stand-in left unclosed still lets its process end.
  worker.unref();
  const defaultPages = store.db.pragma('wal_autocheckpoint', { simple: true }) as number;
  store.db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  const stats: WalCheckpointer['stats'] = { runs: 0, last: null, lastError: null };
  let running = false;
  let wanted = false;
  let alive = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const giveBack = () => {
    alive = false;
    if (store.db.open) store.db.pragma(`wal_autocheckpoint = ${defaultPages}`);
  };
  worker.on('message', (reply: { log: number; checkpointed: number } | { error: string }) => {
    stats.runs++;
    if ('error' in reply) stats.lastError = reply.error;
    else stats.last = reply;
    running = false;
    if (wanted && alive) {
      wanted = false;
      running = true;
      worker.postMessage('checkpoint');
    }
  });
  // A worker that could not start or died: SQLite checkpoints on the serving connection again.
  worker.once('error', (error) => {
    stats.lastError = error.message;
    giveBack();
  });
  void exited.then(giveBack);
  return {
    stats,
    nudge() {
      if (!alive) return;
      if (running) {
        wanted = true;
        return;
      }
      running = true;
      worker.postMessage('checkpoint');
    },
    async stop() {
      // Held open again until the worker has closed its connection: the caller closes the store after.
      worker.ref();
      if (alive) {
        alive = false;
        worker.postMessage('stop');
      }
      await exited;
      giveBack();
    },
  };
}
