/**
 * Runs `PRAGMA integrity_check` on its own read-only connection in a worker thread (see
 * background-integrity.ts) and posts the problems found, or why it could not tell.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';
import { applyDatabaseKey } from './cipher';

const { file, key } = workerData as { file: string; key: string | null };
yieldTheProcessor();
try {
  const db = new Database(file, { readonly: true, fileMustExist: true }) as unknown as Db;
  try {
    if (key) applyDatabaseKey(db, key);
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    parentPort?.postMessage({ problems: rows.map((r) => r.integrity_check).filter((r) => r !== 'ok') });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort?.postMessage({ unknown: (error as Error).message });
}

/**
 * The check reads the whole file (0.5-0.9 s of CPU for a demo centre here) while the station
 * opens and the kiosk's browser draws the first screen on the same cores: this thread gives way to
 * them. Only on Linux, where a nice value belongs to the calling thread; elsewhere it would lower
 * the whole station process, so the check runs as before.
 */
function yieldTheProcessor(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(19);
  } catch {
    // not allowed here: the check runs at the usual priority
  }
}
