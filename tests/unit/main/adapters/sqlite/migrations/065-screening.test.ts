import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m65-');
afterAll(() => temp.cleanup());

const before65 = MIGRATIONS.filter((m) => m.version < 65);
const families = (db: ReturnType<typeof openDatabase>) => (db.prepare(`SELECT family FROM screening_questions WHERE status = 'active' ORDER BY position`).all() as { family: string }[]).map((r) => r.family);

describe('migration 65 (screening)', () => {
  it('seeds the demo questions in a new folder', () => {
    const db = openDatabase(join(temp.dir, 'new.sqlite'));
    try {
      expect(families(db)).toEqual(['fever', 'allergy', 'earlier-dose-reaction', 'pregnant', 'anticoagulants', 'recent-covid']);
    } finally {
      db.close();
    }
  });

  it('upgrades a demo folder with the demo questions, and a real centre’s folder without any', () => {
    const open = (name: string, demo: boolean) => {
      const db = openDatabase(join(temp.dir, name), { migrations: before65 });
      db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('station.id', 'station-1', 'x')`).run();
      if (demo) db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('demo.seeded', 'x', 'x')`).run();
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 65))).toBe(65);
      return db;
    };
    const demo = open('demo.sqlite', true);
    const real = open('real.sqlite', false);
    try {
      expect(families(demo)).toHaveLength(6);
      expect(families(real)).toEqual([]);
      // One active version per question; consent by a representative needs the name.
      expect(() =>
        demo.prepare(`INSERT INTO screening_questions (id, family, version, position, text_nl, text_fr, text_de, text_en, yes_needs_decision, allergy, status, created_at, created_by) VALUES ('x', 'fever', 2, 1, 'a', 'b', 'c', 'd', 0, 0, 'active', 'x', 'x')`).run(),
      ).toThrow(/UNIQUE/);
      expect(() =>
        demo.prepare(`INSERT INTO screenings (id, ssin, product_codes, station_id, local_date, recorded_at, staff_name, vaccinator_nihdi, consent, decision, allergy_history) VALUES ('s', '1', '[]', 's', 'd', 'r', 'n', 'v', 'representative', 'go_on', 0)`).run(),
      ).toThrow(/CHECK/);
      expect(demo.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      demo.close();
      real.close();
    }
  });
});
