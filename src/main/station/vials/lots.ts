import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { classifyScan } from '../../../domain/identity/classify';
import { isLocalDate, localDateOf } from '../../../domain/time/local-time';
import { isLotUsable } from '../../../domain/vaccines/interval';
import { getProduct, productByGtin } from '../products/products';
import { newId } from '../base/ids';
import { findLot, upsertLot, type LotRow } from './lot-store';

export type { LotRow };

/** Records a lot (scanned or typed) once; the same product, lot and expiry give the same row. */
export function ensureLot(
  db: Db,
  lot: { productCode: string; gtin: string | null; lot: string; expiry: string },
  source: 'scan' | 'typed' | 'seed' | 'card' | 'sync',
  now: Date,
): LotRow {
  const text = lot.lot.trim();
  if (text.length < 1 || text.length > 20) throw new DoseDeskError('vials.lot_invalid', { lot: text });
  if (!isLocalDate(lot.expiry)) throw new DoseDeskError('vials.lot_invalid', { lot: text });
  return upsertLot(db, { id: newId(), productCode: lot.productCode, gtin: lot.gtin, lot: text, expiry: lot.expiry, source, createdAt: now.toISOString() });
}

export function getLot(db: Db, id: string): LotRow {
  const row = findLot(db, id);
  if (!row) throw new DoseDeskError('vials.unknown_lot', { lot: id });
  return row;
}

export function assertLotUsable(lot: { lot: string; expiry: string }, now: Date): void {
  if (!isLotUsable(lot.expiry, localDateOf(now))) throw new DoseDeskError('vials.lot_expired', { lot: lot.lot, expiry: lot.expiry });
}

/**
 * A vial's GS1 DataMatrix: product by GTIN, lot and expiry. An unknown product or an expired lot
 * is refused here, before anyone draws a dose from it.
 */
export function scanVial(db: Db, text: string, now: Date): LotRow {
  const scan = classifyScan(text, localDateOf(now));
  if (!scan.ok) throw new DoseDeskError(scan.code, scan.params);
  if (scan.value.kind !== 'gs1') throw new DoseDeskError('vials.not_a_vial', { kind: scan.value.kind });
  const { gtin, lot, expiry } = scan.value;
  const product = productByGtin(db, gtin);
  if (!product) throw new DoseDeskError('vials.unknown_gtin', { gtin });
  if (!product.active) throw new DoseDeskError('products.inactive', { product: product.code });
  assertLotUsable({ lot, expiry }, now);
  return db.transaction(() => ensureLot(db, { productCode: product.code, gtin, lot, expiry }, 'scan', now)).immediate();
}

/** A lot typed by hand (vials without a 2D code). */
export function registerTypedLot(db: Db, input: { productCode: string; lot: string; expiry: string }, now: Date): LotRow {
  const product = getProduct(db, input.productCode);
  assertLotUsable(input, now);
  return db.transaction(() => ensureLot(db, { productCode: product.code, gtin: null, lot: input.lot, expiry: input.expiry }, 'typed', now)).immediate();
}
