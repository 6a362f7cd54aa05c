import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts, findProduct } from '../../../../../../src/main/station/products/products';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m50-');
afterAll(() => temp.cleanup());
const now = new Date('2027-03-01T08:00:00.000Z');

describe('migration 50 (centre imports)', () => {
  it('keeps the products configured before, with no CNK or ATC, and refuses a CNK that is not 7 digits', () => {
    const db = openDatabase(join(temp.dir, 'm50.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 50) });
    try {
      ensureProducts(db, DEFAULT_PRODUCTS, now);
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 50))).toBe(50);
      expect(findProduct(db, 'comirnaty')).toMatchObject({ interval: { targetDays: 21 }, gtins: ['05413868120110'], cnk: null, atc: null });
      expect(() => db.prepare("UPDATE vaccine_products SET cnk = '123456' WHERE code = 'comirnaty'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE vaccine_products SET cnk = '12345a7' WHERE code = 'comirnaty'").run()).toThrow(/CHECK/);
      db.prepare("UPDATE vaccine_products SET cnk = '1234567', atc = 'J07BN01' WHERE code = 'comirnaty'").run();
      expect(findProduct(db, 'comirnaty')).toMatchObject({ cnk: '1234567', atc: 'J07BN01' });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
