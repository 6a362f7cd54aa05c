import type { Migration } from '../migration';

/**
 * The vaccination policy per product as dated versions (interval, age limits, mixed schedules,
 * boosters): a version applies from its Brussels day until the next one of the product. A change
 * is a new version, never an edit: what applied to a past dose stays as it was. Lists (products
 * that may follow, booster products) are JSON arrays of product codes.
 */
export const m064DoseRules: Migration = {
  version: 64,
  name: 'dose-rules',
  up(db) {
    db.exec(`
      CREATE TABLE dose_rules (
        id TEXT PRIMARY KEY,
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        valid_from TEXT NOT NULL,
        min_days INTEGER,
        target_days INTEGER,
        max_days INTEGER,
        min_age INTEGER,
        max_age INTEGER,
        mixed_with TEXT NOT NULL DEFAULT '[]',
        booster_products TEXT,
        booster_min_days INTEGER,
        booster_min_age INTEGER,
        reason TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (product_code, valid_from),
        CHECK ((min_days IS NULL) = (target_days IS NULL) AND (target_days IS NULL) = (max_days IS NULL)),
        CHECK ((booster_products IS NULL) = (booster_min_days IS NULL))
      ) STRICT;
    `);
  },
};
