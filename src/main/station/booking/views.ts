/** Maps stored rows to the contract's views (src/shared/api/booking.ts). */
import type { z } from 'zod';
import type { AppointmentView, BookingRequestView, DoseView, PersonView, StandbyView, VialView } from '../../../shared/api/booking';
import { formatShortCode } from '../../../domain/booking/short-code';
import { vialUsable } from '../../../domain/booking/day-plan';
import type { Db } from '../../adapters/sqlite/database';
import { findCitizen, type CitizenRow } from './citizens';
import { findProduct } from './products';
import type { AppointmentRow, DoseRow } from './rows';
import type { VialRow } from './vials';
import type { BookingRequestRow } from './appointments';
import type { LotRow } from './lots';
import { lotLabel } from './lot-store';
import type { StandbyRow } from './standby-store';

export function personView(c: CitizenRow): PersonView {
  return { ssin: c.ssin, familyName: c.family_name, givenNames: c.given_names, birthDate: c.birth_date, sex: c.sex, language: c.language };
}

export function doseView(db: Db, d: DoseRow): DoseView {
  const product = findProduct(db, d.product_code);
  return {
    id: d.id,
    ssin: d.ssin,
    doseNumber: d.dose_number,
    dosesInCourse: product?.dosesInCourse ?? d.dose_number,
    productCode: d.product_code,
    productName: product?.name ?? d.product_code,
    gtin: d.gtin,
    lot: d.lot,
    expiry: d.expiry,
    administeredAt: d.administered_at,
    localDate: d.local_date,
    stationId: d.station_id,
    vaccinator: { nihdi: d.vaccinator_nihdi, name: d.vaccinator_name },
    origin: d.origin,
    status: d.status,
    version: d.version,
    vialId: d.vial_id,
  };
}

export function appointmentView(a: AppointmentRow): AppointmentView {
  return {
    id: a.id,
    ssin: a.ssin,
    productCode: a.product_code,
    doseNumber: a.dose_number,
    slotId: a.slot_id,
    start: a.start_at,
    end: a.end_at,
    localDate: a.local_date,
    status: a.status,
    stationId: a.station_id,
    shortCode: formatShortCode(a.short_code),
    origin: a.origin,
    version: a.version,
    previousDoseId: a.previous_dose_id,
  };
}

export function requestView(db: Db, r: BookingRequestRow): z.infer<typeof BookingRequestView> {
  const citizen = findCitizen(db, r.ssin);
  return {
    id: r.id,
    ssin: r.ssin,
    person: citizen ? personView(citizen) : null,
    productCode: r.product_code,
    doseNumber: r.dose_number,
    earliestDate: r.earliest_date,
    targetDate: r.target_date,
    latestDate: r.latest_date,
    reason: r.reason,
    createdAt: r.created_at,
  };
}

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
  };
}

export function lotView(db: Db, l: LotRow) {
  const product = findProduct(db, l.product_code);
  return { lotId: l.id, productCode: l.product_code, productName: product?.name ?? l.product_code, gtin: l.gtin, lot: l.lot, expiry: l.expiry, dosesPerVial: product?.dosesPerVial ?? 1 };
}

export type { StandbyRow };

export function standbyView(s: StandbyRow): z.infer<typeof StandbyView> {
  return {
    id: s.id,
    ssin: s.ssin,
    displayName: s.display_name,
    phone: s.phone,
    productCodes: JSON.parse(s.product_codes) as string[],
    note: s.note,
    status: s.status,
    addedAt: s.added_at,
  };
}
