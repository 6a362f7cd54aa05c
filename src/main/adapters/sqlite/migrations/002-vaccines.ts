import type { Migration } from '../migration';

/**
 * The vaccine catalogue as configuration (intervals changed during 2021 and will again), the GTINs
 * that identify each product on a vial, and the lots seen (scanned, typed or imported).
 */
export const m002Vaccines: Migration = {
  version: 2,
  name: 'vaccines',
  up(db) {
    db.exec(`
      CREATE TABLE vaccine_products (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        doses_in_course INTEGER NOT NULL CHECK (doses_in_course BETWEEN 1 AND 9),
        min_days INTEGER,
        target_days INTEGER,
        max_days INTEGER,
        doses_per_vial INTEGER NOT NULL CHECK (doses_per_vial >= 1),
        usable_hours REAL NOT NULL CHECK (usable_hours > 0),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at TEXT NOT NULL,
        CHECK (doses_in_course = 1 OR (min_days >= 1 AND min_days <= target_days AND target_days <= max_days))
      ) STRICT;

      CREATE TABLE product_gtins (
        gtin TEXT PRIMARY KEY CHECK (length(gtin) = 14),
        product_code TEXT NOT NULL REFERENCES vaccine_products(code)
      ) STRICT;

      CREATE TABLE lots (
        id TEXT PRIMARY KEY,
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        gtin TEXT,
        lot TEXT NOT NULL CHECK (length(lot) BETWEEN 1 AND 20),
        expiry TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('scan', 'typed', 'seed', 'card', 'sync')),
        created_at TEXT NOT NULL,
        UNIQUE (product_code, lot, expiry)
      ) STRICT;
    `);
  },
};
