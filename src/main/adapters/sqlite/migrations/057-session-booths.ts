import type { Migration } from '../migration';

/**
 * A session's booths (issue 15: booths × people per booth = places per slot). Optional: a session
 * made before, or without them, keeps NULL (not set) and its places per slot as they were.
 */
export const m057SessionBooths: Migration = {
  version: 57,
  name: 'session-booths',
  up(db) {
    db.exec(`ALTER TABLE sessions ADD COLUMN booths INTEGER CHECK (booths IS NULL OR (booths BETWEEN 1 AND 100));`);
  },
};
