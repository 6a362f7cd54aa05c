import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { productProblems, type VaccineProduct } from '../../../domain/vaccines/products';
import { newId } from './ids';

interface ProductRow {
  code: string;
  name: string;
  doses_in_course: number;
  min_days: number | null;
  target_days: number | null;
  max_days: number | null;
  doses_per_vial: number;
  usable_hours: number;
  active: number;
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
  };
}

function gtinsOf(db: Db, code: string): string[] {
  return (db.prepare('SELECT gtin FROM product_gtins WHERE product_code = ? ORDER BY gtin').all(code) as { gtin: string }[]).map((r) => r.gtin);
}

export function findProduct(db: Db, code: string): VaccineProduct | null {
  const row = db.prepare('SELECT * FROM vaccine_products WHERE code = ?').get(code) as ProductRow | undefined;
  return row ? toProduct(row, gtinsOf(db, code)) : null;
}

export function getProduct(db: Db, code: string): VaccineProduct {
  const product = findProduct(db, code);
  if (!product) throw new DoseDeskError('booking.unknown_product', { product: code });
  return product;
}

export function listProducts(db: Db): VaccineProduct[] {
  const rows = db.prepare('SELECT * FROM vaccine_products ORDER BY code').all() as ProductRow[];
  return rows.map((r) => toProduct(r, gtinsOf(db, r.code)));
}

export function productByGtin(db: Db, gtin: string): VaccineProduct | null {
  const row = db.prepare('SELECT product_code FROM product_gtins WHERE gtin = ?').get(gtin) as { product_code: string } | undefined;
  return row ? findProduct(db, row.product_code) : null;
}

/** Adds products that are not configured yet; an existing product keeps its configuration. */
export function ensureProducts(db: Db, products: readonly VaccineProduct[], now: Date): number {
  let added = 0;
  const insert = db.prepare(
    `INSERT OR IGNORE INTO vaccine_products (code, name, doses_in_course, min_days, target_days, max_days, doses_per_vial, usable_hours, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGtin = db.prepare('INSERT OR IGNORE INTO product_gtins (gtin, product_code) VALUES (?, ?)');
  db.transaction(() => {
    for (const p of products) {
      const problems = productProblems(p);
      if (problems.length) throw new DoseDeskError('booking.product_invalid', { product: p.code, detail: problems.join(', ') });
      const r = insert.run(p.code, p.name, p.dosesInCourse, p.interval?.minDays ?? null, p.interval?.targetDays ?? null, p.interval?.maxDays ?? null, p.dosesPerVial, p.usableHoursAfterPuncture, p.active ? 1 : 0, now.toISOString());
      added += r.changes;
      for (const g of p.gtins) insertGtin.run(g, p.code);
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
    if (problems.length) throw new DoseDeskError('booking.product_invalid', { product: change.code, detail: problems.join(', ') });
    db.prepare(
      `UPDATE vaccine_products SET min_days = ?, target_days = ?, max_days = ?, doses_per_vial = ?, usable_hours = ?, active = ?, updated_at = ? WHERE code = ?`,
    ).run(after.interval?.minDays ?? null, after.interval?.targetDays ?? null, after.interval?.maxDays ?? null, after.dosesPerVial, after.usableHoursAfterPuncture, after.active ? 1 : 0, now.toISOString(), change.code);
    db.prepare('INSERT INTO product_changes (id, product_code, at, by, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      newId(),
      change.code,
      now.toISOString(),
      change.by,
      change.reason,
      JSON.stringify(before),
      JSON.stringify(after),
    );
    return after;
  }).immediate();
}
