import type BetterSqlite3 from 'better-sqlite3';

/** The connection type itself (not database.ts's alias: that module imports this one). */
type Db = BetterSqlite3.Database;
import { RAW_KEY } from '../crypto/raw-key';

/** How a key is written in SQLCipher's key pragma: a raw 256-bit key as a blob, a passphrase as text. */
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
