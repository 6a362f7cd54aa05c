import type { DoseInterval } from './products';
import { addDays, type LocalDate } from '../time/local-time';

/**
 * The vaccination policy of a product as dated data: a version applies from its Brussels day
 * until the next version of the same product begins. Policy changed during 2021 (intervals, age
 * limits, mixed schedules, boosters); a dose is judged by the version in force on the day it is
 * given, so a dose re-keyed for last week uses last week's rules.
 */

export interface BoosterRule {
  /** Products a booster may be given with after a course of this product. */
  products: string[];
  /** Days after the last dose of the course (or the last booster). */
  minDaysAfterLastDose: number;
  /** Youngest age (whole years on the day of the booster); null: any adult the product allows. */
  minAgeYears: number | null;
}

export interface DoseRule {
  productCode: string;
  /** First Brussels day the version applies. */
  validFrom: LocalDate;
  /** Interval from a dose of the course to the next; null for a one-dose course. */
  interval: DoseInterval | null;
  /** Age limits for a dose of this product, whole years on the day of the dose. */
  minAgeYears: number | null;
  maxAgeYears: number | null;
  /** Other products that may give the later doses of a course started with this product. */
  mixedWith: string[];
  /** Boosters after a complete course of this product; null: none allowed. */
  booster: BoosterRule | null;
}

/** The version of `productCode` in force on `day`: the latest one that began on or before it; null before the first. */
export function ruleInForce<R extends Pick<DoseRule, 'productCode' | 'validFrom'>>(versions: readonly R[], productCode: string, day: LocalDate): R | null {
  let best: R | null = null;
  for (const v of versions) {
    if (v.productCode !== productCode || v.validFrom > day) continue;
    if (!best || v.validFrom > best.validFrom) best = v;
  }
  return best;
}

/** Whole years of age on `day` (a 29 February birthday counts on 1 March in other years). */
export function ageOn(birthDate: string, day: LocalDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const birthdayPassed = m > bm || (m === bm && d >= bd);
  return y - by - (birthdayPassed ? 0 : 1);
}

/** The refusal of an age limit, or null when the age fits (or the birth date is unknown). */
export function ageRefusal(rule: Pick<DoseRule, 'minAgeYears' | 'maxAgeYears'>, birthDate: string | null, day: LocalDate): { reason: 'too_young' | 'too_old'; limit: number; age: number } | null {
  if (!birthDate) return null;
  const age = ageOn(birthDate, day);
  if (rule.minAgeYears !== null && age < rule.minAgeYears) return { reason: 'too_young', limit: rule.minAgeYears, age };
  if (rule.maxAgeYears !== null && age > rule.maxAgeYears) return { reason: 'too_old', limit: rule.maxAgeYears, age };
  return null;
}

/** First day a booster may be given after the last dose (its Brussels day). */
export function firstBoosterDay(lastDoseDay: LocalDate, booster: BoosterRule): LocalDate {
  return addDays(lastDoseDay, booster.minDaysAfterLastDose);
}

/** Problems that make a rule version unusable; empty when it is sound. */
export function ruleProblems(r: DoseRule, courseDoses: number): string[] {
  const problems: string[] = [];
  if (courseDoses > 1 && !r.interval) problems.push('interval');
  if (r.interval) {
    const { minDays, targetDays, maxDays } = r.interval;
    if (!(minDays >= 1 && minDays <= targetDays && targetDays <= maxDays)) problems.push('interval');
  }
  if (r.minAgeYears !== null && r.maxAgeYears !== null && r.minAgeYears > r.maxAgeYears) problems.push('age');
  if (r.mixedWith.includes(r.productCode)) problems.push('mixedWith');
  if (r.booster && (r.booster.products.length === 0 || r.booster.minDaysAfterLastDose < 1)) problems.push('booster');
  return problems;
}
