import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Db } from '../sqlite/database';
import { DoseDeskError } from '../../../shared/errors';

/**
 * Keys of the encrypted station database (better-sqlite3-multiple-ciphers with SQLCipher 4
 * settings). A station key is 32 random bytes written as 64 hex digits and given to SQLCipher as a
 * raw key, so no key derivation runs at open; a passphrase (an operator's DOSEDESK_DB_KEY) goes
 * through SQLCipher's own PBKDF2.
 */
const RAW_KEY = /^[0-9a-fA-F]{64}$/;
const MIN_PASSPHRASE = 16;

export function generateDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

/** Refuses a key that is neither a raw 256-bit key nor a long passphrase; `source` names where it came from. */
export function checkDatabaseKey(key: string, source: string): string {
  const trimmed = key.trim();
  if (RAW_KEY.test(trimmed) || trimmed.length >= MIN_PASSPHRASE) return trimmed;
  throw new DoseDeskError('crypto.key_invalid', { source });
}

function keyValue(key: string): string {
  return RAW_KEY.test(key) ? `"x'${key}'"` : `'${key.replace(/'/g, "''")}'`;
}

/** The first statements on a connection to an encrypted file, before anything reads a page. */
export function applyDatabaseKey(db: Db, key: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = ${keyValue(key)}`);
}

/** Re-encrypts the open database under a new key (the database must not be in WAL mode). */
export function rekeyDatabase(db: Db, key: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`rekey = ${keyValue(key)}`);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True for a readable, unencrypted SQLite file (its header is in clear). */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
