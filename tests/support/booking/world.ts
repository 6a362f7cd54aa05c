import type { Db } from '../../../src/main/adapters/sqlite/database';
import type { Clock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { applyCapacityAllocation, sessionShares } from '../../../src/main/station/capacity/capacity';
import { sessionIdOf } from '../../../src/main/station/capacity/calendar';
import { ensureCitizen } from '../../../src/main/station/identity/citizens';
import { ensureLot } from '../../../src/main/station/vials/lots';
import { setCardKey } from '../../../src/main/station/booking/card-key';
import { addDays, localDateOf } from '../../../src/domain/time/local-time';
import type { SessionDefinition } from '../../../src/domain/booking/allocation';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { mrzCheckDigit } from '../../../src/domain/identity/mrz';

export const TEST_KEY = Buffer.alloc(32, 7);

export interface SmallCentre {
  sessions: string[];
  lots: Record<string, string>;
}

/**
 * Products, `days` days of sessions from `from` (all products, one session each, small slots),
 * capacity split between `stations`, a shared card key and a lot per product.
 */
export function seedSmallCentre(
  db: Db,
  clock: Clock,
  options: { centreId?: string; from?: string; days: number; stations: readonly string[]; capacity: number; slotMinutes?: number; start?: string; end?: string; products?: string[] },
): SmallCentre {
  const now = clock.now();
  const centreId = options.centreId ?? 'test-centre';
  ensureProducts(db, DEFAULT_PRODUCTS, now);
  const from = options.from ?? localDateOf(now);
  const sessions: string[] = [];
  for (let i = 0; i < options.days; i++) {
    const date = addDays(from, i);
    const defs: SessionDefinition[] = (options.products ?? ['comirnaty', 'spikevax', 'vaxzevria', 'janssen']).map((productCode) => ({
      date,
      productCode,
      start: options.start ?? '09:00',
      end: options.end ?? '10:00',
      slotMinutes: options.slotMinutes ?? 30,
      capacityPerSlot: options.capacity,
    }));
    const withIds = defs.map((d) => ({ ...d, id: sessionIdOf(centreId, d) }));
    sessions.push(...withIds.map((d) => d.id));
    applyCapacityAllocation(db, { id: `test:${date}`, source: 'seed', issuedAt: now.toISOString(), centreId, sessions: withIds, shares: withIds.flatMap((d) => sessionShares(d.id, options.capacity, options.stations)) }, now);
  }
  const lots: Record<string, string> = {};
  db.transaction(() => {
    setCardKey(db, TEST_KEY, now);
    for (const p of DEFAULT_PRODUCTS) lots[p.code] = ensureLot(db, { productCode: p.code, gtin: p.gtins[0]!, lot: `LOT${p.code.slice(0, 3).toUpperCase()}`, expiry: '2099-12-31' }, 'seed', now).id;
  }).immediate();
  return { sessions, lots };
}

/** The n-th fictitious person (valid national number). */
export function testSsin(n: number): string {
  const year = 1950 + (n % 50);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  return demoSsin(`${year}-${month}-${day}`, 1 + (n % 997));
}

export function addTestCitizen(db: Db, ssin: string, now: Date, language: 'nl' | 'fr' | 'de' | 'en' = 'nl'): void {
  db.transaction(() => ensureCitizen(db, ssin, { familyName: `Person ${ssin.slice(-4)}`, givenNames: 'Test', birthDate: null, sex: null, language }, 'seed', now)).immediate();
}

/** A Belgian eID MRZ (TD1) with valid check digits, for check-in tests. */
export function eidMrz(input: { ssin: string; birth: string; sex: 'M' | 'F'; expiry: string; names: string }): string {
  const doc = '592012345656';
  const l1 = `IDBEL${doc.slice(0, 9)}<${doc.slice(9)}${mrzCheckDigit(doc)}`.padEnd(30, '<');
  const head = `${input.birth}${mrzCheckDigit(input.birth)}${input.sex}${input.expiry}${mrzCheckDigit(input.expiry)}BEL${input.ssin}`;
  const l2 = head + String(mrzCheckDigit(l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29)));
  return [l1, l2, input.names.padEnd(30, '<').slice(0, 30)].join('\n');
}
