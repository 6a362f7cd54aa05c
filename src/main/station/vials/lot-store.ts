/** SQL of vaccine lots. */
import type { Db } from '../../adapters/sqlite/database';

export interface LotRow {
  id: string;
  product_code: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  source: string;
}

/** Inserts a lot unless the same product, lot and expiry exist, and returns the stored row. */
export function upsertLot(db: Db, l: { id: string; productCode: string; gtin: string | null; lot: string; expiry: string; source: string; createdAt: string }): LotRow {
  db.prepare(`INSERT OR IGNORE INTO lots (id, product_code, gtin, lot, expiry, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    l.id,
    l.productCode,
    l.gtin,
    l.lot,
    l.expiry,
    l.source,
    l.createdAt,
  );
  return db.prepare('SELECT * FROM lots WHERE product_code = ? AND lot = ? AND expiry = ?').get(l.productCode, l.lot, l.expiry) as LotRow;
}

export function findLot(db: Db, id: string): LotRow | null {
  return (db.prepare('SELECT * FROM lots WHERE id = ?').get(id) as LotRow | undefined) ?? null;
}

/** Lot number and expiry of a lot known to exist (a vial's). */
export function lotLabel(db: Db, id: string): { lot: string; expiry: string } {
  return db.prepare('SELECT lot, expiry FROM lots WHERE id = ?').get(id) as { lot: string; expiry: string };
}
