import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { addHours } from '../../../domain/time/local-time';
import { vialUsable } from '../../../domain/booking/day-plan';
import { assertLotUsable, getLot, scanVial, type LotRow } from './lots';
import { getProduct } from '../products/products';
import { newId } from '../base/ids';
import { findVial, insertOpenVial, wastedDosesByReason, markVialDiscarded, openVialRows, setVialDosesUsed, type VialRow, type VialWasteReason } from './vial-store';

export type { VialRow, VialWasteReason };

export function getVial(db: Db, id: string): VialRow {
  const row = findVial(db, id);
  if (!row) throw new DoseDeskError('vials.unknown_vial', { vial: id });
  return row;
}

/**
 * Punctures a vial: it may be used until puncture + the product's usable hours (Comirnaty 6 h),
 * for its doses per vial (or a higher count, e.g. 7 Comirnaty doses with low-dead-volume syringes).
 */
export function openVial(db: Db, input: { stationId: string; lotId: string; doses?: number; openedBy: string }, now: Date): VialRow {
  return db.transaction(() => {
    const lot = getLot(db, input.lotId);
    const product = getProduct(db, lot.product_code);
    assertLotUsable(lot, now);
    const doses = input.doses ?? product.dosesPerVial;
    if (doses < 1 || doses > product.dosesPerVial + 2) throw new DoseDeskError('vials.doses_invalid', { doses, usual: product.dosesPerVial });
    const id = newId();
    const at = now.toISOString();
    insertOpenVial(db, { id, stationId: input.stationId, productCode: product.code, lotId: lot.id, puncturedAt: at, usableUntil: addHours(now, product.usableHoursAfterPuncture), dosesTotal: doses, openedBy: input.openedBy });
    return getVial(db, id);
  }).immediate();
}

/** Draws one dose from a vial inside the administer transaction; refuses an expired or empty vial. */
export function drawDose(db: Db, vialId: string, productCode: string, lotId: string | null, now: Date): VialRow {
  const vial = getVial(db, vialId);
  if (vial.product_code !== productCode || (lotId !== null && vial.lot_id !== lotId)) throw new DoseDeskError('vials.mismatch', { vial: vialId });
  const state = vialUsable({ dosesTotal: vial.doses_total, dosesUsed: vial.doses_used, usableUntil: vial.usable_until, status: vial.status }, now.toISOString());
  if (state === 'expired') throw new DoseDeskError('vials.expired', { until: vial.usable_until });
  if (state === 'empty') throw new DoseDeskError('vials.empty', { vial: vialId });
  if (state === 'closed') throw new DoseDeskError('vials.closed', { vial: vialId });
  const used = vial.doses_used + 1;
  setVialDosesUsed(db, vialId, used, now.toISOString());
  return getVial(db, vialId);
}

/**
 * Closes a vial before it is empty (discarded). Doses thrown away must say why, so the report can
 * count waste by reason; 'other' needs a note saying what happened.
 */
export function closeVial(db: Db, vialId: string, close: { reason?: VialWasteReason | undefined; note?: string | undefined }, now: Date): VialRow {
  return db.transaction(() => {
    const vial = getVial(db, vialId);
    if (vial.status !== 'open') throw new DoseDeskError('vials.closed', { vial: vialId });
    const left = vial.doses_total - vial.doses_used;
    if (left > 0 && !close.reason) throw new DoseDeskError('vials.reason_required', { left });
    if (close.reason === 'other' && !close.note) throw new DoseDeskError('vials.note_required', {});
    if (!markVialDiscarded(db, vialId, { reason: close.reason ?? null, note: close.note ?? null, dosesWasted: left }, now.toISOString())) throw new DoseDeskError('vials.closed', { vial: vialId });
    return getVial(db, vialId);
  }).immediate();
}

/** Open vials of a station (or all), with what is left and until when. */
export function openVials(db: Db, stationId: string | null): VialRow[] {
  return openVialRows(db, stationId);
}

/** What a scanned vial code comes to: its lot, the vial the dose is drawn from, and whether it was just opened. */
export interface VialInUse {
  lot: LotRow;
  vial: VialRow;
  opened: boolean;
}

/**
 * The vaccinator scanned a vial: the lot is recorded once (or refused), then this station's open
 * vial of that lot is reused while it is usable (before its hours after puncture are over, doses
 * left), the oldest first so the one that expires first is finished first; otherwise a new vial is
 * opened. One transaction, so two scans at once do not open two vials. `mayUse` may refuse the
 * lot (the person's eligibility) before a vial is chosen; the refusal rolls everything back.
 */
export function vialForScan(db: Db, input: { stationId: string; text: string; openedBy: string; mayUse?: (lot: LotRow) => void }, now: Date): VialInUse {
  return db.transaction(() => {
    const lot = scanVial(db, input.text, now);
    // The person's check comes before any vial is picked or opened: a refusal leaves the vials as they were.
    input.mayUse?.(lot);
    const at = now.toISOString();
    const inHand = openVials(db, input.stationId).find(
      (v) => v.lot_id === lot.id && vialUsable({ dosesTotal: v.doses_total, dosesUsed: v.doses_used, usableUntil: v.usable_until, status: v.status }, at) === 'ok',
    );
    if (inHand) return { lot, vial: inHand, opened: false };
    return { lot, vial: openVial(db, { stationId: input.stationId, lotId: lot.id, openedBy: input.openedBy }, now), opened: true };
  }).immediate();
}

/** Doses thrown away during [from, to) by reason, for the end-of-day report. */
export function wasteOfDay(db: Db, from: string, to: string): { total: number; byReason: { reason: VialWasteReason; count: number }[] } {
  const rows = wastedDosesByReason(db, from, to);
  return { total: rows.reduce((sum, r) => sum + r.doses, 0), byReason: rows.map((r) => ({ reason: r.reason, count: r.doses })) };
}
