/**
 * Copies a station database's write-ahead log into the file (`PRAGMA wal_checkpoint(PASSIVE)`) on
 * its own connection in a worker thread (see background-checkpoint.ts), and posts how it went.
 * PASSIVE never blocks the station's connection: what it cannot copy now is copied later.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './database';
import { applyDatabaseKey } from './cipher';

const { file, key } = workerData as { file: string; key: string | null };
try {
  const db = new Database(file, { fileMustExist: true }) as unknown as Db;
  try {
    if (key) applyDatabaseKey(db, key);
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort?.postMessage({ done: true });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort?.postMessage({ failed: (error as Error).message });
}
