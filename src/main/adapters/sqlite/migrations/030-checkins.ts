import type { Migration } from '../migration';

/**
 * The arrival log of the check-in desk (src/main/station/checkin-log): one row each time staff
 * confirm that a person arrived — who confirmed, at which station, when, from what (scan, typed
 * number, chip, MRZ) and which warnings they saw and went on anyway. Append-only: triggers refuse
 * UPDATE and DELETE, as for the audit trail; a second arrival is a second row.
 */
export const m030Checkins: Migration = {
  version: 30,
  name: 'checkins',
  up(db) {
    db.exec(`
      CREATE TABLE checkins (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
        ssin TEXT NOT NULL CHECK (length(ssin) = 11 AND ssin NOT GLOB '*[^0-9]*'),
        -- The Brussels calendar day of the arrival: "already checked in today" and the day's report.
        local_date TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        at TEXT NOT NULL,
        station_id TEXT NOT NULL,
        -- The signed-in staff member (null only where no staff session exists: tests, roles off).
        staff_id TEXT,
        staff_name TEXT,
        source TEXT NOT NULL CHECK (source IN ('scanner', 'typed', 'chip', 'mrz')),
        invitation_code TEXT,
        -- JSON array of the warning codes shown and acknowledged, e.g. ["expired_card"].
        warnings_acknowledged TEXT NOT NULL CHECK (json_valid(warnings_acknowledged) AND json_type(warnings_acknowledged) = 'array')
      ) STRICT;
      CREATE INDEX checkins_person_day ON checkins(ssin, local_date, at);
      CREATE INDEX checkins_day ON checkins(local_date);

      CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins
      BEGIN
        SELECT RAISE(ABORT, 'checkins is append-only');
      END;
      CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins
      BEGIN
        SELECT RAISE(ABORT, 'checkins is append-only');
      END;
    `);
  },
};
