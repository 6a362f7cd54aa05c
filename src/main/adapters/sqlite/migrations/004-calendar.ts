import type { Migration } from '../migration';

/**
 * The centre's calendar: which days it opens, the sessions of each product (local start and end
 * times, slot length, capacity per slot) and the slots they hold. Sessions and slots carry ids
 * that every station of the centre computes the same way (name-based UUIDs), so bookings made on
 * different stations refer to the same slot.
 */
export const m004Calendar: Migration = {
  version: 4,
  name: 'calendar',
  up(db) {
    db.exec(`
      CREATE TABLE centre_days (
        date TEXT PRIMARY KEY,
        open INTEGER NOT NULL CHECK (open IN (0, 1)),
        note TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        start_local TEXT NOT NULL,
        end_local TEXT NOT NULL,
        slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 1 AND 240),
        capacity_per_slot INTEGER NOT NULL CHECK (capacity_per_slot BETWEEN 0 AND 1000),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
        source TEXT NOT NULL CHECK (source IN ('seed', 'backend', 'supervisor')),
        created_at TEXT NOT NULL,
        CHECK (start_local < end_local)
      ) STRICT;
      CREATE INDEX sessions_date ON sessions(date, product_code);

      CREATE TABLE slots (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id),
        start_at TEXT NOT NULL,
        end_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        capacity INTEGER NOT NULL CHECK (capacity >= 0),
        UNIQUE (session_id, start_at)
      ) STRICT;
      CREATE INDEX slots_date ON slots(local_date, start_at);
    `);
  },
};
