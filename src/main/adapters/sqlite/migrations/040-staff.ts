import type { Migration } from '../migration';

/**
 * Staff who sign in at a station: roles, NIHDI number for vaccinators, a slow PIN hash with its
 * salt and parameters, and the lock-out state after wrong PINs. Nobody is deleted: an account is
 * deactivated, and every change is kept in staff_changes with who and when.
 */
export const m040Staff: Migration = {
  version: 40,
  name: 'staff',
  up(db) {
    db.exec(`
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        code TEXT UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
        nihdi TEXT UNIQUE CHECK (nihdi IS NULL OR (length(nihdi) = 11 AND nihdi NOT GLOB '*[^0-9]*')),
        -- JSON array of 'checkin', 'vaccinator', 'supervisor'
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) >= 1),
        pin_hash TEXT NOT NULL,
        pin_salt TEXT NOT NULL,
        -- JSON: {"alg":"scrypt","N":..,"r":..,"p":..,"keylen":..}
        pin_params TEXT NOT NULL CHECK (json_valid(pin_params)),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        -- lock-outs in a row: each one lasts twice as long as the one before
        lockouts INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
        locked_until TEXT,
        last_sign_in_at TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (nihdi IS NOT NULL OR roles NOT LIKE '%"vaccinator"%')
      ) STRICT;

      CREATE TABLE staff_changes (
        id TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff(id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        what TEXT NOT NULL CHECK (what IN ('created', 'pin', 'roles', 'name', 'active', 'unlock')),
        -- before/after of what changed (never a PIN or its hash)
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX staff_changes_staff ON staff_changes(staff_id, at);
    `);
  },
};
