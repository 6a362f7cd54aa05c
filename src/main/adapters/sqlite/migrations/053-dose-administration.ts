import type { Migration } from '../migration';

/**
 * Where and how a dose goes in (BeVaccination `site` with its side, `route`, `doseQuantity`):
 * each product's usual way (left deltoid, intramuscular, its volume), and on each dose what was
 * done. Doses recorded before keep NULLs and are sent without these elements, as before.
 */
export const m053DoseAdministration: Migration = {
  version: 53,
  name: 'dose-administration',
  up(db) {
    db.exec(`
      ALTER TABLE vaccine_products ADD COLUMN default_site TEXT NOT NULL DEFAULT '35259002';
      ALTER TABLE vaccine_products ADD COLUMN default_side TEXT NOT NULL DEFAULT 'left' CHECK (default_side IN ('left', 'right'));
      ALTER TABLE vaccine_products ADD COLUMN default_route TEXT NOT NULL DEFAULT 'IM';
      ALTER TABLE vaccine_products ADD COLUMN dose_ml REAL CHECK (dose_ml IS NULL OR (dose_ml > 0 AND dose_ml <= 5));
      -- The volumes of the products the station ships with (their product information).
      UPDATE vaccine_products SET dose_ml = 0.3 WHERE code = 'comirnaty';
      UPDATE vaccine_products SET dose_ml = 0.5 WHERE code IN ('spikevax', 'vaxzevria', 'janssen');

      ALTER TABLE dose_records ADD COLUMN site TEXT;
      ALTER TABLE dose_records ADD COLUMN side TEXT CHECK (side IS NULL OR side IN ('left', 'right'));
      ALTER TABLE dose_records ADD COLUMN route TEXT;
      ALTER TABLE dose_records ADD COLUMN dose_ml REAL CHECK (dose_ml IS NULL OR (dose_ml > 0 AND dose_ml <= 5));
    `);
  },
};
