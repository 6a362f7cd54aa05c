import type { Migration } from '../migration';

/**
 * The foundation: station metadata, the generic outbox every capability writes to in the same
 * transaction as its record, and the audit-friendly corrections table.
 */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE station_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One row per record the federal backend must learn about. Written in the same transaction
      -- as the record itself; only its state changes afterwards, rows are never deleted.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        person_key TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'waiting'
          CHECK (state IN ('waiting', 'sending', 'synced', 'needs_review')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        synced_at TEXT
      ) STRICT;
      CREATE INDEX outbox_state ON outbox(state, seq);
      CREATE INDEX outbox_person ON outbox(person_key, seq);
    `);
  },
};
