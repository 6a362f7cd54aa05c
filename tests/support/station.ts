import { openConfSettings } from '../../src/main/adapters/settings/conf-settings';
import { openStation, type Station, type StationOptions } from '../../src/main/station/station';
import type { Clock } from '../../src/main/adapters/clock';
import type { Settings } from '../../src/shared/settings';
import type { CallInfo } from '../../src/main/station/base/handlers';
import type { StaffRole } from '../../src/shared/api/staff';
import type { Language } from '../../src/shared/i18n/languages';
import { createTestStaff } from './test-staff';
import { makeTempDir } from './temp-dir';

export interface TestStationOptions {
  clock?: Clock;
  settings?: Partial<Settings>;
  dataDir?: string;
  /**
   * Staff roles are checked, as on every production host: call with signedInCall(station, role).
   * `false` switches them off, for the rare test of another boundary; say why where you do it.
   */
  enforceRoles?: boolean;
  /** Unencrypted unless given (faster); the host and Electron always encrypt. */
  databaseKey?: string;
  lockAfterSeconds?: number;
  /** Pauses and time-outs of the citizen message worker. */
  messages?: StationOptions['messages'];
}

/** A real station on a real SQLite file in a temp folder. */
export function openTestStation(options: TestStationOptions = {}): Station & { dataDir: string; cleanup: () => void } {
  const temp = options.dataDir ? { dir: options.dataDir, cleanup: () => {} } : makeTempDir();
  const settings = openConfSettings(temp.dir, { dataDir: temp.dir, ...options.settings });
  const station = openStation({
    dataDir: temp.dir,
    settings,
    transport: 'http',
    statusIntervalMs: 0,
    log: () => {},
    enforceRoles: options.enforceRoles ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.databaseKey ? { databaseKey: options.databaseKey } : {}),
    ...(options.lockAfterSeconds !== undefined ? { lockAfterSeconds: options.lockAfterSeconds } : {}),
    ...(options.messages ? { messages: options.messages } : {}),
  });
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

/**
 * A CallInfo of a staff member holding these roles, signed in on the station (a new person each
 * time, PIN 1234 hashed with cheap test parameters). Use it where a test needs `call.staff` or runs
 * with enforceRoles on.
 */
export function signedInCall(
  station: Station,
  role: StaffRole | readonly StaffRole[],
  options: { language?: Language; displayName?: string } = {},
): CallInfo & { sessionId: string; staff: NonNullable<CallInfo['staff']> } {
  const roles = typeof role === 'string' ? [role] : [...role];
  const staff = createTestStaff(station.ctx.db, station.ctx.clock, roles, options.displayName);
  const session = station.security.sessions.open(staff.id, 'tab');
  return { language: options.language ?? 'en', transport: 'http', sessionId: session.id, staff };
}
