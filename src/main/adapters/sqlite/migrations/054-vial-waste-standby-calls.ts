import type { Migration } from '../migration';

/**
 * Why a vial was closed with doses left, and how many: the end-of-day report counts wasted doses by
 * reason. `closed_reason` keeps the free note. Vials closed before keep NULLs (reason unknown).
 * The standby list keeps the answer of the last call (called, coming, not reachable) and when, so a
 * person not reachable today makes room for the next one and is called again another day.
 */
export const m054VialWaste: Migration = {
  version: 54,
  name: 'vial-waste-standby-calls',
  up(db) {
    db.exec(`
      ALTER TABLE vials ADD COLUMN waste_reason TEXT CHECK (waste_reason IS NULL OR waste_reason IN ('expired_after_puncture', 'contaminated', 'end_of_session', 'other'));
      ALTER TABLE vials ADD COLUMN doses_wasted INTEGER CHECK (doses_wasted IS NULL OR doses_wasted >= 0);
      ALTER TABLE standby ADD COLUMN call_outcome TEXT CHECK (call_outcome IS NULL OR call_outcome IN ('called', 'coming', 'unreachable'));
      ALTER TABLE standby ADD COLUMN call_outcome_at TEXT;
    `);
  },
};
