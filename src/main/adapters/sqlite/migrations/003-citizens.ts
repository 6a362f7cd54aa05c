import type { Migration } from '../migration';

/** Citizens (keyed by SSIN), their invitations and eligible products, and corrections to them. */
export const m003Citizens: Migration = {
  version: 3,
  name: 'citizens',
  up(db) {
    db.exec(`
      CREATE TABLE citizens (
        id TEXT PRIMARY KEY,
        ssin TEXT NOT NULL UNIQUE CHECK (length(ssin) = 11),
        family_name TEXT NOT NULL,
        given_names TEXT NOT NULL,
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('M', 'F')),
        language TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
        source TEXT NOT NULL CHECK (source IN ('checkin', 'card', 'seed', 'sync', 'invitation')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        code TEXT NOT NULL UNIQUE,
        -- JSON array of product codes this person may receive
        eligible_products TEXT NOT NULL,
        valid_from TEXT,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        source TEXT NOT NULL CHECK (source IN ('seed', 'sync', 'supervisor')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX invitations_citizen ON invitations(citizen_id);

      -- Corrections to a person's details: before and after, with who, when and why.
      CREATE TABLE citizen_changes (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        before TEXT NOT NULL,
        after TEXT NOT NULL
      ) STRICT;
    `);
  },
};
