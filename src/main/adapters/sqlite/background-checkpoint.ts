import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './database';

/**
 * After a transaction that wrote many pages (a new demo folder's seed, about 20 MB), copying the
 * log into the file is left to another thread: done by the commit, it took 0.18 s of the first
 * start here. The connection's own automatic checkpoints are off until that thread is done (or
 * could not start: running from the sources, the connection's next commit does it, as before).
 */
export function checkpointElsewhere(db: Db, file: string, key: string | null, log: (line: string) => void = () => {}): void {
  const automatic = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${automatic}`);
  };
  const entry = import.meta.url.endsWith('.mjs') ? fileURLToPath(new URL('./checkpoint-worker.mjs', import.meta.url)) : null;
  if (!entry || !existsSync(entry)) return;
  db.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(entry, { workerData: { file, key } });
  // A process that ends meanwhile loses nothing: the log stays, and SQLite copies it later.
  worker.unref();
  worker.once('message', (answer: { done?: true; failed?: string }) => {
    if (answer.failed) log(`checkpoint after the seed not done: ${answer.failed}`);
  });
  worker.once('error', (error) => log(`checkpoint after the seed not done: ${error.message}`));
  worker.once('exit', restore);
}
