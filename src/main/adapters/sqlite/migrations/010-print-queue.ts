import type { Migration } from '../migration';

/**
 * The print queue: every card the station must print, written in the same transaction as the
 * dose it belongs to, and every state change of each job. Rows are never deleted; a reprint is a
 * new job marked as a copy that points at the original.
 */
export const m010PrintQueue: Migration = {
  version: 10,
  name: 'print-queue',
  up(db) {
    db.exec(`
      CREATE TABLE print_job (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('card', 'test')),
        -- The card as data (CardModel JSON); bytes are rendered when sent, for the printer then set up.
        card TEXT NOT NULL,
        citizen_name TEXT NOT NULL,
        language TEXT NOT NULL,
        is_copy INTEGER NOT NULL CHECK (is_copy IN (0, 1)),
        copy_of TEXT REFERENCES print_job(id),
        -- The record the card belongs to (a dose id), when there is one.
        record_id TEXT,
        -- queued -> sending -> printed | uncertain; failed when this printer cannot print it.
        -- 'sending' is committed before the first byte leaves: a job found 'sending' after a
        -- restart may have printed and becomes 'uncertain', never sent again by itself.
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'printed', 'uncertain', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        printer TEXT,
        problem TEXT,
        resolution TEXT CHECK (resolution IN ('reprinted', 'confirmed')),
        resolved_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sending_at TEXT,
        printed_at TEXT
      ) STRICT;
      CREATE INDEX print_job_state ON print_job(state, seq);
      CREATE INDEX print_job_record ON print_job(record_id);

      CREATE TABLE print_job_event (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES print_job(id),
        at TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        detail TEXT
      ) STRICT;
      CREATE INDEX print_job_event_job ON print_job_event(job_id, seq);
    `);
  },
};
