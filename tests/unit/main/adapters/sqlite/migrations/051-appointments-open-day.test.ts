import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase } from '../../../../../../src/main/adapters/sqlite/database';
import { bookedPastSessionEnd } from '../../../../../../src/main/station/booking/appointment-store';
import { makeTempDir } from '../../../../../support/temp-dir';

const temp = makeTempDir('dosedesk-m51-');
afterAll(() => temp.cleanup());

describe('migration 51 (open appointments by day)', () => {
  it('applies to a database at version 50, and the no-show sweep reads the open appointments through it', () => {
    const db = openDatabase(join(temp.dir, 'm51.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version <= 50) });
    try {
      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 51))).toBe(51);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM appointments WHERE status = 'booked' AND local_date <= ?`).all('2026-03-04') as { detail: string }[]).map((r) => r.detail);
      expect(plan.join(' ')).toContain('appointments_open_day');
      expect(bookedPastSessionEnd(db, 'station-1', '2026-03-04', '2026-03-04T12:00:00.000Z')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
