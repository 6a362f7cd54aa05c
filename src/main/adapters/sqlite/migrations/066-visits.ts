import type { Migration } from '../migration';

/**
 * The vaccinator's visit (issue 16): one row per person seen at a station, at most one open per
 * station (its booth). It points at the records of the visit (dose, not-given, card, observation)
 * rather than copying them, so a reload reads them again; `screening_id` is filled by the screening
 * step. Nothing is deleted: a visit is closed ("next person").
 */
export const m066Visits: Migration = {
  version: 66,
  name: 'visits',
  up(db) {
    db.exec(`
      CREATE TABLE visits (
        id TEXT PRIMARY KEY,
        station_id TEXT NOT NULL,
        ssin TEXT NOT NULL,
        staff_name TEXT NOT NULL,
        step TEXT NOT NULL CHECK (step IN ('person', 'screening', 'vial', 'confirm', 'done', 'not_given')),
        language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
        card_token TEXT,
        lot_id TEXT,
        vial_id TEXT,
        screening_id TEXT,
        dose_id TEXT,
        not_given_id TEXT,
        card_appointment_id TEXT,
        card_held INTEGER NOT NULL DEFAULT 0 CHECK (card_held IN (0, 1)),
        card_print_job_id TEXT,
        observation_id TEXT,
        local_date TEXT NOT NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX visits_one_open_per_station ON visits(station_id) WHERE closed_at IS NULL;
      CREATE INDEX visits_station_day ON visits(station_id, local_date, started_at);
      CREATE INDEX visits_dose ON visits(dose_id) WHERE dose_id IS NOT NULL;
    `);
  },
};
