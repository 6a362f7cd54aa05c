import type { Migration } from '../migration';

/**
 * People the vaccinator saw and did not vaccinate, with the reason (a code of BeVaccination's
 * be-vs-vaccination-status-reason) and an optional note. Synced as an Immunization `not-done`
 * through the outbox row written in the same transaction; never deleted (a void sets status
 * entered-in-error and bumps the version). One per person and local day.
 */
export const m052NotGiven: Migration = {
  version: 52,
  name: 'not-given',
  up(db) {
    db.exec(`
      CREATE TABLE not_given (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        ssin TEXT NOT NULL,
        -- The product the dose would have been, and its number in the course.
        product_code TEXT NOT NULL REFERENCES vaccine_products(code),
        dose_number INTEGER NOT NULL CHECK (dose_number BETWEEN 1 AND 9),
        reason_system TEXT NOT NULL,
        reason_code TEXT NOT NULL,
        note TEXT,
        decided_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        station_id TEXT NOT NULL,
        centre_id TEXT NOT NULL,
        vaccinator_nihdi TEXT NOT NULL,
        vaccinator_name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('not-done', 'entered-in-error')),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
      ) STRICT;
      CREATE UNIQUE INDEX not_given_once_a_day ON not_given(ssin, local_date) WHERE status = 'not-done';
      CREATE INDEX not_given_day ON not_given(local_date, product_code);
    `);
  },
};
