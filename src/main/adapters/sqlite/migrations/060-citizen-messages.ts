import type { Migration } from '../migration';

/**
 * Citizen messages (e-mail and SMS) the centre sends itself about a next-dose appointment: queued
 * in the booking's own transaction, one row per channel, and never sent twice by themselves.
 * A person may refuse messages at check-in (contact_refused).
 */
export const m060CitizenMessages: Migration = {
  version: 60,
  name: 'citizen-messages',
  up(db) {
    db.exec(`
      ALTER TABLE citizens ADD COLUMN contact_refused INTEGER NOT NULL DEFAULT 0 CHECK (contact_refused IN (0, 1));

      CREATE TABLE citizen_message (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        appointment_id TEXT NOT NULL REFERENCES appointments(id),
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        kind TEXT NOT NULL CHECK (kind IN ('booked', 'rebooked', 'cancelled', 'reminder')),
        channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
        language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
        -- What the text says, fixed when queued: the text itself is written when it is sent.
        start_at TEXT NOT NULL,
        short_code TEXT NOT NULL,
        -- queued -> sending -> sent | uncertain | failed. 'sending' is committed before the
        -- gateway is handed the message: found after a restart it becomes 'uncertain', never resent.
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'uncertain', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        problem TEXT,
        problem_detail TEXT,
        gateway_ref TEXT,
        -- A person settled an uncertain (or failed) message: it arrived, or a new copy was queued.
        resolution TEXT CHECK (resolution IN ('confirmed', 'resent', 'dropped')),
        resolved_by TEXT,
        resolved_at TEXT,
        resend_of TEXT REFERENCES citizen_message(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sending_at TEXT,
        sent_at TEXT
      ) STRICT;
      -- One message of each kind per appointment and channel, whatever runs twice; a resend is a new row.
      CREATE UNIQUE INDEX citizen_message_once ON citizen_message(appointment_id, kind, channel) WHERE resend_of IS NULL;
      CREATE INDEX citizen_message_state ON citizen_message(state, seq);
    `);
  },
};
