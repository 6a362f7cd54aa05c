import type { Db } from '../main/adapters/sqlite/database';
import { DEFAULT_PRODUCTS } from '../domain/vaccines/products';
import { addDays, weekdayOf } from '../domain/time/local-time';
import type { SessionDefinition } from '../domain/booking/allocation';
import { ensureProducts } from '../main/station/products/products';
import { applyCapacityAllocation, sessionShares } from '../main/station/capacity/capacity';
import { sessionIdOf, setCentreDay } from '../main/station/capacity/calendar';
import { readCardKey, setCardKey } from '../main/station/booking/card-key';
import { setCentreInfo } from '../main/station/booking/centre';
import { ensureRuleVersions } from '../main/station/rules/rules';
import { ensureCitizen } from '../main/station/identity/citizens';
import { insertDemoFirstDose } from '../main/station/booking/demo-seed-store';
import { localInstant } from '../domain/time/local-time';
import type { EarlierCourse } from './protocol';

export interface SimCentreOptions {
  centreId: string;
  /** First day of the calendar (the simulated day). */
  from: string;
  days: number;
  stationIds: readonly string[];
  productCodes: readonly string[];
  /** Units of each slot; split evenly between the stations. */
  capacityPerSlot: number;
  slotMinutes?: number;
  /** The centre-wide key that signs appointment cards (the same on every station). */
  cardKey: Buffer;
  /** Completed courses the stations learned before the day: those people come for a booster. */
  earlierCourses?: readonly EarlierCourse[];
}

/** Simulated policy: mRNA boosters 180 days after the course, from the simulated day on. */
function boosterRules(from: string) {
  return DEFAULT_PRODUCTS.filter((p) => p.code === 'comirnaty' || p.code === 'spikevax').map((p) => ({
    productCode: p.code,
    validFrom: from,
    interval: p.interval,
    minAgeYears: null,
    maxAgeYears: null,
    mixedWith: [],
    booster: { products: ['comirnaty', 'spikevax'], minDaysAfterLastDose: 180, minAgeYears: null },
  }));
}

/** The earlier courses as synced doses (no outbox row: the backend has them), the same ids on every station. */
function seedEarlierCourses(db: Db, now: Date, centreId: string, courses: readonly EarlierCourse[]): void {
  db.transaction(() => {
    for (const c of courses) {
      const citizen = ensureCitizen(db, c.ssin, { familyName: c.familyName, givenNames: c.givenNames, birthDate: c.birthDate, sex: c.sex, language: c.language }, 'sync', now);
      c.doseDays.forEach((day, i) => {
        const at = localInstant(day, '10:00');
        insertDemoFirstDose(db, { id: `simulated-course:${centreId}:${c.ssin}:${i + 1}`, citizenId: citizen.id, ssin: c.ssin, doseNumber: i + 1, productCode: c.productCode, gtin: null, lot: 'PAPER1', expiry: day, lotId: null, administeredAt: at, localDate: day, centreId });
      });
    }
  }).immediate();
}

/**
 * Provisions one station of a simulated centre the way the federal backend's allocation would:
 * the vaccine catalogue, the sessions of the coming weeks (Monday to Saturday, morning and
 * afternoon, one pair per product) with every slot's units split between ALL the centre's
 * stations (each station books only its own units), the card key and the card's centre details.
 * Every id is derived from the centre, day and product, so every station gets the same calendar;
 * running it again changes nothing.
 */
export function seedSimulatedCentre(db: Db, now: Date, options: SimCentreOptions): { sessions: number; units: number } {
  const slotMinutes = options.slotMinutes ?? 15;
  ensureProducts(db, DEFAULT_PRODUCTS, now);
  let sessions = 0;
  let units = 0;
  for (let i = 0; i < options.days; i++) {
    const date = addDays(options.from, i);
    if (weekdayOf(date) === 7) {
      db.transaction(() => setCentreDay(db, date, false, 'closed on Sundays', now)).immediate();
      continue;
    }
    const defs: SessionDefinition[] = options.productCodes.flatMap((productCode) => [
      { date, productCode, start: '09:00', end: '12:30', slotMinutes, capacityPerSlot: options.capacityPerSlot },
      { date, productCode, start: '13:30', end: '17:00', slotMinutes, capacityPerSlot: options.capacityPerSlot },
    ]);
    const withIds = defs.map((d) => ({ ...d, id: sessionIdOf(options.centreId, d) }));
    const result = applyCapacityAllocation(
      db,
      {
        id: `simulated:${options.centreId}:${date}:${options.stationIds.length}x${options.capacityPerSlot}`,
        source: 'seed',
        issuedAt: now.toISOString(),
        centreId: options.centreId,
        sessions: withIds,
        shares: withIds.flatMap((d) => sessionShares(d.id, options.capacityPerSlot, options.stationIds)),
      },
      now,
    );
    sessions += result.sessionsCreated;
    units += result.appliedUnits;
  }
  if (options.earlierCourses?.length) {
    db.transaction(() => void ensureRuleVersions(db, boosterRules(options.from), 'simulated centre: boosters', 'simulator', now, (r) => `simulated-rule:${options.centreId}:${r.productCode}:${r.validFrom}`)).immediate();
    seedEarlierCourses(db, now, options.centreId, options.earlierCourses);
  }
  db.transaction(() => {
    if (!readCardKey(db)) setCardKey(db, options.cardKey, now);
    setCentreInfo(db, { address: ['Place de Belgique 1', '1020 Brussel / Bruxelles'], place: 'Hall 5, entrance B / ingang B / entrée B', reschedulePhone: '02 000 00 00', rescheduleUrl: null }, now);
  }).immediate();
  return { sessions, units };
}
