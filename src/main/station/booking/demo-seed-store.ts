import type { Db } from '../../adapters/sqlite/database';

/** The demo centre's earlier doses: recorded as already synced, so the demo has people due a second dose or a booster. */
export interface DemoFirstDose {
  id: string;
  citizenId: string;
  ssin: string;
  productCode: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  lotId: string | null;
  administeredAt: string;
  localDate: string;
  centreId: string;
  /** 1 unless given (a completed course seeds dose 2 too). */
  doseNumber?: number;
}

/** Idempotent: a dose already seeded under the same id stays as it is. */
export function insertDemoFirstDose(db: Db, d: DemoFirstDose): void {
  db.prepare(
    `INSERT OR IGNORE INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'station-1', ?, '10000000001', 'Dr. Demo', 'sync', 'completed', 1, ?)`,
  ).run(d.id, d.citizenId, d.ssin, d.doseNumber ?? 1, d.productCode, d.gtin, d.lot, d.expiry, d.lotId, d.administeredAt, d.localDate, d.administeredAt, d.centreId, d.administeredAt);
}
