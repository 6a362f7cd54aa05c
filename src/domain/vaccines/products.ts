/**
 * The vaccine catalogue as configuration. Intervals changed during 2021 (Vaxzevria 84 then 56 days,
 * Comirnaty 21 then 35): they live in the database, these are only the defaults a new centre starts
 * with. GTINs here are fictitious demo codes with valid check digits; a real centre loads its own.
 */
export interface DoseInterval {
  /** Earliest day for the next dose, counted in local calendar days after the previous dose. */
  minDays: number;
  /** The day the centre aims for. */
  targetDays: number;
  /** Latest day the centre still books in. */
  maxDays: number;
}

export interface VaccineProduct {
  code: string;
  name: string;
  dosesInCourse: number;
  /** Interval to the next dose; null for one-dose products. */
  interval: DoseInterval | null;
  dosesPerVial: number;
  /** How long a punctured vial may be used. */
  usableHoursAfterPuncture: number;
  gtins: string[];
  active: boolean;
  /** Belgian pharmacy product code (7 digits), when the centre's product list gives it. */
  cnk?: string | null;
  /** WHO ATC code (e.g. J07BN01), when the centre's product list gives it. */
  atc?: string | null;
  /** How a dose is usually given: SNOMED CT body site, side, route code, volume in ml (codes: Administration in src/shared/api/booking.ts). */
  administration?: { site: string; side: 'left' | 'right'; route: string; doseMl: number | null };
}

/** Left deltoid, intramuscular: the usual way in a mass centre (codes: Administration in src/shared/api/booking.ts). */
const USUAL_ADMINISTRATION = { site: '35259002', side: 'left', route: 'IM' } as const;

/**
 * How the shipped products are given, with their volume from their product information; a
 * product configured without it (an imported list, a centre file) takes these by its code.
 */
export const SHIPPED_ADMINISTRATION: Readonly<Record<string, NonNullable<VaccineProduct['administration']>>> = {
  comirnaty: { ...USUAL_ADMINISTRATION, doseMl: 0.3 },
  spikevax: { ...USUAL_ADMINISTRATION, doseMl: 0.5 },
  vaxzevria: { ...USUAL_ADMINISTRATION, doseMl: 0.5 },
  janssen: { ...USUAL_ADMINISTRATION, doseMl: 0.5 },
};

export const DEFAULT_PRODUCTS: readonly VaccineProduct[] = [
  {
    code: 'comirnaty',
    name: 'Comirnaty (Pfizer-BioNTech)',
    dosesInCourse: 2,
    interval: { minDays: 19, targetDays: 21, maxDays: 42 },
    dosesPerVial: 6,
    usableHoursAfterPuncture: 6,
    gtins: ['05413868120110'],
    active: true,
  },
  {
    code: 'spikevax',
    name: 'Spikevax (Moderna)',
    dosesInCourse: 2,
    interval: { minDays: 24, targetDays: 28, maxDays: 42 },
    dosesPerVial: 10,
    usableHoursAfterPuncture: 6,
    gtins: ['08714729812340'],
    active: true,
  },
  {
    code: 'vaxzevria',
    name: 'Vaxzevria (AstraZeneca)',
    dosesInCourse: 2,
    interval: { minDays: 28, targetDays: 84, maxDays: 84 },
    dosesPerVial: 10,
    usableHoursAfterPuncture: 6,
    gtins: ['05000456789011'],
    active: true,
  },
  {
    code: 'janssen',
    name: 'COVID-19 Vaccine Janssen',
    dosesInCourse: 1,
    interval: null,
    dosesPerVial: 5,
    usableHoursAfterPuncture: 3,
    gtins: ['05413868000016'],
    active: true,
  },
];

/** Problems that make a product configuration unusable; empty when it is sound. */
export function productProblems(p: VaccineProduct): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9-]{2,40}$/.test(p.code)) problems.push('code');
  if (p.dosesInCourse < 1) problems.push('dosesInCourse');
  if (p.dosesInCourse > 1 && !p.interval) problems.push('interval');
  if (p.interval) {
    const { minDays, targetDays, maxDays } = p.interval;
    if (!(minDays >= 1 && minDays <= targetDays && targetDays <= maxDays)) problems.push('interval');
  }
  if (p.dosesPerVial < 1) problems.push('dosesPerVial');
  if (p.usableHoursAfterPuncture <= 0) problems.push('usableHoursAfterPuncture');
  for (const g of p.gtins) if (!isValidGtin14(g)) problems.push(`gtin:${g}`);
  return problems;
}

/** GS1 check digit: weights 3,1 from the right over the first 13 digits. */
export function gtinCheckDigit(first13: string): number {
  let sum = 0;
  for (let i = 0; i < first13.length; i++) {
    const digit = Number(first13[first13.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin14(gtin: string): boolean {
  return /^\d{14}$/.test(gtin) && gtinCheckDigit(gtin.slice(0, 13)) === Number(gtin[13]);
}
