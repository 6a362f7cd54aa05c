import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m64-');
afterAll(() => temp.cleanup());

describe('migration 64 (dated dose rules)', () => {
  it('upgrades a database of the version before: an empty table, one version per product and day, an interval whole or absent', () => {
    const db = openDatabase(join(temp.dir, 'm64.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 64) });
    try {
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 64))).toBe(64);
      expect(db.prepare('SELECT COUNT(*) AS n FROM dose_rules').get()).toEqual({ n: 0 });
      db.prepare(`INSERT INTO vaccine_products (code, name, doses_in_course, doses_per_vial, usable_hours, active, updated_at) VALUES ('vaxzevria', 'Vaxzevria', 2, 10, 6, 1, 'x')`).run();
      const insert = (validFrom: string, minDays: number | null, maxDays: number | null) =>
        db
          .prepare(`INSERT INTO dose_rules (id, product_code, valid_from, min_days, target_days, max_days, reason, created_by, created_at) VALUES (?, 'vaxzevria', ?, ?, 84, ?, 'r', 'b', 'x')`)
          .run(`id-${validFrom}-${minDays}`, validFrom, minDays, maxDays);
      insert('2021-02-08', 28, 84);
      expect(() => insert('2021-02-08', 28, 84)).toThrow(/UNIQUE/);
      expect(() => insert('2021-06-01', 28, null)).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
