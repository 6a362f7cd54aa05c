import type { Migration } from '../migration';

/**
 * Punctured multi-dose vials (Comirnaty must be used within 6 hours), the dose each injection drew
 * from, and the standby list of people who can come at short notice for leftover doses.
 */
export const m008Vials: Migration = {
  version: 8,
  name: 'vials-standby',
  up(db) {
    db.exec(`
      CREATE TABLE vials (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        lot_id TEXT NOT NULL REFERENCES lots(id),
        punctured_at TEXT NOT NULL,
        usable_until TEXT NOT NULL,
        doses_total INTEGER NOT NULL CHECK (doses_total >= 1),
        doses_used INTEGER NOT NULL DEFAULT 0 CHECK (doses_used >= 0 AND doses_used <= doses_total),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished', 'discarded')),
        opened_by TEXT NOT NULL,
        closed_at TEXT,
        closed_reason TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vials_open ON vials(status, product_code);

      ALTER TABLE dose_records ADD COLUMN vial_id TEXT REFERENCES vials(id);

      CREATE TABLE standby (
        id TEXT PRIMARY KEY,
        citizen_id TEXT REFERENCES citizens(id),
        ssin TEXT,
        display_name TEXT NOT NULL,
        phone TEXT,
        -- JSON array of product codes the person may receive
        product_codes TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'vaccinated', 'removed')),
        status_reason TEXT,
        station_id TEXT NOT NULL,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX standby_waiting ON standby(status, added_at);
    `);
  },
};
