/** Maps stored rows to the contract's views (src/shared/api/booking.ts). */
import type { z } from 'zod';
import { completedDosesOf } from './dose-store';
import type { AppointmentView, BookingRequestView, DoseView, NotGivenView, PersonView } from '../../../shared/api/booking';
import { formatShortCode } from '../../../domain/booking/short-code';
import type { Db } from '../../adapters/sqlite/database';
import { findCitizen, type CitizenRow } from '../identity/citizens';
import { findProduct } from '../products/products';
import type { AppointmentRow, DoseRow } from './rows';
import type { BookingRequestRow } from './appointments';
import { missedAppointmentAfter } from './appointment-store';
import type { NotGivenRow } from './not-given-store';

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
    administration: administrationOf(d),
    booster: isBoosterDose(db, d),
  };
}

/** Whether a dose came after the course of the person's first dose's product was complete. */
function isBoosterDose(db: Db, d: DoseRow): boolean {
  const first = completedDosesOf(db, d.ssin)[0];
  if (!first || first.id === d.id) return false;
  return d.dose_number > (findProduct(db, first.product_code)?.dosesInCourse ?? d.dose_number);
}

/** Where and how a dose went in, when it was recorded (null for doses from before, or from a card). */
export function administrationOf(d: DoseRow): DoseView['administration'] {
  if (!d.site || !d.side || !d.route) return null;
  return { site: d.site as NonNullable<DoseView['administration']>['site'], side: d.side, route: d.route as NonNullable<DoseView['administration']>['route'], doseMl: d.dose_ml ?? null };
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
  const missed = (r.reason === 'noshow' || r.reason === 'cancelled') && r.previous_dose_id ? missedAppointmentAfter(db, r.previous_dose_id) : null;
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
    contact: { email: citizen?.email ?? null, phone: citizen?.phone ?? null },
    missedAppointment: missed ? appointmentView(missed) : null,
  };
}

/** A "not vaccinated" record as the screen sees it. */
export function notGivenView(db: Db, row: NotGivenRow, alreadyRecorded: boolean): z.infer<typeof NotGivenView> {
  return {
    id: row.id,
    ssin: row.ssin,
    productCode: row.product_code,
    productName: findProduct(db, row.product_code)?.name ?? row.product_code,
    doseNumber: row.dose_number,
    reason: row.reason_code as z.infer<typeof NotGivenView>['reason'],
    note: row.note,
    decidedAt: row.decided_at,
    alreadyRecorded,
  };
}
