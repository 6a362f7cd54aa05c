/** SQL of the vaccine product configuration, its GTINs and its change history. */
import type { Db } from '../../adapters/sqlite/database';

export interface ProductRow {
  code: string;
  name: string;
  doses_in_course: number;
  min_days: number | null;
  target_days: number | null;
  max_days: number | null;
  doses_per_vial: number;
  usable_hours: number;
  active: number;
  /** Set by an imported product list (migration 050); absent on rows written before. */
  cnk?: string | null;
  atc?: string | null;
  /** The product's usual administration (migration 052); absent on rows written before. */
  default_site?: string;
  default_side?: 'left' | 'right';
  default_route?: string;
  dose_ml?: number | null;
}

export function productRow(db: Db, code: string): ProductRow | null {
  return (db.prepare('SELECT * FROM vaccine_products WHERE code = ?').get(code) as ProductRow | undefined) ?? null;
}

export function productRows(db: Db): ProductRow[] {
  return db.prepare('SELECT * FROM vaccine_products ORDER BY code').all() as ProductRow[];
}

export function gtinsOfProduct(db: Db, code: string): string[] {
  return (db.prepare('SELECT gtin FROM product_gtins WHERE product_code = ? ORDER BY gtin').all(code) as { gtin: string }[]).map((r) => r.gtin);
}

export function productCodeByGtin(db: Db, gtin: string): string | null {
  return (db.prepare('SELECT product_code FROM product_gtins WHERE gtin = ?').get(gtin) as { product_code: string } | undefined)?.product_code ?? null;
}

/** Product and GTIN inserts that keep what exists, prepared once for a list of products. */
export function productInserts(db: Db): {
  insertProduct(row: ProductRow, updatedAt: string): number;
  insertGtin(gtin: string, productCode: string): void;
} {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO vaccine_products (code, name, doses_in_course, min_days, target_days, max_days, doses_per_vial, usable_hours, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The usual administration exists from migration 052 on; a database of an older schema (a
  // migration test) takes the products without it.
  const hasAdministration = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('vaccine_products') WHERE name = 'dose_ml'`).get() as { n: number }).n > 0;
  const setAdministration = hasAdministration
    ? db.prepare('UPDATE vaccine_products SET default_site = ?, default_side = ?, default_route = ?, dose_ml = ? WHERE code = ?')
    : null;
  const insertGtin = db.prepare('INSERT OR IGNORE INTO product_gtins (gtin, product_code) VALUES (?, ?)');
  return {
    insertProduct: (r, updatedAt) => {
      const added = insert.run(r.code, r.name, r.doses_in_course, r.min_days, r.target_days, r.max_days, r.doses_per_vial, r.usable_hours, r.active, updatedAt).changes;
      if (added && setAdministration && r.default_site) setAdministration.run(r.default_site, r.default_side ?? 'left', r.default_route ?? 'IM', r.dose_ml ?? null, r.code);
      return added;
    },
    insertGtin: (gtin, productCode) => void insertGtin.run(gtin, productCode),
  };
}

export function updateProductConfig(
  db: Db,
  code: string,
  c: Pick<ProductRow, 'min_days' | 'target_days' | 'max_days' | 'doses_per_vial' | 'usable_hours' | 'active'>,
  updatedAt: string,
): void {
  db.prepare(
    `UPDATE vaccine_products SET min_days = ?, target_days = ?, max_days = ?, doses_per_vial = ?, usable_hours = ?, active = ?, updated_at = ? WHERE code = ?`,
  ).run(c.min_days, c.target_days, c.max_days, c.doses_per_vial, c.usable_hours, c.active, updatedAt, code);
}

export function insertProductChange(db: Db, c: { id: string; productCode: string; at: string; by: string; reason: string; before: string; after: string }): void {
  db.prepare('INSERT INTO product_changes (id, product_code, at, by, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.id,
    c.productCode,
    c.at,
    c.by,
    c.reason,
    c.before,
    c.after,
  );
}

/** A product's name and its CNK and ATC codes, as the centre's product list gives them. */
export function updateProductCodes(db: Db, code: string, c: { name: string; cnk: string | null; atc: string | null }, updatedAt: string): void {
  db.prepare('UPDATE vaccine_products SET name = ?, cnk = ?, atc = ?, updated_at = ? WHERE code = ?').run(c.name, c.cnk, c.atc, updatedAt, code);
}

export function insertProductGtin(db: Db, gtin: string, productCode: string): void {
  db.prepare('INSERT OR IGNORE INTO product_gtins (gtin, product_code) VALUES (?, ?)').run(gtin, productCode);
}
