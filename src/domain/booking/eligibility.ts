import type { VaccineProduct } from '../vaccines/products';
import { checkMinimumInterval } from '../vaccines/interval';
import { ageRefusal, firstBoosterDay, type DoseRule } from '../vaccines/rules';

/**
 * Whether a person may receive a dose of a product on a day: the invited product(s), the product
 * of the earlier doses, the course, a dose already that day, the minimum interval, the age limits,
 * a mixed schedule and a booster, each by the rule in force on the day of the dose. Decided before
 * a vial is opened for them, so a wrong vial is refused while it is still closed.
 */

/** What a rule version says, without its product and day. */
export type RuleTerms = Omit<DoseRule, 'productCode' | 'validFrom'>;

export interface EarlierDose {
  productCode: string;
  doseNumber: number;
  administeredAt: string;
  localDate: string;
}

export interface EligibilityInput {
  /** The local (Brussels) day of the dose. */
  day: string;
  product: Pick<VaccineProduct, 'code' | 'dosesInCourse' | 'interval'>;
  /** Completed doses, oldest first. */
  previous: readonly EarlierDose[];
  /** Products of the person's invitation (or the backend's copy); empty: any product. */
  invited: readonly string[];
  /** Doses in the course of an earlier dose's product. */
  courseLength: (productCode: string) => number;
  /** The rule of a product in force on a day; without it the product's own interval, one product per course, no booster. */
  ruleOn?: (productCode: string, day: string) => RuleTerms;
  /** The person's birth date (YYYY-MM-DD) for the age limits; null when unknown. */
  birthDate?: string | null;
}

/** Whether a dose after `previous` is a booster: the course of the first dose's product is complete. */
export function isBoosterAfter(previous: readonly EarlierDose[], courseLength: (productCode: string) => number): boolean {
  const first = previous[0];
  const last = previous[previous.length - 1];
  return !!first && !!last && last.doseNumber >= courseLength(first.productCode);
}

export type EligibilityRefusal =
  | { reason: 'dose_today'; previous: string }
  | { reason: 'course_complete'; previous: string }
  | { reason: 'other_product'; previous: string }
  | { reason: 'not_invited'; invited: readonly string[] }
  | { reason: 'too_early'; previous: string; firstDay: string; minimumDays: number }
  | { reason: 'too_young' | 'too_old'; limit: number; age: number }
  | { reason: 'booster_product'; previous: string; allowed: readonly string[] }
  | { reason: 'booster_too_early'; previous: string; firstDay: string; minimumDays: number }
  | { reason: 'booster_too_young'; limit: number; age: number };

/** The refusal, or null when the dose may be given. */
export function eligibilityRefusal(input: EligibilityInput): EligibilityRefusal | null {
  const ruleOn = input.ruleOn ?? ((code: string) => ownRule(input.product, code));
  const rule = ruleOn(input.product.code, input.day);
  const age = () => ageRefusal(rule, input.birthDate ?? null, input.day);
  const first = input.previous[0] ?? null;
  const last = input.previous[input.previous.length - 1] ?? null;
  if (!first || !last) return input.invited.length > 0 && !input.invited.includes(input.product.code) ? { reason: 'not_invited', invited: input.invited } : age();
  if (last.localDate === input.day) return { reason: 'dose_today', previous: last.productCode };
  // The course is the first dose's product's; its rule says what may follow it.
  const courseRule = ruleOn(first.productCode, input.day);
  if (isBoosterAfter(input.previous, input.courseLength)) return boosterRefusal(input, courseRule.booster, last) ?? age();
  if (first.productCode !== input.product.code && !courseRule.mixedWith.includes(input.product.code)) return { reason: 'other_product', previous: first.productCode };
  if (courseRule.interval) {
    const check = checkMinimumInterval(last.administeredAt, input.day, courseRule.interval);
    if (!check.ok) return { reason: 'too_early', previous: last.productCode, firstDay: check.earliestDate, minimumDays: courseRule.interval.minDays };
  }
  return age();
}

/** A booster after a complete course: allowed by the course product's rule of the day, with its products, delay and age. */
function boosterRefusal(input: EligibilityInput, booster: RuleTerms['booster'], last: EarlierDose): EligibilityRefusal | null {
  if (!booster) return { reason: 'course_complete', previous: last.productCode };
  if (!booster.products.includes(input.product.code)) return { reason: 'booster_product', previous: input.previous[0]!.productCode, allowed: booster.products };
  const firstDay = firstBoosterDay(last.localDate, booster);
  if (input.day < firstDay) return { reason: 'booster_too_early', previous: last.productCode, firstDay, minimumDays: booster.minDaysAfterLastDose };
  const young = ageRefusal({ minAgeYears: booster.minAgeYears, maxAgeYears: null }, input.birthDate ?? null, input.day);
  return young ? { reason: 'booster_too_young', limit: young.limit, age: young.age } : null;
}

/** The rule a product implies without any dated version: its own interval, no other product, no booster, no age limit. */
export function ownRule(product: Pick<VaccineProduct, 'code' | 'interval'>, code: string): RuleTerms {
  return { interval: code === product.code ? product.interval : null, minAgeYears: null, maxAgeYears: null, mixedWith: [], booster: null };
}
