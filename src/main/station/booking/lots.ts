import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { classifyScan } from '../../../domain/identity/classify';
import { isLocalDate, localDateOf } from '../../../domain/time/local-time';
import { isLotUsable } from '../../../domain/vaccines/interval';
import { getProduct, productByGtin } from './products';
import { newId } from './ids';

export interface LotRow {
  id: string;
  product_code: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  source: string;
}

/** Records a lot (scanned or typed) once; the same product, lot and expiry give the same row. */
export function ensureLot(
  db: Db,
  lot: { productCode: string; gtin: string | null; lot: string; expiry: string },
  source: 'scan' | 'typed' | 'seed' | 'card' | 'sync',
  now: Date,
): LotRow {
  const text = lot.lot.trim();
  if (text.length < 1 || text.length > 20) throw new DoseDeskError('booking.lot_invalid', { lot: text });
  if (!isLocalDate(lot.expiry)) throw new DoseDeskError('booking.lot_invalid', { lot: text });
  db.prepare(
    `INSERT OR IGNORE INTO lots (id, product_code, gtin, lot, expiry, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), lot.productCode, lot.gtin, text, lot.expiry, source, now.toISOString());
  return db.prepare('SELECT * FROM lots WHERE product_code = ? AND lot = ? AND expiry = ?').get(lot.productCode, text, lot.expiry) as LotRow;
}

export function getLot(db: Db, id: string): LotRow {
  const row = db.prepare('SELECT * FROM lots WHERE id = ?').get(id) as LotRow | undefined;
  if (!row) throw new DoseDeskError('booking.unknown_lot', { lot: id });
  return row;
}

export function assertLotUsable(lot: { lot: string; expiry: string }, now: Date): void {
  if (!isLotUsable(lot.expiry, localDateOf(now))) throw new DoseDeskError('booking.lot_expired', { lot: lot.lot, expiry: lot.expiry });
}

/**
 * A vial's GS1 DataMatrix: product by GTIN, lot and expiry. An unknown product or an expired lot
 * is refused here, before anyone draws a dose from it.
 */
export function scanVial(db: Db, text: string, now: Date): LotRow {
  const scan = classifyScan(text, localDateOf(now));
  if (!scan.ok) throw new DoseDeskError(scan.code, scan.params);
  if (scan.value.kind !== 'gs1') throw new DoseDeskError('booking.not_a_vial', { kind: scan.value.kind });
  const { gtin, lot, expiry } = scan.value;
  const product = productByGtin(db, gtin);
  if (!product) throw new DoseDeskError('booking.unknown_gtin', { gtin });
  if (!product.active) throw new DoseDeskError('booking.product_inactive', { product: product.code });
  assertLotUsable({ lot, expiry }, now);
  return db.transaction(() => ensureLot(db, { productCode: product.code, gtin, lot, expiry }, 'scan', now)).immediate();
}

/** A lot typed by hand (vials without a 2D code). */
export function registerTypedLot(db: Db, input: { productCode: string; lot: string; expiry: string }, now: Date): LotRow {
  const product = getProduct(db, input.productCode);
  assertLotUsable(input, now);
  return db.transaction(() => ensureLot(db, { productCode: product.code, gtin: null, lot: input.lot, expiry: input.expiry }, 'typed', now)).immediate();
}
