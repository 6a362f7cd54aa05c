import type { Migration } from '../migration';

/**
 * Appointments for the next dose and the "to be booked" list. An appointment booked here holds
 * one capacity unit of its slot; the partial unique index makes booking the same unit twice
 * impossible, and a cancelled appointment frees it without deleting anything. Appointments
 * learned from a card or from sync hold no unit of ours (unit NULL).
 */
export const m007Appointments: Migration = {
  version: 7,
  name: 'appointments',
  up(db) {
    db.exec(`
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        ssin TEXT NOT NULL,
        product_code TEXT NOT NULL,
        dose_number INTEGER NOT NULL CHECK (dose_number BETWEEN 1 AND 9),
        slot_id TEXT NOT NULL,
        unit INTEGER,
        start_at TEXT NOT NULL,
        end_at TEXT NOT NULL,
        local_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'fulfilled', 'noshow')),
        station_id TEXT NOT NULL,
        centre_id TEXT NOT NULL,
        previous_dose_id TEXT,
        short_code TEXT NOT NULL,
        preference TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL CHECK (origin IN ('station', 'card', 'sync')),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX appointment_unit_taken ON appointments(slot_id, unit)
        WHERE unit IS NOT NULL AND status != 'cancelled';
      CREATE UNIQUE INDEX appointment_one_open ON appointments(ssin, dose_number) WHERE status = 'booked';
      CREATE INDEX appointments_short_code ON appointments(short_code);
      CREATE INDEX appointments_day ON appointments(local_date, status);
      CREATE INDEX appointments_slot ON appointments(slot_id, status);

      -- Every status change of an appointment, with who and why.
      CREATE TABLE appointment_events (
        id TEXT PRIMARY KEY,
        appointment_id TEXT NOT NULL REFERENCES appointments(id),
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (appointment_id, version)
      ) STRICT;

      -- Citizens whose next dose could not be booked on the spot: the centre contacts them.
      CREATE TABLE booking_requests (
        id TEXT PRIMARY KEY,
        citizen_id TEXT NOT NULL REFERENCES citizens(id),
        ssin TEXT NOT NULL,
        product_code TEXT NOT NULL,
        dose_number INTEGER NOT NULL,
        previous_dose_id TEXT,
        earliest_date TEXT NOT NULL,
        target_date TEXT NOT NULL,
        latest_date TEXT NOT NULL,
        preference TEXT NOT NULL DEFAULT '{}',
        reason TEXT NOT NULL,
        message_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'booked', 'cancelled')),
        appointment_id TEXT REFERENCES appointments(id),
        station_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX booking_requests_waiting ON booking_requests(status, earliest_date);
    `);
  },
};
