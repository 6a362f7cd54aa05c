/** SQL of punctured vials. */
import type { Db } from '../../adapters/sqlite/database';

export interface VialRow {
  id: string;
  station_id: string;
  product_code: string;
  lot_id: string;
  punctured_at: string;
  usable_until: string;
  doses_total: number;
  doses_used: number;
  status: 'open' | 'finished' | 'discarded';
  opened_by: string;
  closed_at: string | null;
  closed_reason: string | null;
  waste_reason: VialWasteReason | null;
  doses_wasted: number | null;
}

export type VialWasteReason = 'expired_after_puncture' | 'contaminated' | 'end_of_session' | 'other';

export function findVial(db: Db, id: string): VialRow | null {
  return (db.prepare('SELECT * FROM vials WHERE id = ?').get(id) as VialRow | undefined) ?? null;
}

export function insertOpenVial(
  db: Db,
  v: { id: string; stationId: string; productCode: string; lotId: string; puncturedAt: string; usableUntil: string; dosesTotal: number; openedBy: string },
): void {
  db.prepare(
    `INSERT INTO vials (id, station_id, product_code, lot_id, punctured_at, usable_until, doses_total, doses_used, status, opened_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'open', ?, ?)`,
  ).run(v.id, v.stationId, v.productCode, v.lotId, v.puncturedAt, v.usableUntil, v.dosesTotal, v.openedBy, v.puncturedAt);
}

/** Sets the doses used; the vial is finished (closed at `at`) once they reach its total. */
export function setVialDosesUsed(db: Db, id: string, used: number, at: string): void {
  db.prepare(`UPDATE vials SET doses_used = ?, status = CASE WHEN ? >= doses_total THEN 'finished' ELSE status END, closed_at = CASE WHEN ? >= doses_total THEN ? ELSE closed_at END WHERE id = ?`).run(
    used,
    used,
    used,
    at,
    id,
  );
}

/** Closes an open vial with what was left in it; false when it was no longer open (nothing changed). */
export function markVialDiscarded(db: Db, id: string, close: { reason: VialWasteReason | null; note: string | null; dosesWasted: number }, at: string): boolean {
  return (
    db
      .prepare(`UPDATE vials SET status = 'discarded', closed_at = ?, closed_reason = ?, waste_reason = ?, doses_wasted = ? WHERE id = ? AND status = 'open'`)
      .run(at, close.note, close.reason, close.dosesWasted, id).changes > 0
  );
}

export function openVialRows(db: Db, stationId: string | null): VialRow[] {
  return (
    stationId
      ? db.prepare(`SELECT * FROM vials WHERE status = 'open' AND station_id = ? ORDER BY punctured_at`).all(stationId)
      : db.prepare(`SELECT * FROM vials WHERE status = 'open' ORDER BY punctured_at`).all()
  ) as VialRow[];
}

/** Doses thrown away with vials closed in [from, to), by the reason given (vials closed before reasons were asked are left out). */
export function wastedDosesByReason(db: Db, from: string, to: string): { reason: VialWasteReason; doses: number }[] {
  return db
    .prepare(
      `SELECT waste_reason AS reason, SUM(doses_wasted) AS doses FROM vials
        WHERE status = 'discarded' AND waste_reason IS NOT NULL AND doses_wasted > 0 AND closed_at >= ? AND closed_at < ?
        GROUP BY waste_reason ORDER BY waste_reason`,
    )
    .all(from, to) as { reason: VialWasteReason; doses: number }[];
}
