import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase, schemaVersion, type Db } from '../../../src/main/adapters/sqlite/database';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Each booking migration (2-9) applied to a database at the previous version that holds data:
 * the data stays, foreign keys hold, and the new tables take rows that refer to the old ones.
 */
const temp = makeTempDir('dosedesk-booking-mig-');
afterAll(() => temp.cleanup());

const T = '2021-03-07T09:00:00.000Z';

/** Rows for the tables a version introduces, referring to rows of earlier versions. */
const writers: Record<number, (db: Db) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO station_meta (key, value, updated_at) VALUES ('k', 'v', ?)`).run(T);
    db.prepare(`INSERT INTO outbox (id, kind, record_id, person_key, payload, created_at, updated_at) VALUES ('o1', 'dose', 'd0', 'p', '{}', ?, ?)`).run(T, T);
  },
  2: (db) => {
    db.prepare(`INSERT INTO vaccine_products (code, name, doses_in_course, min_days, target_days, max_days, doses_per_vial, usable_hours, updated_at) VALUES ('comirnaty', 'Comirnaty', 2, 19, 21, 42, 6, 6, ?)`).run(T);
    db.prepare(`INSERT INTO vaccine_products (code, name, doses_in_course, doses_per_vial, usable_hours, updated_at) VALUES ('janssen', 'Janssen', 1, 5, 3, ?)`).run(T);
    db.prepare(`INSERT INTO product_gtins (gtin, product_code) VALUES ('05413868120110', 'comirnaty')`).run();
    db.prepare(`INSERT INTO lots (id, product_code, gtin, lot, expiry, source, created_at) VALUES ('lot1', 'comirnaty', '05413868120110', 'FE1234', '2021-06-30', 'scan', ?)`).run(T);
  },
  3: (db) => {
    db.prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073000488', 'Müller-Weiß', 'Zoë', NULL, 'F', 'de', 'seed', ?, ?)`).run(T, T);
    db.prepare(`INSERT INTO invitations (id, citizen_id, code, eligible_products, source, created_at) VALUES ('i1', 'c1', 'CODE', '["comirnaty"]', 'seed', ?)`).run(T);
  },
  4: (db) => {
    db.prepare(`INSERT INTO centre_days (date, open, updated_at) VALUES ('2021-03-14', 0, ?)`).run(T);
    db.prepare(`INSERT INTO sessions (id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, source, created_at) VALUES ('s1', '2021-03-28', 'comirnaty', '09:00', '10:00', 30, 4, 'seed', ?)`).run(T);
    db.prepare(`INSERT INTO slots (id, session_id, start_at, end_at, local_date, capacity) VALUES ('sl1', 's1', '2021-03-28T07:00:00.000Z', '2021-03-28T07:30:00.000Z', '2021-03-28', 4)`).run();
  },
  5: (db) => {
    db.prepare(`INSERT INTO slot_units (slot_id, unit, owner_station, updated_at) VALUES ('sl1', 0, 'station-1', ?)`).run(T);
    db.prepare(`INSERT INTO capacity_transfers (id, slot_id, unit, from_station, to_station, epoch, state, released_at, recorded_at) VALUES ('t1', 'sl1', 1, 'station-2', 'station-1', 1, 'accepted', ?, ?)`).run(T, T);
    db.prepare(`INSERT INTO capacity_allocations (id, source, issued_at, received_at, applied_units, unchanged_units, conflicts) VALUES ('a1', 'seed', ?, ?, 1, 0, '[]')`).run(T, T);
  },
  6: (db) => {
    db.prepare(
      `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
       VALUES ('d1', 'c1', '85073000488', 1, 'comirnaty', NULL, 'FE1234', '2021-06-30', 'lot1', ?, '2021-03-07', ?, 'station-1', 'centre', '1', 'V', 'station', 'completed', 1, ?)`,
    ).run(T, T, T);
    db.prepare(`INSERT INTO dose_corrections (id, dose_id, version, action, reason, by_nihdi, by_name, by_role, at, before, after) VALUES ('x1', 'd1', 2, 'correct', 'lot', '1', 'V', 'vaccinator', ?, '{}', '{}')`).run(T);
  },
  7: (db) => {
    db.prepare(
      `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, origin, created_at, updated_at)
       VALUES ('ap1', 'c1', '85073000488', 'comirnaty', 2, 'sl1', 0, '2021-03-28T07:00:00.000Z', '2021-03-28T07:30:00.000Z', '2021-03-28', 'booked', 'station-1', 'centre', 'd1', 'ABCDEFGH', 'station', ?, ?)`,
    ).run(T, T);
    db.prepare(`INSERT INTO appointment_events (id, appointment_id, version, status, by, at) VALUES ('e1', 'ap1', 1, 'booked', 'x', ?)`).run(T);
    db.prepare(
      `INSERT INTO booking_requests (id, citizen_id, ssin, product_code, dose_number, earliest_date, target_date, latest_date, reason, message_key, status, station_id, created_at, updated_at)
       VALUES ('r1', 'c1', '85073000488', 'comirnaty', 2, '2021-03-26', '2021-03-28', '2021-04-18', 'no_capacity', 'booking.notice.no_capacity', 'waiting', 'station-1', ?, ?)`,
    ).run(T, T);
  },
  8: (db) => {
    db.prepare(`INSERT INTO vials (id, station_id, product_code, lot_id, punctured_at, usable_until, doses_total, opened_by, created_at) VALUES ('v1', 'station-1', 'comirnaty', 'lot1', ?, ?, 6, 'x', ?)`).run(T, T, T);
    db.prepare(`UPDATE dose_records SET vial_id = 'v1' WHERE id = 'd1'`).run();
    db.prepare(`INSERT INTO standby (id, display_name, product_codes, status, station_id, added_at, updated_at) VALUES ('sb1', 'Jürgen', '["comirnaty"]', 'waiting', 'station-1', ?, ?)`).run(T, T);
  },
  9: (db) => {
    db.prepare(`INSERT INTO product_changes (id, product_code, at, by, reason, before, after) VALUES ('pc1', 'comirnaty', ?, 'sup', '35 days now', '{}', '{}')`).run(T);
  },
};

/** Tables with their row count, so nothing written earlier is lost by a later step. */
function counts(db: Db): Record<string, number> {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

describe('booking migrations 2-9', () => {
  for (let version = 2; version <= 9; version++) {
    it(`migration ${version} applies to a database at version ${version - 1} holding data`, () => {
      const file = join(temp.dir, `v${version}.sqlite`);
      const upTo = (v: number) => MIGRATIONS.filter((m) => m.version <= v);
      const db = openDatabase(file, { migrations: upTo(version - 1) });
      try {
        for (let v = 1; v < version; v++) writers[v]!(db);
        const before = counts(db);
        expect(schemaVersion(db)).toBe(version - 1);
        expect(migrate(db, upTo(version))).toBe(version);
        expect(schemaVersion(db)).toBe(version);
        const after = counts(db);
        for (const [table, n] of Object.entries(before)) expect(after[table], table).toBe(n);
        writers[version]!(db);
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        // Every table the migration created is STRICT.
        for (const t of Object.keys(after).filter((t) => !(t in before))) {
          const sql = (db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(t) as { sql: string }).sql;
          expect(sql, t).toMatch(/\) STRICT$/);
        }
      } finally {
        db.close();
      }
    });
  }

  it('stores invariants the booking code relies on', () => {
    const db = openDatabase(join(temp.dir, 'invariants.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version <= 9) });
    try {
      for (let v = 1; v <= 9; v++) writers[v]!(db);
      // The same unit of a slot cannot carry two live bookings...
      const book = (id: string, unit: number, status = 'booked', ssin = '85073000488', dose = 3) =>
        db
          .prepare(
            `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, short_code, origin, created_at, updated_at)
             VALUES (?, 'c1', ?, 'comirnaty', ?, 'sl1', ?, 'x', 'y', '2021-03-28', ?, 'station-1', 'c', 'S', 'station', ?, ?)`,
          )
          .run(id, ssin, dose, unit, status, T, T);
      expect(() => book('ap2', 0, 'booked', '85073000587')).toThrow(/UNIQUE/);
      // ...but a cancelled one frees it.
      db.prepare(`UPDATE appointments SET status = 'cancelled' WHERE id = 'ap1'`).run();
      expect(() => book('ap3', 0, 'booked', '85073000587')).not.toThrow();
      // One person cannot receive two completed doses on one local day.
      expect(() =>
        db
          .prepare(
            `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, lot, expiry, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, updated_at)
             VALUES ('d2', 'c1', '85073000488', 2, 'comirnaty', 'L', '2021-06-30', ?, '2021-03-07', ?, 's', 'c', '1', 'V', 'station', 'completed', ?)`,
          )
          .run(T, T, T),
      ).toThrow(/UNIQUE/);
      expect(() => db.prepare(`INSERT INTO dose_corrections (id, dose_id, version, action, reason, by_nihdi, by_name, by_role, at, before, after) VALUES ('x9', 'd1', 3, 'void', '', '1', 'V', 'vaccinator', ?, '{}', '{}')`).run(T)).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
