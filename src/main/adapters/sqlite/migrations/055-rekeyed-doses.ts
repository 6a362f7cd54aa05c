import type { Migration } from '../migration';

/**
 * A dose written on paper during a failure and typed in afterwards (booking.rekey) is marked as
 * such: who re-keyed it (staff id and name; `recorded_at` is when). Doses recorded at the booth
 * keep NULLs.
 */
export const m055RekeyedDoses: Migration = {
  version: 55,
  name: 'rekeyed-doses',
  up(db) {
    db.exec(`
      ALTER TABLE dose_records ADD COLUMN rekeyed_by TEXT;
      ALTER TABLE dose_records ADD COLUMN rekeyed_by_name TEXT;
    `);
  },
};
