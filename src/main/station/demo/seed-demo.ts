import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yieldingTransaction, type Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import { resourcesDir } from '../../adapters/resources';
import { localDateOf, plusLocalDays, localInstant } from '../../../domain/time/local-time';
import { getProduct, listProducts } from '../products/products';
import { setCentreDay } from '../capacity/calendar';
import { findCitizen } from '../identity/citizens';
import { ensureLot } from '../vials/lots';
import { readCardKey, setCardKey, demoCardKey } from '../booking/card-key';
import { setCentreInfo } from '../booking/centre';
import { nameUuid } from '../base/ids';
import { DEMO_PEOPLE, demoSsin, type DemoPerson } from './demo-people';
import { ensureRuleVersions } from '../rules/rules';
import { DEMO_DOSE_RULES } from '../rules/demo-rules';
import { hasMeta, readMeta, writeMeta } from '../shell/station-meta-store';
import { centreDayKnown } from '../capacity/calendar-queries';
import { insertDemoFirstDose } from '../booking/demo-seed-store';
import { parseCsvBytes, type CsvTable } from '../imports/csv';
import { CALENDAR_COLUMNS, importCalendar } from '../imports/calendar-import';
import { deferFreshUnits } from '../capacity/capacity';
import { importProducts } from '../imports/products-import';
import { importInvitations } from '../imports/invitations-import';
import { replayModelWeek } from '../imports/model-week';
import { rowsByColumn, wholeNumber } from '../imports/columns';

/** Far enough for any demo, and still a date a GS1 code can carry (YYMMDD, sliding century). */
export const DEMO_LOT_EXPIRY = '2049-12-31';

export const DEMO_STATIONS = ['station-1', 'station-2', 'station-3', 'station-4'] as const;

export interface SeedDemoOptions {
  centreId?: string;
  /** Days of calendar from today (default 120, so dose-2 bookings 21-84 days ahead fit). */
  days?: number;
  /** The folder of products.csv, calendar.csv and invitations.csv (default: the shipped resources/demo). */
  resourcesDir?: string;
  /**
   * Called once, inside the seed, when everything but the calendar is in (products, citizens,
   * lots, earlier doses: what the sign-in screen's demo guide shows); the calendar, most of the
   * work, follows. Called at once when the folder was seeded earlier the same day.
   */
  firstScreen?: () => void;
}

export interface SeedDemoSummary {
  productsAdded: number;
  sessionsCreated: number;
  unitsAllocated: number;
  citizens: number;
}

/** The shipped demo centre's files (resources/demo, see its README). */
export function demoResourcesDir(): string {
  return join(resourcesDir(join('demo', 'products.csv')), 'demo');
}

interface DemoFiles {
  products: CsvTable;
  calendar: CsvTable;
  invitations: CsvTable;
}

function readDemoFiles(dir: string): DemoFiles {
  const read = (name: string) => parseCsvBytes(readFileSync(join(dir, `${name}.csv`)));
  return { products: read('products'), calendar: read('calendar'), invitations: read('invitations') };
}

/**
 * Seeds the fictitious demo centre through the centre imports, as a real centre is set up: the
 * products, calendar and invitations of resources/demo (the calendar read as a model week and
 * replayed over the next ~120 days from the station clock's day, capacity shared between
 * station-1..station-4), then what no file carries: a few first doses already given (as if learned
 * from the backend), a lot per product, the card key shared by all demo stations and the card's
 * centre details. Every id is derived from names, so every demo station seeds the same centre;
 * running it again changes nothing (on a later day it only adds the new days). `stationId` is the
 * seeding station; a station outside station-1..4 owns no capacity (a supervisor books nothing).
 */
export function seedDemoCentre(db: Db, clock: Clock, stationId: string, options: SeedDemoOptions = {}): SeedDemoSummary {
  const files = readDemoFiles(options.resourcesDir ?? demoResourcesDir());
  // A host restarted on the same day finds everything seeded: one read instead of ~120 days of
  // "already applied" checks (about half a second of every demo host start).
  if (seededToday(db, clock, options, files)) return { productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 };
  // One transaction for the whole seed (each import's own becomes a savepoint): one fsync, not 120.
  return db
    .transaction(() => {
      // Nothing waits for this one: the whole calendar in one import (one statement for its units).
      const steps = seedSteps(db, clock, stationId, options, files, Number.POSITIVE_INFINITY);
      for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
    })
    .immediate();
}

/** How long the yielding seed leaves the event loop to others between its steps: a page's files are served meanwhile. */
export const SEED_PAUSE_MS = 15;

/**
 * The same seed, in the same single transaction, but letting the event loop run between its steps
 * (about a tenth of a second each), so that a host serves its page while a new folder is seeded
 * instead of after. Nothing else may write to the database until it settles; a process stopped
 * in between leaves nothing of it, and the next start seeds again.
 */
export async function seedDemoCentreYielding(db: Db, clock: Clock, stationId: string, options: SeedDemoOptions = {}, pause: () => Promise<void> = () => new Promise((r) => setTimeout(r, SEED_PAUSE_MS))): Promise<SeedDemoSummary> {
  const files = readDemoFiles(options.resourcesDir ?? demoResourcesDir());
  if (seededToday(db, clock, options, files)) return { productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 };
  return yieldingTransaction(db, async () => {
    const steps = seedSteps(db, clock, stationId, options, files, CALENDAR_DAYS_PER_STEP);
    try {
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        await pause();
      }
    } finally {
      steps.return(undefined as never); // a pause that failed: the steps' own clean-up still runs
    }
    // About 20 MB of pages: their copy into the file is the caller's to start (background-checkpoint.ts).
  }, { checkpointLater: true });
}

/** True when this seed already ran on the station clock's day with the same files: then what the first screen shows is in, and firstScreen is called at once. */
function seededToday(db: Db, clock: Clock, options: SeedDemoOptions, files: DemoFiles): boolean {
  if (readMeta(db, SEEDED_KEY) !== seededMark(localDateOf(clock.now()), options, files.calendar)) return false;
  options.firstScreen?.();
  return true;
}

/** station_meta key of the last complete demo seed: which centre, for which day, with which calendar. */
export const SEEDED_KEY = 'demo.seeded';

/** The slot lengths and places per slot of the model week, e.g. `15:24` (each list joined by `|`). */
function calendarShape(calendar: CsvTable): string {
  const rows = rowsByColumn(calendar, CALENDAR_COLUMNS);
  const distinct = (column: string, max: number) => [...new Set(rows.map((r) => wholeNumber(r, column, 1, max)))].sort((a, b) => a - b).join('|');
  return `${distinct('slot_minutes', 120)}:${distinct('capacity', 500)}`;
}

function seededMark(today: string, options: SeedDemoOptions, calendar: CsvTable): string {
  return [options.centreId ?? 'demo-centre', today, options.days ?? 120, calendarShape(calendar)].join(':');
}

/** Days of calendar imported per step of the seed: a month of sessions and their units is about a tenth of a second. */
const CALENDAR_DAYS_PER_STEP = 30;

/** The replayed calendar in parts of whole days (every row of a day in the same part, as importCalendar plans by day). */
function calendarParts(table: CsvTable, daysPerPart: number): CsvTable[] {
  const dateColumn = table.header.cells.findIndex((cell) => cell.trim().toLowerCase() === 'date');
  const parts: CsvTable[] = [];
  let dates = new Set<string>();
  let rows: CsvTable['rows'] = [];
  for (const row of table.rows) {
    const date = row.cells[dateColumn] ?? '';
    if (!dates.has(date) && dates.size === daysPerPart) {
      parts.push({ ...table, rows });
      dates = new Set();
      rows = [];
    }
    dates.add(date);
    rows.push(row);
  }
  if (rows.length > 0) parts.push({ ...table, rows });
  return parts;
}

/** The seed's work inside its transaction; it yields where a pause costs nothing (between whole imports). */
function* seedSteps(db: Db, clock: Clock, stationId: string, options: SeedDemoOptions, files: DemoFiles, calendarDaysPerStep: number): Generator<void, SeedDemoSummary> {
  const now = clock.now();
  const centreId = options.centreId ?? 'demo-centre';
  const today = localDateOf(now);
  const summary: SeedDemoSummary = { productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 };

  summary.productsAdded = importProducts(db, files.products, { now, dryRun: false, by: 'seed' }).products;
  ensureRuleVersions(db, DEMO_DOSE_RULES, 'demo centre: shipped 2021-like history', 'seed', now, (r) => nameUuid(`demo-rule:${centreId}:${r.productCode}:${r.validFrom}`));

  summary.citizens = importInvitations(db, files.invitations, { centreId, now, dryRun: false, source: 'seed' }).invitations;

  if (!readCardKey(db)) setCardKey(db, demoCardKey(centreId), now);
  if (!hasMeta(db, 'booking.centre_info')) setCentreInfo(db, { address: ['Place de Belgique 1', '1020 Brussel / Bruxelles'], place: 'Hall 5, entrance B / ingang B / entrée B', reschedulePhone: '02 000 00 00', rescheduleUrl: null }, now);
  const lots = new Map<string, string>();
  for (const p of listProducts(db)) {
    const lot = ensureLot(db, { productCode: p.code, gtin: p.gtins[0] ?? null, lot: `DEMO${p.code.slice(0, 3).toUpperCase()}01`, expiry: DEMO_LOT_EXPIRY }, 'seed', now);
    lots.set(p.code, lot.id);
  }
  // What no import carries: the first doses some demo people had before (as if from the backend).
  for (const person of DEMO_PEOPLE) {
    const ssin = demoSsin(person.birthDate, person.serial);
    const citizen = findCitizen(db, ssin);
    if (!citizen) continue; // not invited in this centre's file
    for (const dose of earlierDemoDoses(db, person)) {
      const product = getProduct(db, dose.product);
      const at = plusLocalDays(localInstant(today, '10:00'), -dose.daysAgo);
      insertDemoFirstDose(db, {
        id: nameUuid(`demo-dose:${centreId}:${ssin}:${dose.doseNumber}`),
        citizenId: citizen.id,
        ssin,
        doseNumber: dose.doseNumber,
        productCode: product.code,
        gtin: product.gtins[0] ?? null,
        lot: `DEMO${product.code.slice(0, 3).toUpperCase()}01`,
        expiry: DEMO_LOT_EXPIRY,
        lotId: lots.get(product.code) ?? null,
        administeredAt: at,
        localDate: localDateOf(at),
        centreId,
      });
    }
  }
  // Everything the first screen shows (the demo guide's citizens and vials) is in: the calendar,
  // most of the seed's work, comes last.
  options.firstScreen?.();

  // The shipped calendar is a model week: the demo works whatever day the station clock says.
  const week = replayModelWeek(files.calendar, today, options.days ?? 120);
  for (const date of week.closedDays) if (!centreDayKnown(db, date)) setCentreDay(db, date, false, 'closed in the demo week', now);
  // Imported whole, or a month at a time: the same sessions, allocations and units (both are per
  // day). The units of all parts are given together, in one sorted statement.
  const units = deferFreshUnits(db);
  try {
    for (const part of calendarParts(week.table, calendarDaysPerStep)) {
      yield;
      const calendar = importCalendar(db, part, { centreId, stationId, now, dryRun: false, stations: DEMO_STATIONS, source: 'seed' });
      summary.sessionsCreated += calendar.sessions;
      summary.unitsAllocated += calendar.places;
    }
    yield;
    units.give();
  } finally {
    units.drop();
  }
  yield;

  writeMeta(db, SEEDED_KEY, seededMark(today, options, files.calendar), now.toISOString());
  return summary;
}

/** The doses a demo person had before: a first dose, or a whole course (dose 1 the target interval before dose 2). */
function earlierDemoDoses(db: Db, person: DemoPerson): { doseNumber: number; product: string; daysAgo: number }[] {
  if (person.firstDoseDaysAgo) return [{ doseNumber: 1, product: person.firstDoseDaysAgo.product, daysAgo: person.firstDoseDaysAgo.days }];
  if (!person.courseDoneDaysAgo) return [];
  const { product, days } = person.courseDoneDaysAgo;
  const interval = getProduct(db, product).interval?.targetDays ?? 21;
  return [
    { doseNumber: 1, product, daysAgo: days + interval },
    { doseNumber: 2, product, daysAgo: days },
  ];
}
