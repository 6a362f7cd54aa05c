import type { Migration } from '../migration';

/**
 * The reactions a dose's Immunization carries (JSON, as sent in `reaction`): kept on the dose so
 * that every later correction or void of it sends them again instead of dropping them.
 */
export const m063DoseReactions: Migration = {
  version: 63,
  name: 'dose-reactions',
  up(db) {
    db.exec(`ALTER TABLE dose_records ADD COLUMN reactions TEXT;`);
  },
};
