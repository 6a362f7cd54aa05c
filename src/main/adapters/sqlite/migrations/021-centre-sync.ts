import type { Migration } from '../migration';

/**
 * Sync meets booking (src/main/station/centre-sync):
 * - the pulled capacity keeps what a backend allocation needs to be applied (server version,
 *   session definition, a station's unit numbers) and expected appointments keep the patient's
 *   name when the backend gives one;
 * - the review list takes capacity conflicts (a backend allocation giving a unit that another
 *   station already owns). SQLite cannot change a CHECK, so sync_review is rebuilt with its rows;
 * - rebalancing through the backend: what this station last published per day, the transfer
 *   requests it handled, and the units it released (to settle or reclaim them).
 */
export const m021CentreSync: Migration = {
  version: 21,
  name: 'centre-sync',
  up(db) {
    db.exec(`
      ALTER TABLE sync_capacity ADD COLUMN version_id TEXT;
      ALTER TABLE sync_capacity ADD COLUMN last_updated TEXT;
      ALTER TABLE sync_capacity ADD COLUMN slot_minutes INTEGER;
      ALTER TABLE sync_capacity ADD COLUMN capacity_per_slot INTEGER;
      ALTER TABLE sync_capacity ADD COLUMN units TEXT;
      ALTER TABLE sync_expected_appointment ADD COLUMN person_name TEXT;

      CREATE TABLE sync_review_v21 (
        id TEXT PRIMARY KEY,
        outbox_id TEXT REFERENCES outbox(id),
        record_id TEXT NOT NULL,
        record_type TEXT NOT NULL,
        person_key TEXT NOT NULL,
        person_label TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (
          'refused', 'duplicate_elsewhere', 'changed_at_backend', 'moved_at_backend', 'newer_at_backend', 'unreadable',
          'capacity_conflict')),
        reason TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}',
        dedupe_key TEXT,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('retry', 'dismiss')),
        resolution_reason TEXT,
        resolved_by TEXT,
        resolved_by_name TEXT,
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      INSERT INTO sync_review_v21 (id, outbox_id, record_id, record_type, person_key, person_label, kind, reason, detail, dedupe_key,
                                   created_at, resolved_at, resolution, resolution_reason, resolved_by, resolved_by_name)
        SELECT id, outbox_id, record_id, record_type, person_key, person_label, kind, reason, detail, dedupe_key,
               created_at, resolved_at, resolution, resolution_reason, resolved_by, resolved_by_name FROM sync_review;
      DROP TABLE sync_review;
      ALTER TABLE sync_review_v21 RENAME TO sync_review;
      CREATE INDEX sync_review_open ON sync_review(resolved_at, person_key, created_at);
      CREATE INDEX sync_review_outbox ON sync_review(outbox_id);
      CREATE UNIQUE INDEX sync_review_dedupe ON sync_review(record_id, kind, dedupe_key);

      -- The last view of free units this station published for a day (only changes are sent).
      CREATE TABLE centre_sync_view (
        station_id TEXT NOT NULL,
        day TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        published_at TEXT NOT NULL,
        PRIMARY KEY (station_id, day)
      ) STRICT;

      -- Transfer requests (FHIR Task) this station handled as the giver: once, whatever happens after.
      CREATE TABLE centre_sync_task (
        identifier TEXT PRIMARY KEY,
        remote_id TEXT,
        giver TEXT NOT NULL,
        receiver TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('completed', 'rejected')),
        reason TEXT NOT NULL,
        units TEXT NOT NULL,
        released INTEGER NOT NULL,
        handled_at TEXT NOT NULL
      ) STRICT;

      -- Units this station released to another: pending (not yet at the backend), sent, then
      -- accepted by the receiver or reclaimed by this station when the receiver never took them.
      CREATE TABLE centre_sync_release (
        transfer_id TEXT PRIMARY KEY,
        slot_id TEXT NOT NULL,
        unit INTEGER NOT NULL,
        epoch INTEGER NOT NULL,
        from_station TEXT NOT NULL,
        to_station TEXT NOT NULL,
        task_identifier TEXT,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'accepted', 'reclaimed')),
        released_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX centre_sync_release_state ON centre_sync_release(state, released_at);
    `);
  },
};
