import type { Migration } from '../migration';

/**
 * Capacity units keyed by their primary key alone: a WITHOUT ROWID table is one b-tree instead of
 * a rowid table plus its primary-key index. A centre's calendar holds about 1,000 units a day for
 * months ahead, so this is a quarter of a demo station's file less to write at the first start and
 * to read in the integrity check of every start. Same columns, same owner index, same rows.
 */
export const m067SlotUnitsWithoutRowid: Migration = {
  version: 67,
  name: 'slot-units-without-rowid',
  up(db) {
    db.exec(`
      CREATE TABLE slot_units_keyed (
        slot_id TEXT NOT NULL REFERENCES slots(id),
        unit INTEGER NOT NULL CHECK (unit >= 0),
        owner_station TEXT NOT NULL,
        epoch INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (slot_id, unit)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO slot_units_keyed (slot_id, unit, owner_station, epoch, updated_at)
        SELECT slot_id, unit, owner_station, epoch, updated_at FROM slot_units ORDER BY slot_id, unit;
      DROP TABLE slot_units;
      ALTER TABLE slot_units_keyed RENAME TO slot_units;
      CREATE INDEX slot_units_owner_unit ON slot_units(owner_station, slot_id, unit);
    `);
  },
};
