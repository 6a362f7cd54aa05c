/** SQL of the dated dose rules (migration 064): versions are only ever added. */
import type { Db } from '../../adapters/sqlite/database';

export interface DoseRuleRow {
  id: string;
  product_code: string;
  valid_from: string;
  min_days: number | null;
  target_days: number | null;
  max_days: number | null;
  min_age: number | null;
  max_age: number | null;
  /** JSON array of product codes. */
  mixed_with: string;
  /** JSON array of product codes; null: no booster. */
  booster_products: string | null;
  booster_min_days: number | null;
  booster_min_age: number | null;
  reason: string;
  created_by: string;
  created_at: string;
}

/** Every version, by product then day. */
export function doseRuleRows(db: Db): DoseRuleRow[] {
  return db.prepare('SELECT * FROM dose_rules ORDER BY product_code, valid_from').all() as DoseRuleRow[];
}

/** The version of a product in force on a day: the latest that began on or before it. */
export function doseRuleRowOn(db: Db, productCode: string, day: string): DoseRuleRow | null {
  return (db.prepare('SELECT * FROM dose_rules WHERE product_code = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1').get(productCode, day) as DoseRuleRow | undefined) ?? null;
}

export function doseRuleVersionExists(db: Db, productCode: string, validFrom: string): boolean {
  return db.prepare('SELECT 1 FROM dose_rules WHERE product_code = ? AND valid_from = ?').get(productCode, validFrom) !== undefined;
}

/** Adds a version; an existing version of the same product and day is kept (returns false). */
export function insertDoseRule(db: Db, r: DoseRuleRow): boolean {
  return (
    db
      .prepare(
        `INSERT OR IGNORE INTO dose_rules (id, product_code, valid_from, min_days, target_days, max_days, min_age, max_age, mixed_with, booster_products, booster_min_days, booster_min_age, reason, created_by, created_at)
         VALUES (@id, @product_code, @valid_from, @min_days, @target_days, @max_days, @min_age, @max_age, @mixed_with, @booster_products, @booster_min_days, @booster_min_age, @reason, @created_by, @created_at)`,
      )
      .run(r).changes > 0
  );
}
