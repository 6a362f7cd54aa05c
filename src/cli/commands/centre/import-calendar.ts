import { importCalendar, parseStationList } from '../../../main/station/imports/calendar-import';
import { runImport } from './import-runner';

/**
 * `centre import-calendar --data DIR FILE [--stations ID,ID,…] [--dry-run]`: prints
 * {"sessions","slots","places","unchanged"}. `--stations` shares the new places between those stations.
 */
export function run(argv: string[]): Promise<number> {
  return runImport(
    argv,
    'centre.import-calendar',
    ({ db, table, settings, now, dryRun, options }) => {
      const stations = options.stations === undefined ? undefined : parseStationList(options.stations);
      return importCalendar(db, table, { centreId: settings.centreId, stationId: settings.stationId, now, dryRun, ...(stations ? { stations } : {}) });
    },
    ['stations'],
  );
}
