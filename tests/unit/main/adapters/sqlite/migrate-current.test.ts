import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../../../../src/main/adapters/sqlite/migration';
import { DoseDeskError } from '../../../../../src/shared/errors';
import { latestVersion, migrate, openDatabase, schemaVersion, type Db } from '../../../../../src/main/adapters/sqlite/database';
import { MIGRATIONS } from '../../../../../src/main/adapters/sqlite/migrations';
import { makeTempDir } from '../../../../support/temp-dir';

const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((c) => c()));
function tempFile(): string {
  const t = makeTempDir();
  temps.push(t.cleanup);
  return join(t.dir, 'station.sqlite');
}

describe('migrations at every start', () => {
  it('checks a current schema with one statement and applies nothing', () => {
    const db = openDatabase(tempFile());
    const prepare = vi.spyOn(db, 'prepare');
    const ups = MIGRATIONS.map((m) => vi.spyOn(m, 'up'));
    expect(migrate(db)).toBe(latestVersion());
    expect(prepare).toHaveBeenCalledTimes(1);
    for (const up of ups) expect(up).not.toHaveBeenCalled();
    ups.forEach((u) => u.mockRestore());
    db.close();
  });

  it('still applies a lower-numbered migration the ledger lacks, though user_version is the latest', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const last = MIGRATIONS[MIGRATIONS.length - 1]!;
    const earlier = MIGRATIONS[MIGRATIONS.length - 2]!;
    // As if `earlier` landed after `last` had been applied: the ledger has no row for it.
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(earlier.version);
    expect(schemaVersion(db)).toBe(last.version);
    const up = vi.spyOn(earlier, 'up').mockImplementation(() => {});
    migrate(db);
    expect(up).toHaveBeenCalledTimes(1);
    up.mockRestore();
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations WHERE version = ?').get(earlier.version) as { n: number }).n).toBe(1);
    db.close();
  });

  it('creates a new file\'s whole schema in one transaction: a failing last step leaves it empty, named by its version', () => {
    const db = new Database(tempFile()) as unknown as Db;
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'broken',
      up() {
        throw new Error('boom');
      },
    };
    let refusal: unknown;
    try {
      migrate(db, [...MIGRATIONS, broken]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DoseDeskError);
    expect((refusal as DoseDeskError).code).toBe('db.migration');
    expect((refusal as DoseDeskError).params).toEqual({ version: broken.version });
    // Not the 67 migrations before it: nothing at all, as one commit would have it.
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(latestVersion());
    db.close();
  });

  it('gives a new file the same schema in one transaction as one migration at a time', () => {
    const schema = (db: Db) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
    const together = openDatabase(tempFile());
    // One step at a time: the file is not empty any more after the first migration.
    const stepwise = openDatabase(tempFile(), { migrations: MIGRATIONS.slice(0, 1) });
    migrate(stepwise);
    expect(schema(together)).toEqual(schema(stepwise));
    const ledger = (db: Db) => db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(ledger(together)).toEqual(ledger(stepwise));
    expect(schemaVersion(together)).toBe(schemaVersion(stepwise));
    together.close();
    stepwise.close();
  });
});
