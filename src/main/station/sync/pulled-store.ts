import type { Db } from '../../adapters/sqlite/database';
import type { CapacityAllocation, EligibilityRow, ExpectedAppointment, ProductConfiguration } from '../../../domain/fhir/pulled';
import { brusselsDay } from '../../../domain/fhir/day';

/**
 * The station's copies of what the federal backend tells the centre. Writes are the puller's;
 * the read functions at the bottom are for booking and check-in (they work offline: they read
 * the last copy, with `fetchedAt` saying how old it is).
 */

export function storeExpectedAppointments(db: Db, day: string, rows: readonly ExpectedAppointment[], now: Date): void {
  const at = now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO sync_expected_appointment (remote_id, day, record_id, record_version, ssin, centre_id, station_id, product_code, dose_number, start_at, end_at, status, person_name, fetched_at, gone_at)
     VALUES (@remoteId, @day, @recordId, @recordVersion, @ssin, @centreId, @stationId, @productCode, @doseNumber, @start, @end, @status, @personName, @at, NULL)
     ON CONFLICT(remote_id) DO UPDATE SET day = excluded.day, record_id = excluded.record_id, record_version = excluded.record_version,
       ssin = excluded.ssin, centre_id = excluded.centre_id, station_id = excluded.station_id, product_code = excluded.product_code,
       dose_number = excluded.dose_number, start_at = excluded.start_at, end_at = excluded.end_at, status = excluded.status,
       person_name = excluded.person_name, fetched_at = excluded.fetched_at, gone_at = NULL`,
  );
  db.transaction(() => {
    for (const r of rows) upsert.run({ ...r, personName: r.personName ?? null, day, at });
    markGone(db, 'sync_expected_appointment', day, rows.map((r) => r.remoteId), at);
    notePull(db, 'appointments', day, rows.length, at);
  }).immediate();
}

/**
 * Capacity pulled for `day` and the days after it (`coveredDays`, default `day` alone): each row
 * is kept under the Brussels day it starts on; a row of a covered day the backend no longer
 * lists gets gone_at.
 */
export function storeCapacity(db: Db, day: string, rows: readonly CapacityAllocation[], now: Date, coveredDays: readonly string[] = [day]): void {
  const at = now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO sync_capacity (remote_id, day, record_id, centre_id, station_id, product_code, start_at, end_at, doses, active,
       version_id, last_updated, slot_minutes, capacity_per_slot, units, fetched_at, gone_at)
     VALUES (@remoteId, @day, @recordId, @centreId, @stationId, @productCode, @start, @end, @doses, @active,
       @versionId, @lastUpdated, @slotMinutes, @capacityPerSlot, @units, @at, NULL)
     ON CONFLICT(remote_id) DO UPDATE SET day = excluded.day, record_id = excluded.record_id, centre_id = excluded.centre_id,
       station_id = excluded.station_id, product_code = excluded.product_code, start_at = excluded.start_at, end_at = excluded.end_at,
       doses = excluded.doses, active = excluded.active, version_id = excluded.version_id, last_updated = excluded.last_updated,
       slot_minutes = excluded.slot_minutes, capacity_per_slot = excluded.capacity_per_slot, units = excluded.units,
       fetched_at = excluded.fetched_at, gone_at = NULL`,
  );
  const dayOf = (r: CapacityAllocation) => {
    const ms = r.start ? Date.parse(r.start) : Number.NaN;
    return Number.isNaN(ms) ? day : brusselsDay(new Date(ms));
  };
  db.transaction(() => {
    for (const r of rows) {
      upsert.run({
        ...r,
        active: r.active ? 1 : 0,
        versionId: r.versionId ?? null,
        lastUpdated: r.lastUpdated ?? null,
        slotMinutes: r.slotMinutes ?? null,
        capacityPerSlot: r.capacityPerSlot ?? null,
        units: r.units ?? null,
        day: dayOf(r),
        at,
      });
    }
    for (const covered of new Set(coveredDays)) markGone(db, 'sync_capacity', covered, rows.map((r) => r.remoteId), at);
    notePull(db, 'capacity', day, rows.length, at);
  }).immediate();
}

export function storeEligibility(db: Db, day: string, rows: readonly EligibilityRow[], now: Date): void {
  const at = now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO sync_eligibility (ssin, vaccine, dose_number, forecast_status, due_from, fetched_at)
     VALUES (@ssin, @vaccine, @doseNumber, @forecastStatus, @dueFrom, @at)
     ON CONFLICT(ssin, vaccine, dose_number) DO UPDATE SET forecast_status = excluded.forecast_status,
       due_from = excluded.due_from, fetched_at = excluded.fetched_at`,
  );
  db.transaction(() => {
    for (const r of rows) upsert.run({ ...r, doseNumber: r.doseNumber ?? 0, at });
    notePull(db, 'eligibility', day, rows.length, at);
  }).immediate();
}

export function storeProducts(db: Db, rows: readonly ProductConfiguration[], now: Date): void {
  const at = now.toISOString();
  const upsert = db.prepare(
    `INSERT INTO sync_product (product_code, name, atc, series_doses, interval_days, doses_per_vial, active, fetched_at)
     VALUES (@productCode, @name, @atc, @seriesDoses, @intervalDays, @dosesPerVial, @active, @at)
     ON CONFLICT(product_code) DO UPDATE SET name = excluded.name, atc = excluded.atc, series_doses = excluded.series_doses,
       interval_days = excluded.interval_days, doses_per_vial = excluded.doses_per_vial, active = excluded.active, fetched_at = excluded.fetched_at`,
  );
  db.transaction(() => {
    for (const r of rows) upsert.run({ ...r, active: r.active ? 1 : 0, at });
    notePull(db, 'products', '*', rows.length, at);
  }).immediate();
}

function markGone(db: Db, table: 'sync_expected_appointment' | 'sync_capacity', day: string, present: readonly string[], at: string): void {
  const keep = new Set(present);
  const rows = db.prepare(`SELECT remote_id FROM ${table} WHERE day = ? AND gone_at IS NULL`).all(day) as { remote_id: string }[];
  const gone = db.prepare(`UPDATE ${table} SET gone_at = ? WHERE remote_id = ?`);
  for (const r of rows) if (!keep.has(r.remote_id)) gone.run(at, r.remote_id);
}

export function notePull(db: Db, what: string, day: string, count: number, at: string): void {
  db.prepare(
    `INSERT INTO sync_pull (what, day, pulled_at, count) VALUES (?, ?, ?, ?)
     ON CONFLICT(what, day) DO UPDATE SET pulled_at = excluded.pulled_at, count = excluded.count`,
  ).run(what, day, at, count);
}

// ---- Read functions for booking and check-in ----

export interface StoredExpectedAppointment extends ExpectedAppointment {
  day: string;
  fetchedAt: string;
}

interface RawExpected {
  remote_id: string;
  day: string;
  record_id: string | null;
  record_version: number;
  ssin: string | null;
  centre_id: string | null;
  station_id: string | null;
  product_code: string | null;
  dose_number: number | null;
  start_at: string | null;
  end_at: string | null;
  status: string;
  person_name: string | null;
  fetched_at: string;
}

const expected = (r: RawExpected): StoredExpectedAppointment => ({
  remoteId: r.remote_id,
  day: r.day,
  recordId: r.record_id,
  recordVersion: r.record_version,
  ssin: r.ssin,
  centreId: r.centre_id,
  stationId: r.station_id,
  productCode: r.product_code,
  doseNumber: r.dose_number,
  start: r.start_at,
  end: r.end_at,
  status: r.status,
  personName: r.person_name,
  fetchedAt: r.fetched_at,
});

/** The appointments the backend expects at the centre on a Brussels day (`YYYY-MM-DD`), by start. */
export function expectedAppointments(db: Db, day: string): StoredExpectedAppointment[] {
  return (db.prepare('SELECT * FROM sync_expected_appointment WHERE day = ? AND gone_at IS NULL ORDER BY start_at, remote_id').all(day) as RawExpected[]).map(expected);
}

/** The backend's appointments for one person (any day still listed). */
export function expectedAppointmentsFor(db: Db, ssin: string): StoredExpectedAppointment[] {
  return (db.prepare('SELECT * FROM sync_expected_appointment WHERE ssin = ? AND gone_at IS NULL ORDER BY start_at').all(ssin) as RawExpected[]).map(expected);
}

export interface StoredEligibility extends EligibilityRow {
  fetchedAt: string;
}

/** What the backend recommends for a person (forecast status per vaccine and dose). */
export function eligibilityFor(db: Db, ssin: string): StoredEligibility[] {
  const rows = db.prepare('SELECT * FROM sync_eligibility WHERE ssin = ? ORDER BY vaccine, dose_number').all(ssin) as {
    ssin: string;
    vaccine: string;
    dose_number: number;
    forecast_status: string;
    due_from: string | null;
    fetched_at: string;
  }[];
  return rows.map((r) => ({
    ssin: r.ssin,
    vaccine: r.vaccine,
    doseNumber: r.dose_number === 0 ? null : r.dose_number,
    forecastStatus: r.forecast_status,
    dueFrom: r.due_from,
    fetchedAt: r.fetched_at,
  }));
}

export interface StoredCapacity extends CapacityAllocation {
  day: string;
  fetchedAt: string;
}

interface RawCapacity {
  remote_id: string;
  day: string;
  record_id: string | null;
  centre_id: string | null;
  station_id: string | null;
  product_code: string | null;
  start_at: string | null;
  end_at: string | null;
  doses: number | null;
  active: number;
  version_id: string | null;
  last_updated: string | null;
  slot_minutes: number | null;
  capacity_per_slot: number | null;
  units: string | null;
  fetched_at: string;
}

const capacity = (r: RawCapacity): StoredCapacity => ({
  remoteId: r.remote_id,
  day: r.day,
  recordId: r.record_id,
  centreId: r.centre_id,
  stationId: r.station_id,
  productCode: r.product_code,
  start: r.start_at,
  end: r.end_at,
  doses: r.doses,
  active: r.active === 1,
  versionId: r.version_id,
  lastUpdated: r.last_updated,
  slotMinutes: r.slot_minutes,
  capacityPerSlot: r.capacity_per_slot,
  units: r.units,
  fetchedAt: r.fetched_at,
});

/** Capacity the backend allocates on a day, for one station (and the centre-wide shares) or all. */
export function capacityAllocations(db: Db, day: string, stationId?: string): StoredCapacity[] {
  const rows = db
    .prepare(
      `SELECT * FROM sync_capacity WHERE day = ? AND gone_at IS NULL
       AND (? IS NULL OR station_id = ? OR station_id IS NULL) ORDER BY start_at, remote_id`,
    )
    .all(day, stationId ?? null, stationId ?? null) as RawCapacity[];
  return rows.map(capacity);
}

/**
 * Active capacity rows from a day on, in the order every station applies them (server time of
 * the copy, then id), so that stations that pull the same backend agree on who got a unit first.
 */
export function capacityFromDay(db: Db, fromDay: string): StoredCapacity[] {
  const rows = db
    .prepare(`SELECT * FROM sync_capacity WHERE day >= ? AND gone_at IS NULL AND active = 1 ORDER BY COALESCE(last_updated, fetched_at), remote_id`)
    .all(fromDay) as RawCapacity[];
  return rows.map(capacity);
}

/**
 * Session changes and closings published by the centre's stations (record id `session:<id>`),
 * closed ones included, in the order every station applies them.
 */
export function sessionChangesFromDay(db: Db, fromDay: string): StoredCapacity[] {
  const rows = db
    .prepare(`SELECT * FROM sync_capacity WHERE day >= ? AND gone_at IS NULL AND record_id LIKE 'session:%' ORDER BY COALESCE(last_updated, fetched_at), remote_id`)
    .all(fromDay) as RawCapacity[];
  return rows.map(capacity);
}

export interface StoredProduct extends ProductConfiguration {
  fetchedAt: string;
}

/** Product configuration from the backend (series, interval, doses per vial). */
export function productConfiguration(db: Db): StoredProduct[] {
  const rows = db.prepare('SELECT * FROM sync_product ORDER BY product_code').all() as {
    product_code: string;
    name: string;
    atc: string | null;
    series_doses: number | null;
    interval_days: number | null;
    doses_per_vial: number | null;
    active: number;
    fetched_at: string;
  }[];
  return rows.map((r) => ({
    productCode: r.product_code,
    name: r.name,
    atc: r.atc,
    seriesDoses: r.series_doses,
    intervalDays: r.interval_days,
    dosesPerVial: r.doses_per_vial,
    active: r.active === 1,
    fetchedAt: r.fetched_at,
  }));
}

/** When each kind of copy was last refreshed. */
export function lastPulls(db: Db): { what: string; day: string; pulledAt: string; count: number }[] {
  return (db.prepare('SELECT what, day, pulled_at, count FROM sync_pull ORDER BY what, day').all() as { what: string; day: string; pulled_at: string; count: number }[]).map(
    (r) => ({ what: r.what, day: r.day, pulledAt: r.pulled_at, count: r.count }),
  );
}
