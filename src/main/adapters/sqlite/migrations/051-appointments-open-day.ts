import type { Migration } from '../migration';

/**
 * The no-show sweep looks for appointments still booked on days that have ended; it runs before
 * the follow-up desk, the day plan and the report, and every minute. A partial index over the open
 * appointments alone keeps it to the few open ones instead of every past appointment of the season.
 */
export const m051AppointmentsOpenDay: Migration = {
  version: 51,
  name: 'appointments-open-day',
  up(db) {
    db.exec(`CREATE INDEX appointments_open_day ON appointments(local_date) WHERE status = 'booked';`);
  },
};
