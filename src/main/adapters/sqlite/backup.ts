import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { checkIntegrity, openDatabase, type Db } from './database';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyDatabaseKey, rekeyDatabase } from './cipher';
import { useRollbackJournal, vacuumInto } from './copy-store';

export interface BackupOptions {
  /** The key the station database is open with (null: a plain test database). */
  sourceKey: string | null;
  /** Encrypt the copy under another key (e.g. the centre's backup key); default: the station key. */
  backupKey?: string;
  nativeBinding?: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  encrypted: boolean;
}

/**
 * An encrypted, consistent copy of a running station database. `VACUUM INTO` reads one snapshot
 * and writes the copy with the source's cipher and key; db.backup() cannot be used because this
 * build refuses a backup into an encrypted target and a plain intermediate copy would put health
 * data on disk in clear. The copy is written under a temporary name, re-keyed if asked, checked,
 * then renamed: a half-made backup never carries the final name.
 */
export function backupDatabase(db: Db, outFile: string, options: BackupOptions): BackupResult {
  if (existsSync(outFile)) throw new DoseDeskError('crypto.backup_exists', { file: outFile });
  const finalKey = options.backupKey ?? options.sourceKey;
  if (!finalKey) throw new Error('refusing to write an unencrypted backup: give a backup key');
  mkdirSync(dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  rmSync(partial, { force: true });
  try {
    vacuumInto(db, partial);
    if (options.backupKey && options.backupKey !== options.sourceKey) {
      const copy = new Database(partial, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) as unknown as Db;
      try {
        if (options.sourceKey) applyDatabaseKey(copy, options.sourceKey);
        useRollbackJournal(copy);
        rekeyDatabase(copy, options.backupKey);
      } finally {
        copy.close();
      }
    }
    const check = openDatabase(partial, { key: finalKey, readonly: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    try {
      checkIntegrity(check);
    } finally {
      check.close();
    }
    renameSync(partial, outFile);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file: outFile, bytes: statSync(outFile).size, encrypted: true };
}
