import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m62-');
afterAll(() => temp.cleanup());

describe('migrations 62 and 63 (observations and reactions)', () => {
  it('upgrade a database of the version before: the two tables, and doses keep no reactions until one is recorded', () => {
    const db = openDatabase(join(temp.dir, 'm62.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 62) });
    try {
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 63))).toBe(63);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'observation%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(['observation_reactions', 'observations']);
      const doseColumns = (db.prepare(`PRAGMA table_info(dose_records)`).all() as { name: string; dflt_value: unknown }[]).filter((c) => c.name === 'reactions');
      expect(doseColumns).toEqual([expect.objectContaining({ name: 'reactions', dflt_value: null })]);
      expect(() =>
        db.prepare(`INSERT INTO observation_reactions (id, observation_id, dose_id, at, local_date, manifestation, text, severity, action, recorded_by, recorded_at, status) VALUES ('r', 'o', 'd', 'x', 'x', 'rash', '', 'fatal', 'none', 'x', 'x', 'recorded')`).run(),
      ).toThrow(/CHECK|FOREIGN/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
