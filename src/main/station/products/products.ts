import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { productProblems, SHIPPED_ADMINISTRATION, type VaccineProduct } from '../../../domain/vaccines/products';
import { newId } from '../base/ids';
import { atcOf, cnkOf, gtin14Of } from '../../../domain/vaccines/product-codes';
import { gtinsOfProduct, insertProductChange, insertProductGtin, productCodeByGtin, productInserts, productRow, productRows, updateProductCodes, updateProductConfig, type ProductRow } from './product-store';

function administrationRow(a: VaccineProduct['administration']): Partial<ProductRow> {
  return a ? { default_site: a.site, default_side: a.side, default_route: a.route, dose_ml: a.doseMl } : {};
}

/** A product as its stored row (GTINs are stored apart). */
function productRowOf(p: VaccineProduct): ProductRow {
  return {
    code: p.code,
    name: p.name,
    doses_in_course: p.dosesInCourse,
    min_days: p.interval?.minDays ?? null,
    target_days: p.interval?.targetDays ?? null,
    max_days: p.interval?.maxDays ?? null,
    doses_per_vial: p.dosesPerVial,
    usable_hours: p.usableHoursAfterPuncture,
    active: p.active ? 1 : 0,
    ...administrationRow(p.administration ?? SHIPPED_ADMINISTRATION[p.code]),
  };
}

function toProduct(row: ProductRow, gtins: string[]): VaccineProduct {
  return {
    code: row.code,
    name: row.name,
    dosesInCourse: row.doses_in_course,
    interval:
      row.doses_in_course > 1 && row.min_days !== null && row.target_days !== null && row.max_days !== null
        ? { minDays: row.min_days, targetDays: row.target_days, maxDays: row.max_days }
        : null,
    dosesPerVial: row.doses_per_vial,
    usableHoursAfterPuncture: row.usable_hours,
    gtins,
    active: row.active === 1,
    cnk: row.cnk ?? null,
    atc: row.atc ?? null,
    ...(row.default_site ? { administration: { site: row.default_site, side: row.default_side ?? 'left', route: row.default_route ?? 'IM', doseMl: row.dose_ml ?? null } } : {}),
  };
}

export function findProduct(db: Db, code: string): VaccineProduct | null {
  const row = productRow(db, code);
  return row ? toProduct(row, gtinsOfProduct(db, code)) : null;
}

export function getProduct(db: Db, code: string): VaccineProduct {
  const product = findProduct(db, code);
  if (!product) throw new DoseDeskError('products.unknown', { product: code });
  return product;
}

export function listProducts(db: Db): VaccineProduct[] {
  return productRows(db).map((r) => toProduct(r, gtinsOfProduct(db, r.code)));
}

export function productByGtin(db: Db, gtin: string): VaccineProduct | null {
  const code = productCodeByGtin(db, gtin);
  return code ? findProduct(db, code) : null;
}

/** Adds products that are not configured yet; an existing product keeps its configuration. */
export function ensureProducts(db: Db, products: readonly VaccineProduct[], now: Date): number {
  let added = 0;
  const { insertProduct, insertGtin } = productInserts(db);
  db.transaction(() => {
    for (const p of products) {
      const problems = productProblems(p);
      if (problems.length) throw new DoseDeskError('products.invalid', { product: p.code, detail: problems.join(', ') });
      added += insertProduct(productRowOf(p), now.toISOString());
      for (const g of p.gtins) insertGtin(g, p.code);
    }
  })();
  return added;
}

export interface ProductConfigChange {
  code: string;
  interval?: { minDays: number; targetDays: number; maxDays: number };
  dosesPerVial?: number;
  usableHoursAfterPuncture?: number;
  active?: boolean;
  cnk?: string | null;
  atc?: string | null;
  addGtins?: string[];
  reason: string;
  by: string;
}

/** A typed code in its stored form: '' or null clears it, anything else must pass `rule`. */
function typedCode(typed: string | null | undefined, before: string | null | undefined, rule: (t: string) => string | null, code: string): string | null {
  if (typed === undefined) return before ?? null;
  if (typed === null || typed.trim() === '') return null;
  const value = rule(typed);
  if (!value) throw new DoseDeskError(code, { value: typed });
  return value;
}

/** The GTINs to add in stored form; one already naming another product is refused. */
function addedGtins(db: Db, productCode: string, typed: readonly string[]): string[] {
  return typed.map((g) => {
    const gtin = gtin14Of(g);
    if (!gtin) throw new DoseDeskError('products.gtin_invalid', { value: g });
    const owner = productCodeByGtin(db, gtin);
    if (owner && owner !== productCode) throw new DoseDeskError('products.gtin_taken', { gtin, product: owner });
    return gtin;
  });
}

/** Changes a product's configuration (e.g. Vaxzevria 84 -> 56 days), keeping the history. */
export function configureProduct(db: Db, change: ProductConfigChange, now: Date): VaccineProduct {
  return db.transaction(() => {
    const before = getProduct(db, change.code);
    const after: VaccineProduct = {
      ...before,
      interval: change.interval ?? before.interval,
      dosesPerVial: change.dosesPerVial ?? before.dosesPerVial,
      usableHoursAfterPuncture: change.usableHoursAfterPuncture ?? before.usableHoursAfterPuncture,
      active: change.active ?? before.active,
      cnk: typedCode(change.cnk, before.cnk, cnkOf, 'products.cnk_invalid'),
      atc: typedCode(change.atc, before.atc, atcOf, 'products.atc_invalid'),
    };
    const newGtins = addedGtins(db, change.code, change.addGtins ?? []).filter((g) => !before.gtins.includes(g));
    after.gtins = [...before.gtins, ...new Set(newGtins)].sort();
    const problems = productProblems(after);
    if (problems.length) throw new DoseDeskError('products.invalid', { product: change.code, detail: problems.join(', ') });
    updateProductConfig(db, change.code, productRowOf(after), now.toISOString());
    if (change.cnk !== undefined || change.atc !== undefined) updateProductCodes(db, change.code, { name: before.name, cnk: after.cnk ?? null, atc: after.atc ?? null }, now.toISOString());
    for (const gtin of newGtins) insertProductGtin(db, gtin, change.code);
    insertProductChange(db, { id: newId(), productCode: change.code, at: now.toISOString(), by: change.by, reason: change.reason, before: JSON.stringify(before), after: JSON.stringify(after) });
    return after;
  }).immediate();
}
