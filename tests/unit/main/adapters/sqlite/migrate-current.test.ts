import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { latestVersion, migrate, openDatabase, schemaVersion } from '../../../../../src/main/adapters/sqlite/database';
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
});
