import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { encryptedFileVerdict, isPlainSqliteFile } from '../crypto/db-key';
import { applyDatabaseKey, rekeyDatabase } from './cipher';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';

export interface OpenOptions {
  /** Migrations to apply (defaults to all); tests pass a prefix to test one step at a time. */
  migrations?: readonly Migration[];
  /** Path to a native binding built for another runtime (Electron), so the Node build stays. */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Encryption at rest (SQLCipher 4 settings): a 64-hex-digit raw key or a long passphrase. The
   * host and Electron always pass one; tests may omit it for speed (the file is then plain SQLite).
   * A plain file opened with a key is encrypted in place first (upgrade of an older station).
   */
  key?: string;
  /**
   * The caller checks integrity itself (on another thread, see background-integrity.ts) and waits
   * for the verdict before any use: skipped here when the schema is current. A schema to migrate is
   * still checked here first, never migrated unchecked.
   */
  integrityCheckedByCaller?: boolean;
}

/** The better-sqlite3 API; the build underneath is better-sqlite3-multiple-ciphers (same API). */
export type Db = BetterSqlite3.Database;

/**
 * Opens (creating if needed) a station database: WAL with synchronous=FULL so that a commit
 * survives a power cut, foreign keys on, integrity checked before any use, migrations applied.
 * A database that fails its check or is newer than this build is refused, never used.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  if (options.key !== undefined && file !== ':memory:' && !options.readonly && isPlainSqliteFile(file)) {
    encryptPlainFile(file, options.key, options.nativeBinding);
  }
  const db = connect(file, options);
  try {
    if (options.key !== undefined) {
      // The key must be the first statements, before anything reads a page.
      applyDatabaseKey(db, options.key);
      probeKey(db, file, options.key);
    }
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    if (!options.integrityCheckedByCaller || !isCurrent(db, migrations, latestVersion(migrations))) checkIntegrity(db);
    if (!options.readonly) migrate(db, migrations);
    else refuseTooNew(db, latestVersion(migrations));
    return db;
  } catch (error) {
    db.close();
    throw asOpenError(error, file);
  }
}

function connect(file: string, options: OpenOptions): Db {
  return new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  }) as unknown as Db;
}

/**
 * With a key, "not a database" means a wrong key or a damaged first page; page 2 tells which
 * (encryptedFileVerdict), so staff are not sent looking for another key when the file is broken.
 */
function probeKey(db: Db, file: string, key: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_NOTADB') throw error;
    if (file !== ':memory:' && encryptedFileVerdict(file, key) === 'damaged') throw new DoseDeskError('db.damaged', { file });
    throw new DoseDeskError('crypto.wrong_key');
  }
}

/** Encrypts a plain station database in place (rekey needs a rollback journal, so WAL is left first). */
function encryptPlainFile(file: string, key: string, nativeBinding: string | undefined): void {
  const db = connect(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
    rekeyDatabase(db, key);
  } finally {
    db.close();
  }
}

/**
 * One write transaction that lets the event loop run between its steps (`work` awaits): the steps
 * commit together or not at all. Meanwhile nothing else may write on this connection; reads see
 * the steps done so far. A connection closed in between (the process stopping) rolls it back.
 */
export async function yieldingTransaction<T>(db: Db, work: () => Promise<T>, options: { checkpointLater?: boolean } = {}): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    // Durable at COMMIT all the same: only the copy of the log into the file waits (background-checkpoint.ts).
    const automatic = options.checkpointLater ? (db.pragma('wal_autocheckpoint', { simple: true }) as number) : null;
    if (automatic !== null) db.pragma('wal_autocheckpoint = 0');
    try {
      db.exec('COMMIT');
    } finally {
      if (automatic !== null) db.pragma(`wal_autocheckpoint = ${automatic}`);
    }
    return result;
  } catch (error) {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** True for SQLite's "database or disk is full" and the file system's ENOSPC. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** SQLite's "not a database", "corrupt" and "full" answers become the refusal staff can act on. */
function asOpenError(error: unknown, file: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB') return new DoseDeskError('db.damaged', { file }, (error as Error).message);
  if (code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_')) {
    return new DoseDeskError('db.integrity', { detail: (error as Error).message });
  }
  if (isDiskFull(error)) return new DoseDeskError('db.full', {}, (error as Error).message);
  return error;
}

export function checkIntegrity(db: Db): void {
  let rows: { integrity_check: string }[];
  try {
    rows = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (error) {
    throw new DoseDeskError('db.integrity', { detail: String((error as Error).message) });
  }
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new DoseDeskError('db.integrity', { detail: problems.slice(0, 3).join('; ') });
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

function refuseTooNew(db: Db, known: number): void {
  const found = schemaVersion(db);
  if (found > known) throw new DoseDeskError('db.too_new', { found, known });
}

/**
 * Applies each pending migration in its own transaction, recording it in the `schema_migrations`
 * ledger and raising user_version to the highest applied. The ledger, not user_version alone,
 * decides what is pending: a migration numbered below one already applied (work that landed in a
 * different order) is still applied, never silently skipped.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = latestVersion(migrations);
  if (isCurrent(db, migrations, latest)) return latest;
  assertOrdered(migrations);
  refuseTooNew(db, latestVersion(migrations));
  // A new file has nothing to keep between steps: its whole schema is one transaction (one commit, not one per migration).
  if (isEmpty(db)) {
    const last = migrations[migrations.length - 1]!;
    migrationStep(last, () =>
      db.transaction(() => {
        const applied = ensureLedger(db, migrations);
        for (const migration of migrations) if (!applied.has(migration.version)) migrationStep(migration, () => applyMigration(db, migration));
      }).immediate(),
    );
    return schemaVersion(db);
  }
  const applied = ensureLedger(db, migrations);
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    migrationStep(migration, () => db.transaction(() => applyMigration(db, migration)).immediate());
    applied.add(migration.version);
  }
  return schemaVersion(db);
}

/** No table, no schema version: a file just created. */
function isEmpty(db: Db): boolean {
  return schemaVersion(db) === 0 && db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get() === undefined;
}

/** One migration and its ledger row, inside the caller's transaction. */
function applyMigration(db: Db, migration: Migration): void {
  migration.up(db);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
  db.pragma(`user_version = ${Math.max(schemaVersion(db), migration.version)}`);
}

/** Runs a step of `migration` (or its commit); a failure is refused naming it, a full disk as such. */
function migrationStep(migration: Migration, step: () => void): void {
  try {
    step();
  } catch (error) {
    if (error instanceof DoseDeskError) throw error; // already named by the step inside
    if (isDiskFull(error)) throw new DoseDeskError('db.full', {}, `${migration.name}: ${(error as Error).message}`);
    throw new DoseDeskError('db.migration', { version: migration.version }, `${migration.name}: ${(error as Error).message}`);
  }
}

/**
 * The usual start: one statement reads user_version and the ledger, and every known migration is
 * there, in order. Anything else (no ledger yet, a missing or an unknown version) takes the full path.
 */
function isCurrent(db: Db, migrations: readonly Migration[], latest: number): boolean {
  let row: { version: number; applied: string | null } | undefined;
  try {
    row = db
      .prepare(`SELECT (SELECT user_version FROM pragma_user_version) AS version, (SELECT group_concat(version, ',' ORDER BY version) FROM schema_migrations) AS applied`)
      .get() as { version: number; applied: string | null } | undefined;
  } catch {
    return false; // no ledger yet
  }
  return row !== undefined && row.version === latest && row.applied === migrations.map((m) => m.version).join(',');
}

/** The versions already applied; a database from before the ledger counts everything up to its user_version. */
function ensureLedger(db: Db, migrations: readonly Migration[]): Set<number> {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get() !== undefined;
  if (!exists) {
    db.transaction(() => {
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
      const current = schemaVersion(db);
      const insert = db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'before-ledger')`);
      for (const m of migrations) if (m.version <= current) insert.run(m.version, m.name);
    }).immediate();
  }
  return new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`migrations out of order at ${migrations[i]!.name}`);
    }
  }
}

/** Rows this connection has inserted, updated or deleted since it opened: tells whether a call wrote. */
export function totalChanges(db: Db): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
