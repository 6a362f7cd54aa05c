import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase, schemaVersion } from '../../../src/main/adapters/sqlite/database';
import { appendArrival, arrivalsOfDay, hasArrivalLog, lastArrivalOn } from '../../../src/main/station/checkin/arrival-log';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir('dosedesk-m30-');
afterAll(() => temp.cleanup());
const at = new Date('2026-03-04T09:30:00.000Z');
const SSIN = '85073000457';

describe('migration 30 (checkins)', () => {
  it('applies to a database at the version before it holding data, with a STRICT, checked, append-only table', () => {
    const before = MIGRATIONS.filter((m) => m.version < 30);
    const db = openDatabase(join(temp.dir, 'm30.sqlite'), { migrations: before });
    try {
      db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('probe', 'kept', ?)`).run(at.toISOString());
      // Without the table (a database that never ran 30): check-in still answers, with nothing remembered.
      expect(hasArrivalLog(db)).toBe(false);
      expect(lastArrivalOn(db, SSIN, '2026-03-04')).toBeNull();
      expect(arrivalsOfDay(db, '2026-03-04')).toEqual({ checkedIn: 0, repeated: 0, withoutDose: 0 });

      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 30))).toBe(30);
      expect(schemaVersion(db)).toBe(30);
      expect(db.prepare(`SELECT value FROM station_meta WHERE key = 'probe'`).get()).toEqual({ value: 'kept' });
      expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'checkins'`).get() as { sql: string }).sql).toMatch(/\) STRICT$/);
      expect(hasArrivalLog(db)).toBe(true);

      const { id } = db.transaction(() => appendArrival(db, { ssin: SSIN, source: 'chip', invitationCode: null, warningsAcknowledged: ['eid.expired'], stationId: 's1', staff: null, at }))();
      expect(lastArrivalOn(db, SSIN, '2026-03-04')).toBe(at.toISOString());
      expect(arrivalsOfDay(db, '2026-03-04')).toEqual({ checkedIn: 1, repeated: 0, withoutDose: 1 });

      const insert = (over: Record<string, unknown>) =>
        db
          .prepare(
            `INSERT INTO checkins (id, ssin, local_date, at, station_id, source, warnings_acknowledged)
             VALUES (@id, @ssin, @local_date, @at, 's1', @source, @warnings)`,
          )
          .run({ id: crypto.randomUUID(), ssin: SSIN, local_date: '2026-03-04', at: at.toISOString(), source: 'typed', warnings: '[]', ...over });
      expect(() => insert({ source: 'telepathy' })).toThrow(/CHECK/);
      expect(() => insert({ ssin: '8507300045A' })).toThrow(/CHECK/);
      expect(() => insert({ local_date: '04/03/2026' })).toThrow(/CHECK/);
      expect(() => insert({ warnings: '{"not":"a list"}' })).toThrow(/CHECK/);
      expect(() => insert({ id: 'short' })).toThrow(/CHECK/);
      expect(() => insert({ local_date: 20260304 })).toThrow(/cannot store INTEGER value in TEXT column|CHECK/);
      expect(() => db.prepare(`UPDATE checkins SET source = 'typed' WHERE id = ?`).run(id)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM checkins').run()).toThrow(/append-only/);

      // And the later migrations still apply on top of it.
      expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.at(-1)!.version);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('is applied to a station already past version 30 that never ran it (the migration ledger)', () => {
    const db = openDatabase(join(temp.dir, 'm30-late.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version !== 30) });
    try {
      expect(hasArrivalLog(db)).toBe(false);
      expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.at(-1)!.version);
      expect(hasArrivalLog(db)).toBe(true);
      db.transaction(() => appendArrival(db, { ssin: SSIN, source: 'typed', invitationCode: null, warningsAcknowledged: [], stationId: 's1', staff: { id: 'x', name: 'Desk' }, at }))();
      expect(lastArrivalOn(db, SSIN, '2026-03-04')).toBe(at.toISOString());
    } finally {
      db.close();
    }
  });
});
