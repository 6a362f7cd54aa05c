import type { Migration } from '../migration';

/**
 * The watch after a dose (15 minutes, 30 after an allergic history) and the reactions seen in it.
 * One observation per dose; released with who, when and, before its end, why. A reaction is never
 * deleted: a wrong one is voided with a reason. The dose's Immunization carries the reactions
 * (dose_records.reactions, migration 063).
 */
export const m062Observations: Migration = {
  version: 62,
  name: 'observations',
  up(db) {
    db.exec(`
      CREATE TABLE observations (
        id TEXT PRIMARY KEY,
        dose_id TEXT NOT NULL UNIQUE REFERENCES dose_records(id),
        ssin TEXT NOT NULL,
        display_name TEXT NOT NULL,
        product_code TEXT NOT NULL,
        station_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        allergy_history INTEGER NOT NULL CHECK (allergy_history IN (0, 1)),
        minutes INTEGER NOT NULL CHECK (minutes > 0),
        released_at TEXT,
        released_by TEXT,
        release_reason TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX observations_open ON observations(station_id, released_at);

      CREATE TABLE observation_reactions (
        id TEXT PRIMARY KEY,
        observation_id TEXT NOT NULL REFERENCES observations(id),
        dose_id TEXT NOT NULL REFERENCES dose_records(id),
        at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        manifestation TEXT NOT NULL,
        text TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('mild', 'moderate', 'severe')),
        action TEXT NOT NULL,
        note TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('recorded', 'voided')),
        void_reason TEXT,
        voided_by TEXT,
        voided_at TEXT
      ) STRICT;
      CREATE INDEX observation_reactions_day ON observation_reactions(local_date, status);
      CREATE INDEX observation_reactions_of ON observation_reactions(observation_id);
    `);
  },
};
