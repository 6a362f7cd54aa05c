import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import { setCentreDay } from '../../../../src/main/station/capacity/calendar';
import { applyCapacityAllocation, sessionShares } from '../../../../src/main/station/capacity/capacity';
import { centreDayOpen } from '../../../../src/main/station/capacity/calendar-store';
import { importCalendar } from '../../../../src/main/station/imports/calendar-import';
import { importProducts } from '../../../../src/main/station/imports/products-import';
import { openTestStation } from '../../../support/station';
import { demoTable, table } from './in-station';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const HEADER = 'date;start;end;product;slot_minutes;capacity';

function station() {
  const clock = new ManualClock('2027-03-01T08:00:00Z');
  const s = openTestStation({ clock });
  stations.push(s);
  importProducts(s.ctx.db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' });
  const run = (lines: string[]) => importCalendar(s.ctx.db, table([HEADER, ...lines]), { centreId: 'demo-centre', stationId: 'station-1', now: clock.now(), dryRun: false });
  return { db: s.ctx.db, clock, run };
}

describe('import-calendar and the centre days', () => {
  it('opens a day the weekly pattern left closed when the file holds a session on it', () => {
    const { db, clock, run } = station();
    setCentreDay(db, '2027-03-07', false, 'closed on Sundays', clock.now());
    expect(run(['2027-03-07;09:00;12:00;comirnaty;15;6'])).toMatchObject({ sessions: 1 });
    expect(centreDayOpen(db, '2027-03-07')).toBe(true);
  });

  it('refuses a session already there with other settings, and the same session twice in a file', () => {
    const { run } = station();
    run(['2027-03-08;09:00;12:00;comirnaty;15;6']);
    expect(() => run(['2027-03-08;09:00;12:00;comirnaty;15;8'])).toThrow(expect.objectContaining({ code: 'import.session_conflict', line: 2 }));
    expect(() => run(['2027-03-09;09:00;12:00;comirnaty;15;6', '09/03/2027;09:00;11:00;comirnaty;15;6'])).toThrow(expect.objectContaining({ code: 'import.session_twice', line: 3 }));
    expect(() => run(['2027-03-10;12:00;09:00;comirnaty;15;6'])).toThrow(expect.objectContaining({ code: 'import.time_order', line: 2 }));
    expect(() => run(['2027-03-10;09:00;09:10;comirnaty;15;6'])).toThrow(expect.objectContaining({ code: 'import.no_slot', line: 2 }));
  });

  it('shares new places between the stations that already hold capacity, the way the supervisor split does', () => {
    const { db, clock, run } = station();
    const earlier = { id: 'earlier', date: '2027-03-10', productCode: 'comirnaty', start: '09:00', end: '09:15', slotMinutes: 15, capacityPerSlot: 2 };
    applyCapacityAllocation(db, { id: 'split', source: 'supervisor', issuedAt: clock.now().toISOString(), centreId: 'demo-centre', sessions: [earlier], shares: sessionShares('earlier', 2, ['station-2', 'station-3']) }, clock.now());
    run(['2027-03-11;09:00;09:30;comirnaty;15;4']);
    const owners = db.prepare("SELECT owner_station AS station, COUNT(*) AS n FROM slot_units u JOIN slots s ON s.id = u.slot_id WHERE s.local_date = '2027-03-11' GROUP BY owner_station ORDER BY owner_station").all();
    expect(owners).toEqual([
      { station: 'station-2', n: 4 },
      { station: 'station-3', n: 4 },
    ]);
  });
});

describe('import-calendar: the optional booths column', () => {
  const BOOTHS_HEADER = 'date;start;end;product;slot_minutes;capacity;booths';
  function withBooths() {
    const clock = new ManualClock('2027-03-01T08:00:00Z');
    const s = openTestStation({ clock });
    stations.push(s);
    importProducts(s.ctx.db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' });
    const run = (lines: string[], dryRun = false) => importCalendar(s.ctx.db, table([BOOTHS_HEADER, ...lines]), { centreId: 'demo-centre', stationId: 'station-1', now: clock.now(), dryRun });
    const booths = () => s.ctx.db.prepare('SELECT date, booths FROM sessions ORDER BY date').all();
    return { db: s.ctx.db, run, booths };
  }

  it('stores the booths of a row that gives them, leaves an empty cell unset, and answers as before', () => {
    const { run, booths } = withBooths();
    expect(run(['2027-03-08;09:00;10:00;comirnaty;15;6;3', '2027-03-09;09:00;10:00;comirnaty;15;6;'])).toEqual({ sessions: 2, slots: 8, places: 48, unchanged: 0 });
    expect(booths()).toEqual([
      { date: '2027-03-08', booths: 3 },
      { date: '2027-03-09', booths: null },
    ]);
    // Again: the same booths or none say nothing new; other booths conflict with the session.
    expect(run(['2027-03-08;09:00;10:00;comirnaty;15;6;3', '2027-03-09;09:00;10:00;comirnaty;15;6;'])).toEqual({ sessions: 0, slots: 0, places: 0, unchanged: 2 });
    expect(run(['2027-03-08;09:00;10:00;comirnaty;15;6;'])).toMatchObject({ unchanged: 1 });
    expect(() => run(['2027-03-08;09:00;10:00;comirnaty;15;6;2'])).toThrow(expect.objectContaining({ code: 'import.session_conflict', line: 2 }));
  });

  it('refuses booths out of 1..100, or places per slot that are not a multiple of them, at the line, writing nothing', () => {
    const { db, run, booths } = withBooths();
    const good = '2027-03-10;09:00;10:00;comirnaty;15;6;2';
    expect(() => run([good, '2027-03-11;09:00;10:00;comirnaty;15;6;4'])).toThrow(expect.objectContaining({ code: 'import.booths_capacity', line: 3, params: { capacity: 6, booths: 4 } }));
    expect(() => run([good, '2027-03-11;09:00;10:00;comirnaty;15;6;0'])).toThrow(expect.objectContaining({ code: 'import.number_invalid', line: 3 }));
    expect(() => run([good, '2027-03-11;09:00;10:00;comirnaty;15;500;101'])).toThrow(expect.objectContaining({ code: 'import.number_invalid', line: 3 }));
    expect(booths()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM slots').get()).toEqual({ n: 0 });
    expect(run([good], true)).toMatchObject({ sessions: 1 });
    expect(booths()).toEqual([]);
  });
});
