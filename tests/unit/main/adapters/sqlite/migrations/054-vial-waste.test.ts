import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../../../../src/main/station/products/products';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m54-');
afterAll(() => temp.cleanup());

describe('migration 54 (vial waste)', () => {
  it('adds the waste reason and the doses wasted to vials of the previous version, a known reason only', () => {
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
    } finally {
      db.close();
    }
  });
});
