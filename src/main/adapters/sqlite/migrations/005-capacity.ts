import type { Migration } from '../migration';

/**
 * Capacity escrow. Each slot's capacity is a set of numbered units; each unit is owned by one
 * station, which alone may book it. Ownership is first set by an allocation (backend or
 * supervisor split) and afterwards moves only by two-phase transfers: the giver records the
 * release, the receiver records the acceptance; `epoch` counts the moves so a transfer seen twice
 * or late is never applied twice.
 */
export const m005Capacity: Migration = {
  version: 5,
  name: 'capacity',
  up(db) {
    db.exec(`
      CREATE TABLE slot_units (
        slot_id TEXT NOT NULL REFERENCES slots(id),
        unit INTEGER NOT NULL CHECK (unit >= 0),
        owner_station TEXT NOT NULL,
        epoch INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (slot_id, unit)
      ) STRICT;
      CREATE INDEX slot_units_owner ON slot_units(owner_station, slot_id);

      CREATE TABLE capacity_transfers (
        id TEXT PRIMARY KEY,
        slot_id TEXT NOT NULL,
        unit INTEGER NOT NULL,
        from_station TEXT NOT NULL,
        to_station TEXT NOT NULL,
        epoch INTEGER NOT NULL CHECK (epoch >= 1),
        -- released: written by the giver; accepted: by the receiver; observed: by a third station
        state TEXT NOT NULL CHECK (state IN ('released', 'accepted', 'observed')),
        released_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (slot_id, unit, epoch)
      ) STRICT;
      CREATE INDEX capacity_transfers_state ON capacity_transfers(state, from_station);

      CREATE TABLE capacity_allocations (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('backend', 'supervisor', 'seed')),
        issued_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        applied_units INTEGER NOT NULL,
        unchanged_units INTEGER NOT NULL,
        -- JSON array of units the allocation tried to give elsewhere after they were owned
        conflicts TEXT NOT NULL
      ) STRICT;
    `);
  },
};
