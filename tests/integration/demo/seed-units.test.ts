import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre, seedDemoCentreYielding, DEMO_STATIONS } from '../../../src/main/station/demo/seed-demo';
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
    expect(digests(s1.db)).toEqual(RECORDED);
  });
});

function digests(db: Db): typeof RECORDED {
  return {
    sessions: digest(db, 'SELECT * FROM sessions ORDER BY id'),
    slots: digest(db, 'SELECT * FROM slots ORDER BY id'),
    slot_units: digest(db, 'SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units ORDER BY slot_id, unit'),
    capacity_allocations: digest(db, 'SELECT * FROM capacity_allocations ORDER BY id'),
  };
}

/** Everything the seed writes, but the station-local ids (citizens and lots get new ones on every station). */
function everything(db: Db): Record<string, unknown[]> {
  const tables = ['vaccine_products', 'product_gtins', 'dose_rule_versions', 'centre_days', 'sessions', 'slots', 'slot_units', 'capacity_allocations', 'invitations', 'station_meta'];
  const known = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const out: Record<string, unknown[]> = {};
  for (const t of tables.filter((name) => known.has(name))) {
    out[t] = (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]).map((r) => JSON.stringify(Object.entries(r).filter(([k]) => k !== 'citizen_id'))).sort();
  }
  out.counts = ['citizens', 'lots', 'dose_records'].map((t) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
  return out;
}

describe('the demo seed that lets the page load meanwhile', () => {
  const clock = new ManualClock(localInstant('2026-11-16', '08:00'));
  const whole = openTestStation({ dir: join(temp.dir, 'whole'), stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  const stepwise = openTestStation({ dir: join(temp.dir, 'stepwise'), stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  afterAll(() => {
    whole.close();
    stepwise.close();
  });

  it('runs the event loop between its steps, in one transaction, and seeds the same centre as the seed in one go', async () => {
    const wholeSummary = seedDemoCentre(whole.db, clock, 'station-1');
    const seen: { inTransaction: boolean; sessions: number }[] = [];
    const look = () => seen.push({ inTransaction: stepwise.db.inTransaction, sessions: (stepwise.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n });
    // A timer of the page server, say: it runs while the seed is under way.
    const timer = setInterval(look, 0);
    const unitWrites = countUnitWrites(stepwise.db);
    const summary = await seedDemoCentreYielding(stepwise.db, clock, 'station-1').finally(() => clearInterval(timer));
    expect(summary).toEqual(wholeSummary);
    // A month at a time, but the units of all of it in one statement.
    expect(unitWrites()).toBe(1);
    expect(seen.filter((s) => s.inTransaction).length).toBeGreaterThan(3);
    // Part of the calendar was there to read meanwhile, then all of it.
    const during = seen.filter((s) => s.inTransaction).map((s) => s.sessions);
    expect(Math.min(...during)).toBeLessThan(Math.max(...during));
    expect(stepwise.db.inTransaction).toBe(false);
    expect(digests(stepwise.db)).toEqual(RECORDED);
    expect(everything(stepwise.db)).toEqual(everything(whole.db));
  });

  it('leaves nothing when the process stops between two steps, and the next start seeds the same centre', async () => {
    const dir = join(temp.dir, 'stopped');
    const first = openTestStation({ dir, stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
    let pauses = 0;
    // The third pause comes after a month of calendar: the connection closes as a stopped process's does.
    const stopping = seedDemoCentreYielding(first.db, clock, 'station-1', {}, async () => {
      if (++pauses === 3) first.close();
    });
    await expect(stopping).rejects.toThrow();
    const again = openTestStation({ dir, stationId: 'station-1', clock, centreId: 'demo-centre', deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
    try {
      const left = ['sessions', 'slot_units', 'citizens', 'station_meta'].map((t) => (again.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
      expect(left.slice(0, 3)).toEqual([0, 0, 0]);
      await seedDemoCentreYielding(again.db, clock, 'station-1');
      expect(digests(again.db)).toEqual(RECORDED);
      expect(everything(again.db)).toEqual(everything(whole.db));
    } finally {
      again.close();
    }
  });
});
