import type { Migration } from '../migration';

/**
 * A supervisor may now set or change a person's NIHDI number (staff.update): staff_changes keeps
 * that change too ('nihdi', before and after). SQLite cannot widen a CHECK in place, so the table
 * is rebuilt with its rows, index and reference to staff unchanged.
 */
export const m044StaffNihdiChanges: Migration = {
  version: 44,
  name: 'staff-nihdi-changes',
  up(db) {
    db.exec(`
      CREATE TABLE staff_changes_044 (
        id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff(id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        what TEXT NOT NULL CHECK (what IN ('created', 'pin', 'roles', 'name', 'active', 'unlock', 'nihdi')),
        -- before/after of what changed (never a PIN or its hash)
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      INSERT INTO staff_changes_044 (id, staff_id, at, by, what, detail) SELECT id, staff_id, at, by, what, detail FROM staff_changes;
      DROP TABLE staff_changes;
      ALTER TABLE staff_changes_044 RENAME TO staff_changes;
      CREATE INDEX staff_changes_staff ON staff_changes(staff_id, at);
    `);
  },
};
