import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m67-');
afterAll(() => temp.cleanup());

describe('migration 67 (capacity units without rowid)', () => {
  it('keeps every unit with its owner and epoch, one b-tree keyed by slot and unit, the owner index and its refusals', () => {
    const db = openDatabase(join(temp.dir, 'm67.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 67) });
    try {
      // Units only: the slots they point to do not matter to the copy.
      db.pragma('foreign_keys = OFF');
      const insert = db.prepare('INSERT INTO slot_units (slot_id, unit, owner_station, epoch, updated_at) VALUES (?, ?, ?, ?, ?)');
      for (let slot = 0; slot < 50; slot++) for (let unit = 0; unit < 6; unit++) insert.run(`slot-${slot}`, unit, unit < 3 ? 'station-1' : 'station-2', slot % 3, '2026-03-01T08:00:00.000Z');
      const before = db.prepare('SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units ORDER BY slot_id, unit').all();
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 67))).toBe(67);
      expect(db.prepare('SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units ORDER BY slot_id, unit').all()).toEqual(before);
      const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'slot_units'`).get() as { sql: string };
      expect(table.sql).toMatch(/WITHOUT ROWID/);
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'slot_units' AND sql IS NOT NULL`).all() as { name: string }[]).map((i) => i.name);
      expect(indexes).toEqual(['slot_units_owner_unit']);
      expect(() => insert.run('slot-0', 0, 'station-3', 0, 'x')).toThrow(/UNIQUE|PRIMARY/);
      expect(() => insert.run('slot-0', -1, 'station-3', 0, 'x')).toThrow(/CHECK/);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT slot_id, unit FROM slot_units INDEXED BY slot_units_owner_unit WHERE owner_station = ? AND slot_id = ?`).all('station-1', 'slot-1') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX slot_units_owner_unit/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
