import type { Migration } from '../migration';

/**
 * A supervisor may reset a person's PIN (staff.resetPin): the station then keeps only the hash of a
 * one-time PIN and flags the person, who must choose a new PIN at the next sign-in before anything
 * else. staff_changes records the reset ('pin_reset') and the person's own new PIN ('pin_own');
 * SQLite cannot widen a CHECK in place, so that table is rebuilt as migration 044 did.
 */
export const m045StaffPinReset: Migration = {
  version: 45,
  name: 'staff-pin-reset',
  up(db) {
    db.exec(`
      ALTER TABLE staff ADD COLUMN pin_must_change INTEGER NOT NULL DEFAULT 0 CHECK (pin_must_change IN (0, 1));

      CREATE TABLE staff_changes_045 (
        id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff(id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        what TEXT NOT NULL CHECK (what IN ('created', 'pin', 'roles', 'name', 'active', 'unlock', 'nihdi', 'pin_reset', 'pin_own')),
        -- before/after of what changed (never a PIN or its hash)
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      INSERT INTO staff_changes_045 (id, staff_id, at, by, what, detail) SELECT id, staff_id, at, by, what, detail FROM staff_changes;
      DROP TABLE staff_changes;
      ALTER TABLE staff_changes_045 RENAME TO staff_changes;
      CREATE INDEX staff_changes_staff ON staff_changes(staff_id, at);
    `);
  },
};
