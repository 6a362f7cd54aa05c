/**
 * Runs `PRAGMA integrity_check` on its own read-only connection in a worker thread (see
 * background-integrity.ts) and posts the problems found, or why it could not tell.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';
import { applyDatabaseKey } from './cipher';

const { file, key } = workerData as { file: string; key: string | null };
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
