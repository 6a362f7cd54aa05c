import type { DoseInterval, VaccineProduct } from './products';
import { addDays, daysBetween, localDateOf, plusLocalDays, type LocalDate } from '../time/local-time';

/** When the next dose is due, all in local Brussels days. */
export interface NextDoseWindow {
  earliestDate: LocalDate;
  targetDate: LocalDate;
  latestDate: LocalDate;
  /** The same wall-clock time as the previous dose, on the target day. */
  targetAt: string;
}

export function nextDoseWindow(previousAt: string, interval: DoseInterval): NextDoseWindow {
  const day = localDateOf(previousAt);
  return {
    earliestDate: addDays(day, interval.minDays),
    targetDate: addDays(day, interval.targetDays),
    latestDate: addDays(day, interval.maxDays),
    targetAt: plusLocalDays(previousAt, interval.targetDays),
  };
}

/** Whether a product's course needs another dose after `doseNumber`. */
export function needsNextDose(product: VaccineProduct, doseNumber: number): boolean {
  return doseNumber < product.dosesInCourse && product.interval !== null;
}

export type IntervalCheck =
  | { ok: true; daysSince: number }
  | { ok: false; daysSince: number; earliestDate: LocalDate };

/** The minimum interval is a hard rule at the injection; the maximum is only a booking horizon. */
export function checkMinimumInterval(previousAt: string, today: LocalDate, interval: DoseInterval): IntervalCheck {
  const previousDay = localDateOf(previousAt);
  const daysSince = daysBetween(previousDay, today);
  if (daysSince >= interval.minDays) return { ok: true, daysSince };
  return { ok: false, daysSince, earliestDate: addDays(previousDay, interval.minDays) };
}

/** A lot is usable through its expiry day, judged on the local calendar day. */
export function isLotUsable(expiry: LocalDate, today: LocalDate): boolean {
  return today <= expiry;
}
