import type { Migration } from '../migration';

/**
 * Retention: each run of the purge (who, when, cut-off, what it changed) and the citizens whose
 * personal fields it pseudonymised. Records themselves stay; only names and contact details go.
 */
export const m042Retention: Migration = {
  version: 42,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE retention_runs (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        cutoff TEXT NOT NULL,
        retention_days INTEGER NOT NULL,
        citizens INTEGER NOT NULL,
        -- JSON counts per table
        detail TEXT NOT NULL
      ) STRICT;

      CREATE TABLE retention_purged (
        citizen_id TEXT PRIMARY KEY REFERENCES citizens(id),
        run_id TEXT NOT NULL REFERENCES retention_runs(id),
        purged_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
