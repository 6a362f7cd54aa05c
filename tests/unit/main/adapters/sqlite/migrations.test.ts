import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrate, openDatabase, schemaVersion } from '../../../../../src/main/adapters/sqlite/database';
import type { Migration } from '../../../../../src/main/adapters/sqlite/migration';
import { MIGRATIONS } from '../../../../../src/main/adapters/sqlite/migrations';
import { DoseDeskError } from '../../../../../src/shared/errors';
import { makeTempDir } from '../../../../support/temp-dir';

const temps: (() => void)[] = [];
function tempFile(name = 'station.sqlite'): string {
  const t = makeTempDir();
  temps.push(t.cleanup);
  return join(t.dir, name);
}
afterEach(() => temps.splice(0).forEach((c) => c()));

describe('station database', () => {
  it('opens in WAL with synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(latestVersion());
    db.close();
  });

  it('numbers migrations strictly increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses a database written by a newer DoseDesk and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 7}`);
    raw.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DoseDeskError);
    expect((caught as DoseDeskError).code).toBe('db.too_new');
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(latestVersion() + 7);
    again.close();
  });

  it('refuses a file that is not a sound database instead of using it (a damaged first page: db.damaged)', () => {
    const file = tempFile();
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(file)).toThrow(DoseDeskError);
    try {
      openDatabase(file);
    } catch (error) {
      expect((error as DoseDeskError).code).toBe('db.damaged');
    }
  });

  it('detects a corrupted page with integrity_check', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX filler_v ON filler(v);');
    const insert = db.prepare('INSERT INTO filler (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`value-${i}-${'x'.repeat(40)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over the middle of the file: an index page no longer matches its table.
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096, 0x33), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    let code: string | undefined;
    try {
      openDatabase(file).close();
    } catch (error) {
      code = (error as DoseDeskError).code;
    }
    expect(code).toBe('db.integrity');
  });

  it('runs each migration in one transaction: a failing step changes nothing', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: MIGRATIONS });
    const before = schemaVersion(db);
    const broken: Migration = {
      version: before + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(DoseDeskError);
    expect(schemaVersion(db)).toBe(before);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get();
    expect(table).toBeUndefined();
    db.close();
  });

  it('applies migrations one at a time from any earlier version', () => {
    for (let upTo = 1; upTo <= MIGRATIONS.length; upTo++) {
      const file = tempFile();
      const partial = openDatabase(file, { migrations: MIGRATIONS.slice(0, upTo) });
      expect(schemaVersion(partial)).toBe(MIGRATIONS[upTo - 1]!.version);
      partial.close();
      const full = openDatabase(file);
      expect(schemaVersion(full)).toBe(latestVersion());
      full.close();
    }
  });
});

describe('migration 001 foundation', () => {
  it('creates the outbox with its state check', () => {
    const db = openDatabase(tempFile(), { migrations: MIGRATIONS.filter((m) => m.version === 1) });
    const now = '2026-03-02T09:00:00.000Z';
    const insert = db.prepare(
      `INSERT INTO outbox (id, kind, record_id, person_key, payload, state, created_at, updated_at) VALUES (?, 'dose', 'r', 'p', '{}', ?, ?, ?)`,
    );
    insert.run('a', 'waiting', now, now);
    expect(() => insert.run('b', 'lost', now, now)).toThrow(/CHECK/);
    expect(() => insert.run('a', 'waiting', now, now)).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('migration ledger', () => {
  it('applies a migration numbered below one already applied, instead of skipping it', () => {
    const file = tempFile();
    // 051 (an index over open appointments) is one that no later migration builds on, so a
    // database can be opened without it first, as if it had landed after 052 and 053.
    const late = MIGRATIONS.find((m) => m.version === 51)!;
    const without = MIGRATIONS.filter((m) => m !== late);
    openDatabase(file, { migrations: without }).close();
    const db = openDatabase(file);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(db)).toBe(latestVersion());
    db.close();
  });

  it('adopts a database from before the ledger: everything up to user_version counts as applied', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.exec('DROP TABLE schema_migrations');
    db.close();
    const again = openDatabase(file);
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length);
    again.close();
  });
});

describe('migration 044 staff NIHDI changes', () => {
  it('upgrades a station of the previous schema: its staff changes kept, an NIHDI change now recorded, anything else still refused', () => {
    const file = tempFile();
    const before = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version !== 44 && m.version !== 45) });
    const at = '2026-03-02T09:00:00.000Z';
    before
      .prepare(`INSERT INTO staff (id, display_name, nihdi, roles, pin_hash, pin_salt, pin_params, created_at, created_by, updated_at) VALUES ('s1', 'An', NULL, '["checkin"]', 'h', 's', '{}', ?, 'cli', ?)`)
      .run(at, at);
    before.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what, detail) VALUES ('c1', 's1', ?, 'cli', 'created', '{}')`).run(at);
    expect(() => before.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c2', 's1', ?, 'cli', 'nihdi')`).run(at)).toThrow(/CHECK/);
    before.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT id, staff_id, at, by, what, detail FROM staff_changes').all()).toEqual([{ id: 'c1', staff_id: 's1', at, by: 'cli', what: 'created', detail: '{}' }]);
    db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what, detail) VALUES ('c2', 's1', ?, 'staff:x', 'nihdi', '{"before":null,"after":"12345678901"}')`).run(at);
    expect(() => db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c3', 's1', ?, 'cli', 'pin_hash')`).run(at)).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c4', 'nobody', ?, 'cli', 'pin')`).run(at)).toThrow(/FOREIGN KEY/);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'staff_changes' AND name = 'staff_changes_staff'`).get()).toEqual({ name: 'staff_changes_staff' });
    db.close();
  });
});

describe('migration 045 staff PIN reset', () => {
  it('upgrades a station of the previous schema: nobody must change their PIN, past changes kept, a reset and an own PIN now recorded', () => {
    const file = tempFile();
    const before = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version !== 45) });
    const at = '2026-03-02T09:00:00.000Z';
    before
      .prepare(`INSERT INTO staff (id, display_name, nihdi, roles, pin_hash, pin_salt, pin_params, created_at, created_by, updated_at) VALUES ('s1', 'An', NULL, '["checkin"]', 'h', 's', '{}', ?, 'cli', ?)`)
      .run(at, at);
    before.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what, detail) VALUES ('c1', 's1', ?, 'cli', 'nihdi', '{}')`).run(at);
    expect(() => before.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c2', 's1', ?, 'cli', 'pin_reset')`).run(at)).toThrow(/CHECK/);
    before.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT pin_must_change FROM staff').all()).toEqual([{ pin_must_change: 0 }]);
    expect(db.prepare('SELECT id, what FROM staff_changes').all()).toEqual([{ id: 'c1', what: 'nihdi' }]);
    db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c2', 's1', ?, 'staff:x', 'pin_reset')`).run(at);
    db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c3', 's1', ?, 'staff:s1', 'pin_own')`).run(at);
    expect(() => db.prepare(`UPDATE staff SET pin_must_change = 2 WHERE id = 's1'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO staff_changes (id, staff_id, at, by, what) VALUES ('c4', 'nobody', ?, 'cli', 'pin')`).run(at)).toThrow(/FOREIGN KEY/);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'staff_changes' AND name = 'staff_changes_staff'`).get()).toEqual({ name: 'staff_changes_staff' });
    db.close();
  });
});
