import type { Migration } from '../migration';

/**
 * The audit trail of personal data: every read, creation, correction and export, and every
 * sign-in and administration step. Append-only and hash-chained: each row stores the SHA-256 of
 * the previous row's hash and its own canonical content; station_meta keeps the running head hash
 * and count (updated in the same transaction), so removing the last rows is detected too.
 * Triggers refuse UPDATE and DELETE; the chain catches whoever bypasses them.
 */
export const m041Audit: Migration = {
  version: 41,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        station_id TEXT NOT NULL,
        centre_id TEXT NOT NULL,
        -- 'staff:<id>', 'anonymous', 'system' or 'cli:<user>'
        actor TEXT NOT NULL,
        -- a digest of the session id (the id itself is a bearer secret)
        session TEXT,
        transport TEXT NOT NULL,
        method TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('read', 'create', 'correct', 'export', 'auth', 'admin', 'purge')),
        -- JSON array of references: 'person:<keyed digest of the SSIN>', '<kind>:<record id>', 'login:<number>'
        subjects TEXT NOT NULL CHECK (json_valid(subjects)),
        -- 'ok' or the error code the caller got
        outcome TEXT NOT NULL,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_actor ON audit_log(actor, seq);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
      END;
    `);
  },
};
