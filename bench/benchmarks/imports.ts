import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from '../harness';
import { ManualClock } from '../../src/main/adapters/clock';
import { addDays } from '../../src/domain/time/local-time';
import { demoSsin } from '../../src/main/station/demo/demo-people';
import { parseCsvBytes, parseCsvText } from '../../src/main/station/imports/csv';
import { importCalendar } from '../../src/main/station/imports/calendar-import';
import { importInvitations } from '../../src/main/station/imports/invitations-import';
import { importProducts } from '../../src/main/station/imports/products-import';
import { openTestStation } from '../../tests/support/station';

const products = () => parseCsvBytes(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'demo', 'products.csv')));

/** A year of a big centre: 365 days × 10 sessions of 15-minute slots. */
function yearCalendar(): string {
  const lines = ['date;start;end;product;slot_minutes;capacity'];
  const hours = ['08:00', '09:30', '11:00', '12:30', '14:00', '15:30', '17:00', '18:30', '20:00', '21:30'];
  for (let d = 0; d < 365; d++) {
    const date = addDays('2027-01-01', d);
    for (const [i, start] of hours.entries()) lines.push(`${date};${start};${hours[i + 1] ?? '23:00'};${i % 2 ? 'spikevax' : 'comirnaty'};15;24`);
  }
  return lines.join('\n') + '\n';
}

/** A blank station with the demo products, each sample on a new one (a second import adds nothing). */
function freshStation() {
  const clock = new ManualClock('2026-12-01T08:00:00Z');
  const station = openTestStation({ clock });
  importProducts(station.ctx.db, products(), { now: clock.now(), dryRun: false, by: 'bench' });
  return { station, clock };
}

export const importYearCalendar: Benchmark = {
  name: 'centre import-calendar: a year of 3,650 sessions (≈ 22,000 slots) into a blank station',
  budgetMs: 30_000,
  samples: 3,
  warmup: 0,
  async setup() {
    const table = parseCsvText(yearCalendar());
    const opened: ReturnType<typeof freshStation>[] = [];
    return {
      sample: () => {
        const s = freshStation();
        opened.push(s);
        const start = performance.now();
        importCalendar(s.station.ctx.db, table, { centreId: 'bench-centre', stationId: 'station-1', now: s.clock.now(), dryRun: false });
        return performance.now() - start;
      },
      teardown: () => opened.forEach((s) => s.station.cleanup()),
    };
  },
};

export const importManyInvitations: Benchmark = {
  name: 'centre import-invitations: 20,000 people (read, check, write) into a blank station',
  budgetMs: 30_000,
  samples: 3,
  warmup: 0,
  async setup() {
    const lines = ['code;ssin;surname;given_names;language;product;email'];
    for (let i = 0; i < 20_000; i++) {
      const ssin = demoSsin(`19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}`, 1 + (i % 997));
      lines.push(`INV${String(i).padStart(8, '0')}X${ssin};${ssin};Person ${i};Test;nl;comirnaty;p${i}@example.org`);
    }
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const opened: ReturnType<typeof freshStation>[] = [];
    return {
      sample: () => {
        const s = freshStation();
        opened.push(s);
        const start = performance.now();
        importInvitations(s.station.ctx.db, parseCsvBytes(bytes), { centreId: 'bench-centre', now: s.clock.now(), dryRun: false });
        return performance.now() - start;
      },
      teardown: () => opened.forEach((s) => s.station.cleanup()),
    };
  },
};

export const parseNearLimitCsv: Benchmark = {
  name: 'import CSV reader: a 19 MB file (quoted fields) to rows',
  budgetMs: 10_000,
  samples: 3,
  warmup: 1,
  async setup() {
    const row = '2027-01-04;"09:00";12:30;"comirnaty; ""demo""";15;24\n';
    const bytes = new TextEncoder().encode('date;start;end;product;slot_minutes;capacity\n' + row.repeat(Math.floor((19 * 1024 * 1024) / row.length)));
    return { sample: () => void parseCsvBytes(bytes) };
  },
};
