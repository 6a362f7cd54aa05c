import { importCalendar } from '../../../main/station/imports/calendar-import';
import { runImport } from './import-runner';

/** `centre import-calendar --data DIR FILE [--dry-run]`: prints {"sessions","slots","places","unchanged"}. */
export function run(argv: string[]): Promise<number> {
  return runImport(argv, 'centre.import-calendar', ({ db, table, settings, now, dryRun }) =>
    importCalendar(db, table, { centreId: settings.centreId, stationId: settings.stationId, now, dryRun }),
  );
}
