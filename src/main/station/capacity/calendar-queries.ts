import type { Db } from '../../adapters/sqlite/database';

/** Read-only questions other slices ask about the centre calendar (centre_days). */

/** Whether the day has an entry at all (open or closed): the seed leaves a day the staff set alone. */
export function centreDayKnown(db: Db, date: string): boolean {
  return db.prepare('SELECT 1 FROM centre_days WHERE date = ?').get(date) !== undefined;
}
