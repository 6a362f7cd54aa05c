import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { getProduct } from '../../../src/main/station/products/products';
import { centreDayOpen } from '../../../src/main/station/capacity/calendar-store';
import { PROJECT_ROOT } from '../../support/paths';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation } from '../../support/station';

/**
 * The demo centre is built from resources/demo through the centre imports: what the files say is
 * what the station gets, and the calendar file is a model week replayed from the clock's day.
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function station(at: string) {
  const s = openTestStation({ clock: new ManualClock(at), centreId: 'demo-centre', deferServices: true });
  cleanups.push(s.cleanup);
  return s;
}

/** A copy of the shipped files, each changed by `edit`. */
function editedResources(edit: Partial<Record<'products' | 'calendar' | 'invitations', (text: string) => string>>): string {
  const temp = makeTempDir('dosedesk-demo-files-');
  cleanups.push(temp.cleanup);
  cpSync(join(PROJECT_ROOT, 'resources', 'demo'), temp.dir, { recursive: true });
  for (const [name, change] of Object.entries(edit)) {
    const file = join(temp.dir, `${name}.csv`);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    expect(after, `${name}.csv edited`).not.toBe(before);
    writeFileSync(file, after);
  }
  return temp.dir;
}

const count = (s: ReturnType<typeof station>, sql: string, ...args: unknown[]) => (s.db.prepare(sql).get(...args) as { n: number }).n;

describe('the demo seed reads resources/demo', () => {
  const MONDAY = localInstant('2026-11-16', '08:00');

  it('seeds what a changed copy of the files says: an interval, the places per slot and a name', () => {
    const shipped = station(MONDAY);
    seedDemoCentre(shipped.db, shipped.clock, 'station-1');
    const dir = editedResources({
      products: (t) => t.replace('comirnaty;Comirnaty (Pfizer-BioNTech);05413868120110;;J07BN01;2;19;', 'comirnaty;Comirnaty (Pfizer-BioNTech);05413868120110;;J07BN01;2;20;'),
      calendar: (t) => t.replaceAll(';15;24', ';15;16'),
      invitations: (t) => t.replace(';Peeters;Anneleen;', ';Peeters-Claes;Anneleen;'),
    });
    const edited = station(MONDAY);
    seedDemoCentre(edited.db, edited.clock, 'station-1', { resourcesDir: dir });

    expect(getProduct(shipped.db, 'comirnaty').interval!.minDays).toBe(19);
    expect(getProduct(edited.db, 'comirnaty').interval!.minDays).toBe(20);
    expect(count(shipped, 'SELECT COUNT(*) AS n FROM sessions WHERE capacity_per_slot <> 24')).toBe(0);
    expect(count(edited, 'SELECT COUNT(*) AS n FROM sessions WHERE capacity_per_slot <> 16')).toBe(0);
    expect(count(edited, 'SELECT COUNT(*) AS n FROM sessions')).toBe(count(shipped, 'SELECT COUNT(*) AS n FROM sessions'));
    const surname = "SELECT COUNT(*) AS n FROM citizens WHERE family_name = 'Peeters-Claes'";
    expect([count(shipped, surname), count(edited, surname)]).toEqual([0, 1]);
  });

  it('replays the model week from the clock’s day: a Sunday start is closed, the Monday after has the model Monday', () => {
    const sunday = station(localInstant('2026-12-06', '08:00'));
    const summary = seedDemoCentre(sunday.db, sunday.clock, 'station-1', { days: 14 });
    expect(centreDayOpen(sunday.db, '2026-12-06')).toBe(false);
    expect(count(sunday, "SELECT COUNT(*) AS n FROM sessions WHERE date = '2026-12-06'")).toBe(0);
    // The model Monday (4 January 2027 in the file): Comirnaty morning and afternoon, Spikevax afternoon.
    const monday = sunday.db.prepare("SELECT product_code, start_local, end_local FROM sessions WHERE date = '2026-12-07' ORDER BY start_local, product_code").all();
    expect(monday).toEqual([
      { product_code: 'comirnaty', start_local: '09:00', end_local: '12:30' },
      { product_code: 'comirnaty', start_local: '13:30', end_local: '17:00' },
      { product_code: 'spikevax', start_local: '13:30', end_local: '17:00' },
    ]);
    // Two weeks of the model week: 2 × (3 + 4 + 3 + 4 + 3 + 4) sessions, and the next Sunday closed too.
    expect(summary.sessionsCreated).toBe(42);
    expect(centreDayOpen(sunday.db, '2026-12-13')).toBe(false);
  });
});
