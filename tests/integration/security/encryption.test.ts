import Database from 'better-sqlite3';
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/main/adapters/sqlite/database';
import { generateDatabaseKey, isPlainSqliteFile } from '../../../src/main/adapters/crypto/db-key';
import { hostKeyFile, resolveHostDatabaseKey } from '../../../src/main/adapters/crypto/host-key';
import { loadOrCreateSealedKey, sealedKeyFile, type KeySealer } from '../../../src/main/adapters/crypto/sealed-key';
import { backupDatabase } from '../../../src/main/adapters/sqlite/backup';
import { DoseDeskError } from '../../../src/shared/errors';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';

const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));
function temp(): string {
  const t = makeTempDir();
  temps.push(t.cleanup);
  return t.dir;
}

const NAME = 'Vandenbroucke-Zyxwiq';

function addCitizen(db: Db) {
  const at = '2026-03-02T09:00:00.000Z'; // a fixed instant: the day plays no part here
  db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES (?, '85073100130', ?, 'Zoë', NULL, 'F', 'nl', 'checkin', ?, ?)`).run(crypto.randomUUID(), NAME, at, at);
}

/** Every file SQLite wrote for this database: the main file, its WAL and shared memory. */
function allBytes(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith('station.sqlite'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
  return undefined;
};

describe('encryption at rest', () => {
  it('keeps no plaintext in the database, its WAL or its shared memory, and refuses to open without the key', () => {
    const key = generateDatabaseKey();
    const s = openTestStation({ databaseKey: key });
    temps.push(s.cleanup);
    addCitizen(s.ctx.db);
    // While open, with committed data possibly only in the WAL:
    expect(allBytes(s.dataDir)).not.toContain(NAME);
    expect(allBytes(s.dataDir)).not.toContain('SQLite format 3');
    s.close();
    const file = join(s.dataDir, 'station.sqlite');
    expect(allBytes(s.dataDir)).not.toContain(NAME);
    expect(isPlainSqliteFile(file)).toBe(false);
    const plain = new Database(file);
    expect(() => plain.prepare('SELECT * FROM citizens').all()).toThrow(/file is not a database/);
    plain.close();
    const nokey = new CipherDatabase(file);
    expect(() => nokey.prepare('SELECT * FROM citizens').all()).toThrow(/file is not a database/);
    nokey.close();
    expect(codeOf(() => openDatabase(file, { key: generateDatabaseKey() }))).toBe('crypto.wrong_key');
    const again = openDatabase(file, { key });
    expect(again.prepare('SELECT family_name FROM citizens').get()).toEqual({ family_name: NAME });
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('encrypts an older plain station database in place when it is first opened with a key', () => {
    const dir = temp();
    const file = join(dir, 'station.sqlite');
    const db = openDatabase(file);
    addCitizen(db);
    db.close();
    expect(readFileSync(file).toString('latin1')).toContain(NAME);
    const key = generateDatabaseKey();
    const upgraded = openDatabase(file, { key });
    expect(upgraded.prepare('SELECT family_name FROM citizens').get()).toEqual({ family_name: NAME });
    upgraded.close();
    expect(allBytes(dir)).not.toContain(NAME);
  });

  it('accepts a long passphrase and refuses a short key', () => {
    const file = join(temp(), 'station.sqlite');
    openDatabase(file, { key: 'correct horse battery staple' }).close();
    expect(codeOf(() => openDatabase(file, { key: 'correct horse battery stapler' }))).toBe('crypto.wrong_key');
    expect(codeOf(() => resolveHostDatabaseKey(temp(), { env: { DOSEDESK_DB_KEY: 'short' } }))).toBe('crypto.key_invalid');
  });
});

describe('the Node host key file', () => {
  it('is created once next to the data folder with mode 0600, and read back', () => {
    const dataDir = join(temp(), 'station-1');
    const created = resolveHostDatabaseKey(dataDir, { create: true, env: {} });
    expect(created.file).toBe(`${dataDir}.key`);
    expect(hostKeyFile(dataDir, {})).toBe(`${dataDir}.key`);
    expect(created.key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(created.file!).mode & 0o777).toBe(0o600);
    expect(resolveHostDatabaseKey(dataDir, { create: true, env: {} }).key).toBe(created.key);
  });

  it('refuses a key file readable by group or others', () => {
    const dataDir = join(temp(), 'station-1');
    const { file } = resolveHostDatabaseKey(dataDir, { create: true, env: {} });
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(file!, mode);
      expect(codeOf(() => resolveHostDatabaseKey(dataDir, { env: {} }))).toBe('crypto.key_file_mode');
    }
    chmodSync(file!, 0o400);
    expect(resolveHostDatabaseKey(dataDir, { env: {} }).key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes DOSEDESK_DB_KEY first, and never makes up a new key for an encrypted database', () => {
    const dataDir = temp();
    const key = generateDatabaseKey();
    expect(resolveHostDatabaseKey(dataDir, { create: true, env: { DOSEDESK_DB_KEY: key } })).toEqual({ key, source: 'env', file: null });
    const database = join(dataDir, 'station.sqlite');
    openDatabase(database, { key }).close();
    expect(codeOf(() => resolveHostDatabaseKey(dataDir, { create: true, env: {}, databaseFile: database }))).toBe('crypto.key_missing');
    expect(existsSync(`${dataDir}.key`)).toBe(false);
  });
});

describe('the Electron key sealed by the OS key store', () => {
  /** Stand-in for safeStorage (Electron is not installed here): a reversible transform plus the backend name. */
  const sealer = (backend: string, available = true): KeySealer => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => Buffer.from(data.toString().slice('sealed:'.length), 'base64').toString(),
  });

  it("refuses Linux's plain-text fallback and an unavailable key store", () => {
    const dir = temp();
    const err = (() => {
      try {
        loadOrCreateSealedKey(dir, join(dir, 'station.sqlite'), sealer('basic_text'), 'linux');
      } catch (e) {
        return e as DoseDeskError;
      }
    })();
    expect(err?.code).toBe('crypto.keystore_plaintext');
    expect(codeOf(() => loadOrCreateSealedKey(dir, join(dir, 'station.sqlite'), sealer('gnome_libsecret', false), 'linux'))).toBe('crypto.keystore_unavailable');
    expect(existsSync(sealedKeyFile(dir))).toBe(false);
  });

  it('creates a random key, stores it only sealed, and gives the same key back', () => {
    const dir = temp();
    const key = loadOrCreateSealedKey(dir, join(dir, 'station.sqlite'), sealer('gnome_libsecret'), 'linux');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(sealedKeyFile(dir), 'utf8')).not.toContain(key);
    expect(statSync(sealedKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSealedKey(dir, join(dir, 'station.sqlite'), sealer('gnome_libsecret'), 'linux')).toBe(key);
    expect(loadOrCreateSealedKey(dir, join(dir, 'station.sqlite'), sealer('basic_text'), 'win32')).toBe(key);
  });
});

describe('backups', () => {
  it('are encrypted copies, with the station key or a separate backup key, never overwriting a file', () => {
    const key = generateDatabaseKey();
    const s = openTestStation({ databaseKey: key });
    temps.push(s.cleanup);
    addCitizen(s.ctx.db);
    const out = join(temp(), 'copies', 'station-backup.sqlite');
    const result = backupDatabase(s.ctx.db, out, { sourceKey: key });
    expect(result).toMatchObject({ file: out, encrypted: true });
    expect(readFileSync(out).toString('latin1')).not.toContain(NAME);
    const copy = openDatabase(out, { key, readonly: true });
    expect(copy.prepare('SELECT family_name FROM citizens').get()).toEqual({ family_name: NAME });
    copy.close();
    expect(codeOf(() => backupDatabase(s.ctx.db, out, { sourceKey: key }))).toBe('crypto.backup_exists');

    const backupKey = generateDatabaseKey();
    const other = join(temp(), 'offsite.sqlite');
    backupDatabase(s.ctx.db, other, { sourceKey: key, backupKey });
    expect(readFileSync(other).toString('latin1')).not.toContain(NAME);
    expect(codeOf(() => openDatabase(other, { key, readonly: true }))).toBe('crypto.wrong_key');
    const offsite = openDatabase(other, { key: backupKey, readonly: true });
    expect(offsite.prepare('SELECT family_name FROM citizens').get()).toEqual({ family_name: NAME });
    offsite.close();
  });

  it('of a plain test database are encrypted with the backup key', () => {
    const s = openTestStation();
    temps.push(s.cleanup);
    addCitizen(s.ctx.db);
    const out = join(temp(), 'copy.sqlite');
    const backupKey = generateDatabaseKey();
    backupDatabase(s.ctx.db, out, { sourceKey: null, backupKey });
    expect(readFileSync(out).toString('latin1')).not.toContain(NAME);
    expect(() => backupDatabase(s.ctx.db, join(temp(), 'x.sqlite'), { sourceKey: null })).toThrow(/unencrypted/);
  });
});
