import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts, findProduct } from '../../../../../../src/main/station/products/products';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m53-');
afterAll(() => temp.cleanup());
const now = new Date('2027-03-01T08:00:00.000Z');

describe('migration 53 (dose administration)', () => {
  it('gives the products configured before their usual way and volume, and refuses a volume out of range', () => {
    const db = openDatabase(join(temp.dir, 'm53.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 53) });
    try {
      ensureProducts(db, DEFAULT_PRODUCTS, now);
      expect(findProduct(db, 'comirnaty')?.administration).toBeUndefined();
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 53))).toBe(53);
      expect(findProduct(db, 'comirnaty')?.administration).toEqual({ site: '35259002', side: 'left', route: 'IM', doseMl: 0.3 });
      expect(findProduct(db, 'janssen')?.administration).toEqual({ site: '35259002', side: 'left', route: 'IM', doseMl: 0.5 });
      expect(() => db.prepare("UPDATE vaccine_products SET dose_ml = 0 WHERE code = 'comirnaty'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE vaccine_products SET default_side = 'both' WHERE code = 'comirnaty'").run()).toThrow(/CHECK/);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
