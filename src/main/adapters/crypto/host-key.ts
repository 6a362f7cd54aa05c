import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { checkDatabaseKey, generateDatabaseKey, isPlainSqliteFile } from './db-key';

export interface HostKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Create the key file when there is none (host start); the CLI only reads. */
  create?: boolean;
  /** The station database, to tell "new station" from "encrypted database whose key went missing". */
  databaseFile?: string;
  platform?: NodeJS.Platform;
}

export interface HostKey {
  /** null: no key anywhere and the database is plain (a test folder) or absent and not to be created. */
  key: string | null;
  source: 'env' | 'file' | 'none';
  file: string | null;
}

/**
 * The key file of the Node host sits NEXT TO the data folder (`<folder>.key`), not inside it, so a
 * copy of the data folder alone never carries its key. DOSEDESK_DB_KEY_FILE names another file.
 */
export function hostKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOSEDESK_DB_KEY_FILE) return resolve(env.DOSEDESK_DB_KEY_FILE);
  const folder = resolve(dataDir);
  return join(dirname(folder), `${basename(folder)}.key`);
}

/**
 * The database key of a Node host station: DOSEDESK_DB_KEY if set, else the key file, created on
 * first run with mode 0600. A key file readable by group or others is refused, not used.
 */
export function resolveHostDatabaseKey(dataDir: string, options: HostKeyOptions = {}): HostKey {
  const env = options.env ?? process.env;
  if (env.DOSEDESK_DB_KEY) return { key: checkDatabaseKey(env.DOSEDESK_DB_KEY, 'DOSEDESK_DB_KEY'), source: 'env', file: null };
  const file = hostKeyFile(dataDir, env);
  if (existsSync(file)) return { key: readKeyFile(file, options.platform ?? process.platform), source: 'file', file };
  const database = options.databaseFile;
  const encryptedWithoutKey = !!database && existsSync(database) && statSync(database).size > 0 && !isPlainSqliteFile(database);
  if (encryptedWithoutKey) throw new DoseDeskError('crypto.key_missing', { file });
  if (!options.create) return { key: null, source: 'none', file: null };
  const key = generateDatabaseKey();
  mkdirSync(dirname(file), { recursive: true });
  // 'wx': never overwrite a key that appeared meanwhile (two hosts starting at once).
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'file', file };
}

export function readKeyFile(file: string, platform: NodeJS.Platform = process.platform): string {
  const info = statSync(file);
  // Windows has no POSIX modes; its ACLs are the profile folder's.
  if (platform !== 'win32' && (info.mode & 0o077) !== 0) throw new DoseDeskError('crypto.key_file_mode', { file });
  return checkDatabaseKey(readFileSync(file, 'utf8'), file);
}
