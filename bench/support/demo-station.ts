import { ManualClock } from '../../src/main/adapters/clock';
import { openTestStation } from '../../tests/support/station';

/** A demo centre station on a real SQLite file, on a clock set to a weekday morning. */
export function openBenchStation(options: { days?: number; at?: string } = {}) {
  const clock = new ManualClock(options.at ?? '2026-03-02T09:00:00+01:00');
  // Roles off: the benchmarks time the use cases as the simulator's role-checked stations do, minus
  // the session lookup; the role checks themselves are measured by the simulator's per-person times.
  const station = openTestStation({ clock, enforceRoles: false });
  station.seedDemo();
  return { station, clock };
}

export const benchCall = { language: 'en', transport: 'http' } as const;
