import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../../../../src/main/station/products/products';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m54-');
afterAll(() => temp.cleanup());

describe('migration 54 (vial waste, standby calls)', () => {
  it('adds the waste reason and the doses wasted to vials, and the call outcome to standby entries, of the previous version, known values only', () => {
    const db = openDatabase(join(temp.dir, 'm54.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 54) });
    try {
      ensureProducts(db, DEFAULT_PRODUCTS, new Date('2027-03-01T08:00:00.000Z'));
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 54))).toBe(54);
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('vials')`).all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['waste_reason', 'doses_wasted']));
      db.prepare(`INSERT INTO lots (id, product_code, gtin, lot, expiry, source, created_at) VALUES ('l', 'comirnaty', NULL, 'FE1', '2027-12-31', 'typed', '2027-03-01T08:00:00Z')`).run();
      const insert = (id: string, reason: string | null, wasted: number | null) =>
        db
          .prepare(
            `INSERT INTO vials (id, station_id, product_code, lot_id, punctured_at, usable_until, doses_total, status, opened_by, created_at, waste_reason, doses_wasted)
             VALUES (?, 's', 'comirnaty', 'l', '2027-03-01T08:00:00Z', '2027-03-01T14:00:00Z', 6, 'discarded', 'An', '2027-03-01T08:00:00Z', ?, ?)`,
          )
          .run(id, reason, wasted);
      insert('a', 'contaminated', 3);
      insert('b', null, null);
      expect(() => insert('c', 'lost', 1)).toThrow(/CHECK/);
      expect(() => insert('d', 'other', -1)).toThrow(/CHECK/);
      const standbyColumns = (db.prepare(`SELECT name FROM pragma_table_info('standby')`).all() as { name: string }[]).map((c) => c.name);
      expect(standbyColumns).toEqual(expect.arrayContaining(['call_outcome', 'call_outcome_at']));
      const standby = (id: string, outcome: string) =>
        db
          .prepare(
            `INSERT INTO standby (id, display_name, phone, product_codes, status, station_id, added_at, updated_at, call_outcome, call_outcome_at)
             VALUES (?, 'Jan', '+32470123456', '["comirnaty"]', 'waiting', 's', '2027-03-01T08:00:00Z', '2027-03-01T08:00:00Z', ?, '2027-03-01T08:00:00Z')`,
          )
          .run(id, outcome);
      standby('s1', 'unreachable');
      expect(() => standby('s2', 'maybe')).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
