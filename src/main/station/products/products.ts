import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { productProblems, SHIPPED_ADMINISTRATION, type VaccineProduct } from '../../../domain/vaccines/products';
import { newId } from '../base/ids';
import { gtinsOfProduct, insertProductChange, productCodeByGtin, productInserts, productRow, productRows, updateProductConfig, type ProductRow } from './product-store';

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
  reason: string;
  by: string;
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
    };
    const problems = productProblems(after);
    if (problems.length) throw new DoseDeskError('products.invalid', { product: change.code, detail: problems.join(', ') });
    updateProductConfig(db, change.code, productRowOf(after), now.toISOString());
    insertProductChange(db, { id: newId(), productCode: change.code, at: now.toISOString(), by: change.by, reason: change.reason, before: JSON.stringify(before), after: JSON.stringify(after) });
    return after;
  }).immediate();
}
