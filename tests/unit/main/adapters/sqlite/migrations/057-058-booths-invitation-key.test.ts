import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../../../../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../../../../src/main/station/products/products';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m57-');
afterAll(() => temp.cleanup());

const AT = '2027-03-01T08:00:00.000Z';

describe('migrations 57 (session booths) and 58 (invitation code key, withdrawal)', () => {
  it('adds booths to sessions (NULL for those already there, 1 to 100 afterwards)', () => {
    const db = openDatabase(join(temp.dir, 'm57.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 57) });
    try {
      ensureProducts(db, DEFAULT_PRODUCTS, new Date(AT));
      const insert = db.prepare(
        `INSERT INTO sessions (id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status, source, created_at) VALUES (?, '2027-03-02', 'comirnaty', '09:00', '12:00', 15, 6, 'open', 'supervisor', ?)`,
      );
      insert.run('before', AT);
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 57))).toBe(57);
      expect(db.prepare(`SELECT booths FROM sessions WHERE id = 'before'`).get()).toEqual({ booths: null });
      const setBooths = (n: number) => db.prepare(`UPDATE sessions SET booths = ? WHERE id = 'before'`).run(n);
      setBooths(3);
      expect(() => setBooths(0)).toThrow(/CHECK/);
      expect(() => setBooths(101)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('fills the code key of the invitations already held and records withdrawals by known sources only', () => {
    const db = openDatabase(join(temp.dir, 'm58.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 58) });
    try {
      db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073000488', 'Peeters', 'An', NULL, 'F', 'nl', 'seed', ?, ?)`).run(AT, AT);
      const invite = (id: string, code: string) =>
        db.prepare(`INSERT INTO invitations (id, citizen_id, code, eligible_products, status, source, created_at) VALUES (?, 'c1', ?, '[]', 'active', 'seed', ?)`).run(id, code, AT);
      invite('a', ' école-7ß ');
      invite('b', 'ABC123');
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 58))).toBe(58);
      expect(db.prepare('SELECT id, code_key, withdrawn_at, withdrawn_source FROM invitations ORDER BY id').all()).toEqual([
        { id: 'a', code_key: 'ÉCOLE-7SS', withdrawn_at: null, withdrawn_source: null },
        { id: 'b', code_key: 'ABC123', withdrawn_at: null, withdrawn_source: null },
      ]);
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invitations'`).all() as { name: string }[]).map((i) => i.name);
      expect(indexes).toContain('invitations_code_key');
      expect(indexes).not.toContain('invitations_code_nocase');
      const withdraw = (source: string) => db.prepare(`UPDATE invitations SET status = 'withdrawn', withdrawn_at = ?, withdrawn_source = ? WHERE id = 'b'`).run(AT, source);
      expect(() => withdraw('someone')).toThrow(/CHECK/);
      withdraw('backend');
      expect(db.prepare(`SELECT status FROM invitations WHERE id = 'b'`).get()).toEqual({ status: 'withdrawn' });
    } finally {
      db.close();
    }
  });
});
