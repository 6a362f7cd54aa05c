import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m66-');
afterAll(() => temp.cleanup());

describe('migration 66 (visits)', () => {
  it('upgrades a database of the version before: one open visit per station, steps and languages checked', () => {
    const db = openDatabase(join(temp.dir, 'm66.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version < 66) });
    try {
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 66))).toBe(66);
      const insert = db.prepare(`INSERT INTO visits (id, station_id, ssin, staff_name, step, language, local_date, started_at, updated_at, closed_at) VALUES (?, ?, '90110202242', 'An', ?, ?, '2026-03-03', 'x', 'x', ?)`);
      insert.run('v1', 'station-1', 'vial', 'nl', null);
      insert.run('v2', 'station-1', 'done', 'nl', 'closed');
      insert.run('v3', 'station-2', 'screening', 'fr', null);
      expect(() => insert.run('v4', 'station-1', 'person', 'nl', null)).toThrow(/UNIQUE/);
      expect(() => insert.run('v5', 'station-3', 'injected', 'nl', null)).toThrow(/CHECK/);
      expect(() => insert.run('v6', 'station-3', 'person', 'es', null)).toThrow(/CHECK/);
      const columns = (db.prepare(`PRAGMA table_info(visits)`).all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(expect.arrayContaining(['screening_id', 'dose_id', 'not_given_id', 'card_appointment_id', 'card_held', 'observation_id', 'closed_at']));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
