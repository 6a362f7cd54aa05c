import { openConfSettings } from '../../src/main/adapters/settings/conf-settings';
import { openStation, type Station } from '../../src/main/station/station';
import type { Clock } from '../../src/main/adapters/clock';
import type { Settings } from '../../src/shared/settings';
import { makeTempDir } from './temp-dir';

/** A real station on a real SQLite file in a temp folder. */
export function openTestStation(options: { clock?: Clock; settings?: Partial<Settings>; dataDir?: string } = {}): Station & { dataDir: string; cleanup: () => void } {
  const temp = options.dataDir ? { dir: options.dataDir, cleanup: () => {} } : makeTempDir();
  const settings = openConfSettings(temp.dir, { dataDir: temp.dir, ...options.settings });
  const station = openStation({ dataDir: temp.dir, settings, transport: 'http', statusIntervalMs: 0, log: () => {}, ...(options.clock ? { clock: options.clock } : {}) });
  return Object.assign(station, {
    dataDir: temp.dir,
    cleanup: () => {
      try {
        station.close();
      } catch {
        // already closed by the test
      }
      temp.cleanup();
    },
  });
}
