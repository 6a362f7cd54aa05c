import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre, DEMO_STATIONS } from '../../../src/main/station/demo/seed-demo';
import type { Db } from '../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation, NO_IDLE_LOCK } from '../../support/station';

const temp = makeTempDir('dosedesk-demo-units-');
afterAll(() => temp.cleanup());

/**
 * Digests of the calendar and capacity the demo seed gave on 2026-11-16 08:00 Brussels, recorded with
 * the seed that gave each session's units in its own statements and stepped slots in luxon: giving
 * the units in one statement and stepping slots in plain milliseconds must not change a single row.
 */
const RECORDED = {
  sessions: 'cd3ed1d048afc575:360',
  slots: '7ac0e93d15c4630a:4836',
  slot_units: 'f505b52e2054245f:116064',
  capacity_allocations: '7ee91770d16e07e5:103',
};

function digest(db: Db, sql: string): string {
  const rows = db.prepare(sql).all();
  return `${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}:${rows.length}`;
}

/** Counts the statements run that write slot_units, from here on. */
function countUnitWrites(db: Db): () => number {
  let runs = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    if (!/^\s*INSERT INTO slot_units/i.test(source)) return statement;
    const run = statement.run.bind(statement);
    statement.run = ((...params: unknown[]) => {
      runs++;
      return run(...params);
    }) as typeof statement.run;
    return statement;
  }) as typeof db.prepare;
  return () => runs;
}

describe('the capacity units of the demo seed', () => {
  const clock = new ManualClock(localInstant('2026-11-16', '08:00'));
  const s1 = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  afterAll(() => s1.close());
  const unitWrites = countUnitWrites(s1.db);
  const summary = seedDemoCentre(s1.db, clock, 'station-1');

  it('are written by one statement for the whole calendar', () => {
    expect(summary.unitsAllocated).toBeGreaterThan(100_000);
    expect(unitWrites()).toBe(1);
  });

  it('are every unit of every slot, shared in turn between the four stations, as an independent count of the slots says', () => {
    const db = s1.db;
    // Every (slot, unit) below the slot's capacity, with the owner of the interleaved split, from the slots alone.
    const expected = `
      WITH RECURSIVE n(unit) AS (SELECT 0 UNION ALL SELECT unit + 1 FROM n WHERE unit < (SELECT MAX(capacity) FROM slots) - 1),
      expected AS (
        SELECT s.id AS slot_id, n.unit, json_extract(?, '$[' || (n.unit % CAST(? AS INTEGER)) || ']') AS owner_station, 0 AS epoch, ? AS updated_at
        FROM slots s JOIN n ON n.unit < s.capacity)`;
    const params = [JSON.stringify(DEMO_STATIONS), DEMO_STATIONS.length, clock.now().toISOString()];
    const stored = 'SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units';
    const missing = db.prepare(`${expected} SELECT COUNT(*) AS n FROM (SELECT * FROM expected EXCEPT ${stored})`).get(...params) as { n: number };
    const extra = db.prepare(`${expected} SELECT COUNT(*) AS n FROM (${stored} EXCEPT SELECT * FROM expected)`).get(...params) as { n: number };
    expect({ missing: missing.n, extra: extra.n }).toEqual({ missing: 0, extra: 0 });

    // Per session and station: units owned = the session's slots × that station's share of the places per slot.
    const perSession = db
      .prepare(
        `SELECT x.id AS session, u.owner_station AS station, COUNT(*) AS units,
                (SELECT COUNT(*) FROM slots s2 WHERE s2.session_id = x.id) AS slots, x.capacity_per_slot AS capacity
         FROM slot_units u JOIN slots s ON s.id = u.slot_id JOIN sessions x ON x.id = s.session_id
         GROUP BY x.id, u.owner_station`,
      )
      .all() as { session: string; station: string; units: number; slots: number; capacity: number }[];
    const sessions = (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    expect(perSession).toHaveLength(sessions * DEMO_STATIONS.length);
    for (const row of perSession) {
      const index = DEMO_STATIONS.indexOf(row.station as (typeof DEMO_STATIONS)[number]);
      const share = Math.floor(row.capacity / DEMO_STATIONS.length) + (index < row.capacity % DEMO_STATIONS.length ? 1 : 0);
      expect(row.units, `${row.session} ${row.station}`).toBe(row.slots * share);
    }
    const total = db.prepare('SELECT SUM(capacity) AS n FROM slots').get() as { n: number };
    expect(summary.unitsAllocated).toBe(total.n);
  });

  it('are the same rows, on the same sessions and slots, with the same allocation records, as the seed gave before', () => {
    expect({
      sessions: digest(s1.db, 'SELECT * FROM sessions ORDER BY id'),
      slots: digest(s1.db, 'SELECT * FROM slots ORDER BY id'),
      slot_units: digest(s1.db, 'SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units ORDER BY slot_id, unit'),
      capacity_allocations: digest(s1.db, 'SELECT * FROM capacity_allocations ORDER BY id'),
    }).toEqual(RECORDED);
  });
});
