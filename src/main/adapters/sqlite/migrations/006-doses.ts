import type { Migration } from '../migration';

/**
 * Dose records and their corrections. A record is never deleted: a correction or a void bumps its
 * version, keeps the before/after in dose_corrections and sends a new outbox row. The partial
 * unique indexes make a second dose for the same person on the same local day, or the same dose
 * number twice, impossible at the storage level.
 */
export const m006Doses: Migration = {
  version: 6,
  name: 'doses',
  up(db) {
    db.exec(`
      CREATE TABLE dose_records (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        ssin TEXT NOT NULL,
        dose_number INTEGER NOT NULL CHECK (dose_number BETWEEN 1 AND 9),
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        gtin TEXT,
        lot TEXT NOT NULL,
        expiry TEXT NOT NULL,
        lot_id TEXT REFERENCES lots(id),
        administered_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        station_id TEXT NOT NULL,
        centre_id TEXT NOT NULL,
        vaccinator_nihdi TEXT NOT NULL,
        vaccinator_name TEXT NOT NULL,
        -- station: recorded here; card: imported from a signed appointment card; sync: from elsewhere
        origin TEXT NOT NULL CHECK (origin IN ('station', 'card', 'sync')),
        status TEXT NOT NULL CHECK (status IN ('completed', 'entered-in-error')),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX dose_once_a_day ON dose_records(ssin, local_date) WHERE status = 'completed';
      CREATE UNIQUE INDEX dose_number_once ON dose_records(ssin, dose_number) WHERE status = 'completed';
      CREATE INDEX dose_records_day ON dose_records(local_date, product_code);

      CREATE TABLE dose_corrections (
        id TEXT PRIMARY KEY,
        dose_id TEXT NOT NULL REFERENCES dose_records(id),
        version INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('correct', 'void')),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        by_nihdi TEXT NOT NULL,
        by_name TEXT NOT NULL,
        by_role TEXT NOT NULL CHECK (by_role IN ('vaccinator', 'supervisor')),
        at TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        UNIQUE (dose_id, version)
      ) STRICT;
    `);
  },
};
