/** Maps lot and vial rows to the contract's views (src/shared/api/vials.ts). */
import type { z } from 'zod';
import type { VialView } from '../../../shared/api/vials';
import { vialUsable } from '../../../domain/booking/day-plan';
import type { Db } from '../../adapters/sqlite/database';
import { findProduct } from '../products/products';
import type { VialRow } from './vials';
import type { LotRow } from './lots';
import { lotLabel } from './lot-store';

export function vialView(db: Db, v: VialRow, now: Date): z.infer<typeof VialView> {
  const lot = lotLabel(db, v.lot_id);
  return {
    id: v.id,
    stationId: v.station_id,
    productCode: v.product_code,
    lotId: v.lot_id,
    lot: lot.lot,
    expiry: lot.expiry,
    puncturedAt: v.punctured_at,
    usableUntil: v.usable_until,
    dosesTotal: v.doses_total,
    dosesUsed: v.doses_used,
    dosesLeft: v.doses_total - v.doses_used,
    status: v.status,
    expired: now.getTime() >= Date.parse(v.usable_until),
    usable: vialUsable({ dosesTotal: v.doses_total, dosesUsed: v.doses_used, usableUntil: v.usable_until, status: v.status }, now.toISOString()) === 'ok',
    wasteReason: v.waste_reason,
    dosesWasted: v.doses_wasted,
  };
}

export function lotView(db: Db, l: LotRow) {
  const product = findProduct(db, l.product_code);
  return { lotId: l.id, productCode: l.product_code, productName: product?.name ?? l.product_code, gtin: l.gtin, lot: l.lot, expiry: l.expiry, dosesPerVial: product?.dosesPerVial ?? 1 };
}
