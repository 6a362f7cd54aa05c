import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { ownRule, type RuleTerms } from '../../../domain/booking/eligibility';
import { firstBoosterDay, ruleProblems, type DoseRule } from '../../../domain/vaccines/rules';
import type { DoseInterval } from '../../../domain/vaccines/products';
import { findProduct } from '../products/products';
import { newId } from '../base/ids';
import { localDateOf } from '../../../domain/time/local-time';
import { doseRuleRowOn, doseRuleRows, doseRuleVersionExists, insertDoseRule, type DoseRuleRow } from './rule-store';

/** A stored version with who added it, when and why. */
export interface RuleVersion extends DoseRule {
  id: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

const codes = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

function toVersion(r: DoseRuleRow): RuleVersion {
  return {
    id: r.id,
    productCode: r.product_code,
    validFrom: r.valid_from,
    interval: r.min_days !== null && r.target_days !== null && r.max_days !== null ? { minDays: r.min_days, targetDays: r.target_days, maxDays: r.max_days } : null,
    minAgeYears: r.min_age,
    maxAgeYears: r.max_age,
    mixedWith: codes(r.mixed_with),
    booster: r.booster_products !== null && r.booster_min_days !== null ? { products: codes(r.booster_products), minDaysAfterLastDose: r.booster_min_days, minAgeYears: r.booster_min_age } : null,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function ruleVersions(db: Db): RuleVersion[] {
  return doseRuleRows(db).map(toVersion);
}

/**
 * The one answer to "what is the rule of this product on day D": the version in force, or, before
 * any version (a centre that keeps none), the product's configured interval with one product per
 * course, no age limit and no booster. Eligibility, the dose record and dose-2 booking all ask here.
 */
export function ruleTermsOn(db: Db, productCode: string, day: string): RuleTerms {
  const row = doseRuleRowOn(db, productCode, day);
  if (row) return toVersion(row);
  const product = findProduct(db, productCode);
  return product ? ownRule(product, productCode) : ownRule({ code: productCode, interval: null }, productCode);
}

/** The interval from a dose of a course of `productCode` to the next, as the rule of `day` says. */
export function intervalOn(db: Db, productCode: string, day: string): DoseInterval | null {
  return ruleTermsOn(db, productCode, day).interval;
}

/** After a complete course of `courseProductCode`, the first day a booster may be given by the rule of `day`; null when that rule allows none. */
export function boosterFirstDay(db: Db, courseProductCode: string, lastDoseDay: string, day: string): string | null {
  const booster = ruleTermsOn(db, courseProductCode, day).booster;
  return booster ? firstBoosterDay(lastDoseDay, booster) : null;
}

/**
 * A product's interval changed in the catalogue: where the product has dated versions, they are
 * what eligibility and booking read, so the change becomes a version from today (the rest as in
 * force today). A product without versions needs nothing: its catalogue interval is its rule.
 */
export function followCatalogueInterval(db: Db, productCode: string, interval: DoseInterval, by: string, reason: string, now: Date): void {
  const today = localDateOf(now);
  const row = doseRuleRowOn(db, productCode, today);
  if (!row) return;
  const current = toVersion(row);
  if (JSON.stringify(current.interval) === JSON.stringify(interval)) return;
  addRuleVersion(db, { ...current, validFrom: today, interval, reason }, by, now);
}

export interface NewRuleVersion extends DoseRule {
  reason: string;
}

/**
 * Adds a version from a day on: never before today (what applied to past doses stays), never a
 * second version of the same product and day (nothing is edited or deleted).
 */
export function addRuleVersion(db: Db, input: NewRuleVersion, by: string, now: Date): RuleVersion {
  const product = findProduct(db, input.productCode);
  if (!product) throw new DoseDeskError('products.unknown', { product: input.productCode });
  const today = localDateOf(now);
  if (input.validFrom < today) throw new DoseDeskError('rules.past_day', { day: input.validFrom, today });
  if (doseRuleVersionExists(db, input.productCode, input.validFrom)) throw new DoseDeskError('rules.version_exists', { product: product.name, day: input.validFrom });
  for (const code of [...input.mixedWith, ...(input.booster?.products ?? [])]) {
    if (!findProduct(db, code)) throw new DoseDeskError('products.unknown', { product: code });
  }
  const problems = ruleProblems(input, product.dosesInCourse);
  if (problems.length) throw new DoseDeskError('rules.invalid', { product: product.name, detail: problems.join(', ') });
  const row = rowOf(input, { id: newId(), reason: input.reason, createdBy: by, createdAt: now.toISOString() });
  insertDoseRule(db, row);
  return toVersion(row);
}

function rowOf(r: DoseRule, meta: { id: string; reason: string; createdBy: string; createdAt: string }): DoseRuleRow {
  return {
    id: meta.id,
    product_code: r.productCode,
    valid_from: r.validFrom,
    min_days: r.interval?.minDays ?? null,
    target_days: r.interval?.targetDays ?? null,
    max_days: r.interval?.maxDays ?? null,
    min_age: r.minAgeYears,
    max_age: r.maxAgeYears,
    mixed_with: JSON.stringify(r.mixedWith),
    booster_products: r.booster ? JSON.stringify(r.booster.products) : null,
    booster_min_days: r.booster?.minDaysAfterLastDose ?? null,
    booster_min_age: r.booster?.minAgeYears ?? null,
    reason: meta.reason,
    created_by: meta.createdBy,
    created_at: meta.createdAt,
  };
}

/** Adds versions that are not there yet (same product and day: kept as it is), e.g. a shipped history. */
export function ensureRuleVersions(db: Db, versions: readonly DoseRule[], reason: string, by: string, now: Date, idOf: (r: DoseRule) => string): number {
  let added = 0;
  for (const v of versions) if (findProduct(db, v.productCode) && insertDoseRule(db, rowOf(v, { id: idOf(v), reason, createdBy: by, createdAt: now.toISOString() }))) added++;
  return added;
}
