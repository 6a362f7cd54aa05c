import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../domain/vaccines/products';
import { addDays, localDateOf, plusLocalDays, weekdayOf, localInstant } from '../../../domain/time/local-time';
import type { CapacityAllocation, SessionDefinition } from '../../../domain/booking/allocation';
import { ensureProducts, getProduct } from '../products/products';
import { applyCapacityAllocations, sessionShares } from '../capacity/capacity';
import { sessionIdOf, setCentreDay } from '../capacity/calendar';
import { addInvitation, ensureCitizen } from '../identity/citizens';
import { ensureLot } from '../vials/lots';
import { readCardKey, setCardKey, demoCardKey } from '../booking/card-key';
import { setCentreInfo } from '../booking/centre';
import { nameUuid } from '../base/ids';
import { DEMO_PEOPLE, demoInvitationCode, demoSsin } from './demo-people';
import { hasMeta, readMeta, writeMeta } from '../shell/station-meta-store';
import { centreDayKnown } from '../capacity/calendar-queries';
import { insertDemoFirstDose } from '../booking/demo-seed-store';

/** Far enough for any demo, and still a date a GS1 code can carry (YYMMDD, sliding century). */
export const DEMO_LOT_EXPIRY = '2049-12-31';

export const DEMO_STATIONS = ['station-1', 'station-2', 'station-3', 'station-4'] as const;

export interface SeedDemoOptions {
  centreId?: string;
  /** Days of calendar from today (default 120, so dose-2 bookings 21-84 days ahead fit). */
  days?: number;
  slotMinutes?: number;
  /** Capacity of each slot, split between the four demo stations (default 24: 6 each). */
  capacityPerSlot?: number;
}

export interface SeedDemoSummary {
  productsAdded: number;
  sessionsCreated: number;
  unitsAllocated: number;
  citizens: number;
}

/** The demo centre's week: Comirnaty every day, the others on some days; Sunday closed. */
function sessionsFor(date: string, slotMinutes: number, capacity: number): SessionDefinition[] {
  const wd = weekdayOf(date);
  if (wd === 7) return [];
  const s = (productCode: string, start: string, end: string): SessionDefinition => ({ date, productCode, start, end, slotMinutes, capacityPerSlot: capacity });
  const out = [s('comirnaty', '09:00', '12:30'), s('comirnaty', '13:30', '17:00')];
  if (wd === 2 || wd === 4) out.push(s('comirnaty', '17:30', '20:00'));
  if (wd === 1 || wd === 3 || wd === 5) out.push(s('spikevax', '13:30', '17:00'));
  if (wd === 2 || wd === 4 || wd === 6) out.push(s('vaxzevria', '09:00', '12:30'));
  if (wd === 6) out.push(s('janssen', '13:30', '16:00'));
  return out;
}

/**
 * Seeds the fictitious demo centre: the four 2021 products, a calendar of sessions for the next
 * ~120 days with capacity shared between station-1..station-4, 20 citizens with invitations (a
 * few with a first dose already given, as if learned from the backend), a lot per product, the
 * card key shared by all demo stations and the card's centre details. Every id is derived from
 * names, so every demo station seeds the same centre; running it again changes nothing (on a
 * later day it only adds the new days). `stationId` is the seeding station; a station outside
 * station-1..4 owns no capacity (a supervisor books nothing).
 */
export function seedDemoCentre(db: Db, clock: Clock, stationId: string, options: SeedDemoOptions = {}): SeedDemoSummary {
  // A host restarted on the same day finds everything seeded: one read instead of ~120 days of
  // "already applied" checks (about half a second of every demo host start).
  if (readMeta(db, SEEDED_KEY) === seededMark(localDateOf(clock.now()), options)) return { productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 };
  // One transaction for the whole seed (the per-day steps become savepoints): one fsync, not 120.
  return db.transaction(() => seedInTransaction(db, clock, stationId, options)).immediate();
}

/** station_meta key of the last complete demo seed: which centre, for which day, with which calendar. */
export const SEEDED_KEY = 'demo.seeded';

function seededMark(today: string, options: SeedDemoOptions): string {
  return [options.centreId ?? 'demo-centre', today, options.days ?? 120, options.slotMinutes ?? 15, options.capacityPerSlot ?? 24].join(':');
}

function seedInTransaction(db: Db, clock: Clock, stationId: string, options: SeedDemoOptions): SeedDemoSummary {
  const now = clock.now();
  const centreId = options.centreId ?? 'demo-centre';
  const days = options.days ?? 120;
  const slotMinutes = options.slotMinutes ?? 15;
  const capacity = options.capacityPerSlot ?? 24;
  const today = localDateOf(now);
  const summary: SeedDemoSummary = { productsAdded: 0, sessionsCreated: 0, unitsAllocated: 0, citizens: 0 };

  summary.productsAdded = ensureProducts(db, DEFAULT_PRODUCTS, now);

  // Every day's allocation applied in one go: statements prepared once, and a new session's units
  // given per station rather than one by one (seconds of a first demo start otherwise).
  const allocations: CapacityAllocation[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(today, i);
    const sessions = sessionsFor(date, slotMinutes, capacity);
    if (sessions.length === 0) {
      if (!centreDayKnown(db, date)) setCentreDay(db, date, false, 'closed on Sundays', now);
      continue;
    }
    const defs = sessions.map((d) => ({ ...d, id: sessionIdOf(centreId, d) }));
    allocations.push({
      id: `demo-seed:${centreId}:${date}:${slotMinutes}:${capacity}`,
      source: 'seed',
      issuedAt: now.toISOString(),
      centreId,
      sessions: defs,
      shares: defs.flatMap((d) => sessionShares(d.id, capacity, DEMO_STATIONS)),
    });
  }
  for (const result of applyCapacityAllocations(db, allocations, now)) {
    if (!result.alreadyApplied) {
      summary.sessionsCreated += result.sessionsCreated;
      summary.unitsAllocated += result.appliedUnits;
    }
  }

  db.transaction(() => {
    if (!readCardKey(db)) setCardKey(db, demoCardKey(centreId), now);
    if (!hasMeta(db, 'booking.centre_info')) setCentreInfo(db, { address: ['Place de Belgique 1', '1020 Brussel / Bruxelles'], place: 'Hall 5, entrance B / ingang B / entrée B', reschedulePhone: '02 000 00 00', rescheduleUrl: null }, now);
    const lots = new Map<string, string>();
    for (const p of DEFAULT_PRODUCTS) {
      const lot = ensureLot(db, { productCode: p.code, gtin: p.gtins[0] ?? null, lot: `DEMO${p.code.slice(0, 3).toUpperCase()}01`, expiry: DEMO_LOT_EXPIRY }, 'seed', now);
      lots.set(p.code, lot.id);
    }
    for (const person of DEMO_PEOPLE) {
      const ssin = demoSsin(person.birthDate, person.serial);
      const citizen = ensureCitizen(
        db,
        ssin,
        { familyName: person.familyName, givenNames: person.givenNames, birthDate: person.birthDate, sex: person.serial % 2 === 1 ? 'M' : 'F', language: person.language },
        'seed',
        now,
      );
      addInvitation(db, citizen.id, { id: nameUuid(`invitation:${centreId}:${ssin}`), code: demoInvitationCode(ssin), eligibleProducts: person.eligible, validFrom: null, source: 'seed' }, now);
      summary.citizens++;
      if (person.firstDoseDaysAgo) {
        const product = getProduct(db, person.firstDoseDaysAgo.product);
        const id = nameUuid(`demo-dose:${centreId}:${ssin}:1`);
        const at = plusLocalDays(localInstant(today, '10:00'), -person.firstDoseDaysAgo.days);
        insertDemoFirstDose(db, {
          id,
          citizenId: citizen.id,
          ssin,
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
    writeMeta(db, SEEDED_KEY, seededMark(today, options), now.toISOString());
  }).immediate();
  void stationId;
  return summary;
}
