import type { Migration } from '../migration';

/**
 * Background sync with the federal backend: the worker's last known state, the review list of
 * records and backend changes a person must decide on, and the station's copies of what the
 * backend tells the centre (expected appointments, eligibility, capacity, products).
 */
export const m020Sync: Migration = {
  version: 20,
  name: 'sync',
  up(db) {
    db.exec(`
      -- Last known state of the sync worker (mode, offline since, last success), kept across
      -- restarts and readable by the command line while the station runs.
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- What a person must look at: a record the backend refused, or a conflict with what the
      -- backend already holds. Never deleted: a decision is recorded with its reason.
      CREATE TABLE sync_review (
        id TEXT PRIMARY KEY,
        outbox_id TEXT REFERENCES outbox(id),
        record_id TEXT NOT NULL,
        record_type TEXT NOT NULL,
        person_key TEXT NOT NULL,
        person_label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (
          'refused', 'duplicate_elsewhere', 'changed_at_backend', 'moved_at_backend', 'newer_at_backend', 'unreadable')),
        reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        -- Same conflict seen again while pulling is not added twice.
        dedupe_key TEXT,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('retry', 'dismiss')),
        resolution_reason TEXT,
        -- Who decided (staff id and name as shown at the time).
        resolved_by TEXT,
        resolved_by_name TEXT,
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      CREATE INDEX sync_review_open ON sync_review(resolved_at, person_key, created_at);
      CREATE INDEX sync_review_outbox ON sync_review(outbox_id);
      CREATE UNIQUE INDEX sync_review_dedupe ON sync_review(record_id, kind, dedupe_key);

      -- Per-record order: an earlier unsynced row of the same record holds back later ones.
      CREATE INDEX sync_outbox_record ON outbox(record_id, seq);

      -- Copies of what the backend expects, for days it cannot be reached. The backend is the
      -- authority: rows are refreshed in place; one it no longer lists gets gone_at.
      CREATE TABLE sync_expected_appointment (
        remote_id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        record_id TEXT,
        record_version INTEGER NOT NULL,
        ssin TEXT,
        centre_id TEXT,
        station_id TEXT,
        product_code TEXT,
        dose_number INTEGER,
        start_at TEXT,
        end_at TEXT,
        status TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        gone_at TEXT
      ) STRICT;
      CREATE INDEX sync_expected_day ON sync_expected_appointment(day, start_at);
      CREATE INDEX sync_expected_ssin ON sync_expected_appointment(ssin);

      CREATE TABLE sync_eligibility (
        ssin TEXT NOT NULL,
        vaccine TEXT NOT NULL,
        dose_number INTEGER NOT NULL,
        forecast_status TEXT NOT NULL,
        due_from TEXT,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (ssin, vaccine, dose_number)
      ) STRICT;

      CREATE TABLE sync_capacity (
        remote_id TEXT PRIMARY KEY,
        day TEXT NOT NULL,
        record_id TEXT,
        centre_id TEXT,
        station_id TEXT,
        product_code TEXT,
        start_at TEXT,
        end_at TEXT,
        doses INTEGER,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        fetched_at TEXT NOT NULL,
        gone_at TEXT
      ) STRICT;
      CREATE INDEX sync_capacity_day ON sync_capacity(day, station_id);

      CREATE TABLE sync_product (
        product_code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        atc TEXT,
        series_doses INTEGER,
        interval_days INTEGER,
        doses_per_vial INTEGER,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        fetched_at TEXT NOT NULL
      ) STRICT;

      -- When each kind of data was last pulled, so staff know how fresh the copies are.
      CREATE TABLE sync_pull (
        what TEXT NOT NULL,
        day TEXT NOT NULL,
        pulled_at TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (what, day)
      ) STRICT;
    `);
  },
};
