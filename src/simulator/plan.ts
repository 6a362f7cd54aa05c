import { createHash } from 'node:crypto';
import { addDays, localInstant, weekdayOf } from '../domain/time/local-time';
import { DEFAULT_PRODUCTS } from '../domain/vaccines/products';
import type { Faults } from '../federal-sim/faults';
import { makeCitizens, type SimCitizen } from './citizens';
import { Prng } from './prng';

/**
 * The plan of a simulated day, drawn from the seed before anything runs: who comes when and to
 * which booth, how long each visit takes, the outage window, which station is killed when, and
 * the fault seeds of the stand-in. The same options give the same plan (and the same digest).
 */
/**
 * Where the plug is pulled while the station records the victim's dose:
 * - `mid-call`: the moment the station starts on booking.administer (usually before its commit);
 * - `answer-lost`: after the dose committed, before the answer left the station (the station
 *   holds its answer a moment, as a slow network would), so staff never saw it recorded.
 */
export type KillMode = 'mid-call' | 'answer-lost';
export const KILL_MODES: readonly KillMode[] = ['mid-call', 'answer-lost'];

export interface PlanOptions {
  stations: number;
  citizens: number;
  outageMinutes: number;
  seed: number;
  /** The simulated day (YYYY-MM-DD, not a Sunday). */
  date: string;
  /** Overrides the kill mode the seed draws. */
  killMode?: KillMode;
}

export interface Visit {
  index: number;
  citizen: SimCitizen;
  stationId: string;
  /** Simulated instants, in ms. */
  arrivalAt: number;
  /** Time a booth spends on this person (60 to 90 s), simulated ms. */
  serviceMs: number;
  /** A reaction seen during the observation after the dose, or null (most people). */
  reaction: PlannedReaction | null;
  /** A Comirnaty course completed this many days before the day (known to every station): this visit is a booster. */
  earlierCourseDaysAgo?: number | null;
  /** How the screening before the vial ends this visit without a dose, or null (most people: go on). */
  notVaccinated?: PlannedNotVaccinated | null;
}

/**
 * A screening that ends the visit without a dose: consent refused, a contraindication (an earlier
 * severe allergic reaction: do not vaccinate) or a postponement (fever today).
 */
export type PlannedNotVaccinated = 'refusal' | 'contraindication' | 'postponement';

/** About one person in twenty leaves without a dose after the screening. */
const NOT_VACCINATED_SHARE = 1 / 20;

/** A reaction the vaccinator records while the person is under observation. */
export interface PlannedReaction {
  manifestation: 'urticaria' | 'itching' | 'nausea' | 'fainting' | 'dizziness';
  severity: 'mild' | 'moderate';
  action: 'none' | 'observed_longer' | 'medication';
}

/** About one person in fifteen comes for a booster, months after their course. */
const BOOSTER_SHARE = 1 / 15;

/** About one person in twelve has a reaction after the dose, nearly always mild. */
const REACTION_SHARE = 1 / 12;

export interface FaultPhase {
  at: number;
  label: 'open' | 'outage' | 'recovered';
  faults: Partial<Faults>;
}

export interface StationPlan {
  stationId: string;
  productCode: string;
  /** The vial's GS1 DataMatrix text, as the scanner sends it. */
  vialScan: string;
}

export interface DayPlan {
  date: string;
  openAt: number;
  lastArrivalAt: number;
  closeAt: number;
  stations: StationPlan[];
  visits: Visit[];
  outage: { from: number; to: number } | null;
  kill: { stationId: string; at: number; visitIndex: number; mode: KillMode } | null;
  faultPhases: FaultPhase[];
  digest: string;
}

export const OPEN_TIME = '09:00';
export const LAST_ARRIVAL_TIME = '16:30';
export const CLOSE_TIME = '17:00';
/** How the stand-in misbehaves while it is up: some 5xx, latency, a few answers lost after commit or never sent. */
export const FAULTY_WHILE_UP: Omit<Faults, 'seed' | 'down'> = { latencyMs: 20, errorRate: 0.05, timeoutRate: 0.01, dropAfterCommitRate: 0.05, holdResponseMs: 0 };

export function stationIdsOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `station-${i + 1}`);
}

/** Every fourth booth works with Spikevax, the others with Comirnaty (a centre plans vials by product). */
export function productOfStation(stationId: string): string {
  const n = Number(stationId.replace(/^\D+/, ''));
  return n % 4 === 0 ? 'spikevax' : 'comirnaty';
}

function yymmdd(date: string): string {
  return date.slice(2).replaceAll('-', '');
}

function vialScan(productCode: string, lot: string, expiry: string): string {
  const product = DEFAULT_PRODUCTS.find((p) => p.code === productCode);
  if (!product?.gtins[0]) throw new Error(`no GTIN for ${productCode}`);
  // AIM prefix of a GS1 DataMatrix, then (01) GTIN, (17) expiry, (10) lot (variable length, last).
  return `]d201${product.gtins[0]}17${yymmdd(expiry)}10${lot}`;
}

export function planDay(options: PlanOptions): DayPlan {
  const { stations, citizens, outageMinutes, seed, date } = options;
  if (weekdayOf(date) === 7) throw new Error(`${date} is a Sunday: the centre is closed`);
  const prng = new Prng(seed);
  const openAt = Date.parse(localInstant(date, OPEN_TIME));
  const lastArrivalAt = Date.parse(localInstant(date, LAST_ARRIVAL_TIME));
  const closeAt = Date.parse(localInstant(date, CLOSE_TIME));
  const stationIds = stationIdsOf(stations);

  const people = makeCitizens(prng, citizens, date);
  const arrivals = people.map(() => openAt + Math.floor(prng.float() * (lastArrivalAt - openAt))).sort((a, b) => a - b);

  // The centre's queue sends each person to a free booth (any of them), else to the first one free.
  const freeAt = new Map(stationIds.map((id) => [id, openAt]));
  const visits: Visit[] = people.map((citizen, index) => {
    const arrivalAt = arrivals[index]!;
    const serviceMs = prng.int(60, 90) * 1000;
    const free = stationIds.filter((id) => freeAt.get(id)! <= arrivalAt);
    const stationId = free.length > 0 ? prng.pick(free) : [...stationIds].sort((a, b) => freeAt.get(a)! - freeAt.get(b)!)[0]!;
    freeAt.set(stationId, Math.max(arrivalAt, freeAt.get(stationId)!) + serviceMs);
    return { index, citizen, stationId, arrivalAt, serviceMs, reaction: null as PlannedReaction | null };
  });

  const lotSuffix = String(prng.int(1000, 9999));

  const expiry = addDays(date, 90);
  const stationPlans = stationIds.map((stationId) => {
    const productCode = productOfStation(stationId);
    return { stationId, productCode, vialScan: vialScan(productCode, `${productCode.slice(0, 2).toUpperCase()}${lotSuffix}`, expiry) };
  });

  // Reactions come from their own generator, so a seed's citizens, arrivals and faults stay as they were.
  const reactions = new Prng(seed ^ 0x5eac7);
  for (const visit of visits) {
    if (reactions.float() >= REACTION_SHARE) continue;
    visit.reaction = {
      manifestation: reactions.pick(['urticaria', 'itching', 'nausea', 'fainting', 'dizziness'] as const),
      severity: reactions.float() < 0.85 ? 'mild' : 'moderate',
      action: reactions.pick(['none', 'observed_longer', 'medication'] as const),
    };
  }

  // Boosters from their own generator too: the rest of a seed's plan stays as it was.
  const boosters = new Prng(seed ^ 0xb0057);
  for (const visit of visits) if (boosters.float() < BOOSTER_SHARE) visit.earlierCourseDaysAgo = boosters.int(200, 260);

  const middle = openAt + (closeAt - openAt) / 2;
  const outage = outageMinutes > 0 ? { from: Math.round(middle - (outageMinutes * 60_000) / 2), to: Math.round(middle + (outageMinutes * 60_000) / 2) } : null;

  // One booth is switched off hard mid-day: the person it is serving then is served again after the restart.
  let kill: DayPlan['kill'] = null;
  const killStation = prng.pick(stationIds);
  const killAt = openAt + Math.floor((0.3 + 0.4 * prng.float()) * (lastArrivalAt - openAt));
  const drawnMode = prng.pick(KILL_MODES);
  const victim = visits.find((v) => v.stationId === killStation && v.arrivalAt >= killAt);
  if (victim) kill = { stationId: killStation, at: killAt, visitIndex: victim.index, mode: options.killMode ?? drawnMode };

  // Not-vaccinated visits come from their own generator too, and never the person the kill
  // interrupts (that visit is about a dose recorded while the station dies).
  const screenings = new Prng(seed ^ 0x5c2ee7);
  for (const visit of visits) {
    if (screenings.float() >= NOT_VACCINATED_SHARE || visit.index === kill?.visitIndex) continue;
    visit.notVaccinated = screenings.pick(['refusal', 'contraindication', 'postponement'] as const);
    // No dose, so no observation and no reaction.
    visit.reaction = null;
  }

  const faultPhases: FaultPhase[] = [{ at: openAt, label: 'open', faults: { ...FAULTY_WHILE_UP, seed: prng.seed() } }];
  const outageSeed = prng.seed();
  const recoveredSeed = prng.seed();
  if (outage) {
    faultPhases.push({ at: outage.from, label: 'outage', faults: { down: true, seed: outageSeed } });
    faultPhases.push({ at: outage.to, label: 'recovered', faults: { ...FAULTY_WHILE_UP, seed: recoveredSeed } });
  }

  const body = { date, openAt, lastArrivalAt, closeAt, stations: stationPlans, visits, outage, kill, faultPhases };
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return { ...body, digest };
}

/** Days of calendar a dose-2 booking of these products can land on (the longest interval, plus a week). */
export function calendarDays(productCodes: readonly string[]): number {
  return Math.max(0, ...DEFAULT_PRODUCTS.filter((p) => productCodes.includes(p.code)).map((p) => p.interval?.maxDays ?? 0)) + 7;
}
