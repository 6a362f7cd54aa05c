import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../../../../src/main/adapters/sqlite/database';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { m010PrintQueue } from '../../../../../../src/main/adapters/sqlite/migrations/010-print-queue';

describe('migration 10: print queue', () => {
  it('creates strict print_job and print_job_event tables that refuse unknown states', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dosedesk-m010-'));
    const upTo10 = MIGRATIONS.filter((m) => m.version <= 10);
    expect(upTo10.at(-1)).toBe(m010PrintQueue);
    const db = openDatabase(join(dir, 'station.sqlite'), { migrations: upTo10 });
    try {
      expect(schemaVersion(db)).toBe(10);
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'print_job'").get() as { sql: string }).sql;
      expect(sql).toMatch(/STRICT/);
      const insert = (state: string) =>
        db
          .prepare(`INSERT INTO print_job (id, kind, card, citizen_name, language, is_copy, state, created_at, updated_at) VALUES (?, 'card', '{}', 'x', 'nl', 0, ?, 't', 't')`)
          .run(`id-${state}`, state);
      expect(() => insert('queued')).not.toThrow();
      expect(() => insert('lost')).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO print_job_event (job_id, at, to_state) VALUES ('nope', 't', 'queued')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
