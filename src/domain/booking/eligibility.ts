import type { VaccineProduct } from '../vaccines/products';
import { checkMinimumInterval } from '../vaccines/interval';

/**
 * Whether a person may receive a dose of a product on a day: the invited product(s), the product
 * of the earlier doses, the course, a dose already that day and the minimum interval. Decided
 * before a vial is opened for them, so a wrong vial is refused while it is still closed.
 */

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
}

export type EligibilityRefusal =
  | { reason: 'dose_today'; previous: string }
  | { reason: 'course_complete'; previous: string }
  | { reason: 'other_product'; previous: string }
  | { reason: 'not_invited'; invited: readonly string[] }
  | { reason: 'too_early'; previous: string; firstDay: string; minimumDays: number };

/** The refusal, or null when the dose may be given. */
export function eligibilityRefusal(input: EligibilityInput): EligibilityRefusal | null {
  const last = input.previous[input.previous.length - 1] ?? null;
  if (!last) return input.invited.length > 0 && !input.invited.includes(input.product.code) ? { reason: 'not_invited', invited: input.invited } : null;
  if (last.localDate === input.day) return { reason: 'dose_today', previous: last.productCode };
  if (last.doseNumber >= input.courseLength(last.productCode)) return { reason: 'course_complete', previous: last.productCode };
  // A course is finished with the product it started with.
  if (last.productCode !== input.product.code) return { reason: 'other_product', previous: last.productCode };
  if (input.product.interval) {
    const check = checkMinimumInterval(last.administeredAt, input.day, input.product.interval);
    if (!check.ok) return { reason: 'too_early', previous: last.productCode, firstDay: check.earliestDate, minimumDays: input.product.interval.minDays };
  }
  return null;
}
