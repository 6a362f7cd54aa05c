/** The booking rows' mapping to the outbox payloads sync expects (the row shapes live in their stores). */
import type { AppointmentPayload, DoseReaction, DoseRecordPayload, PersonRef, VaccinationRecordHead } from '../../../domain/records';

import type { DoseRow } from './dose-store';
import type { AppointmentRow } from './appointment-store';

export type { AppointmentRow, DoseRow };

/** The head every vaccination record shares (a dose given, or not given): who, where, which product. */
export function vaccinationHead(
  row: { id: string; station_id: string; centre_id: string; dose_number: number; product_code: string },
  person: PersonRef,
  product: { name: string; cnk?: string | null; atc?: string | null },
): VaccinationRecordHead {
  return {
    id: row.id,
    stationId: row.station_id,
    centreId: row.centre_id,
    person,
    doseNumber: row.dose_number,
    productCode: row.product_code,
    productName: product.name,
    ...(product.cnk ? { productCnk: product.cnk } : {}),
    ...(product.atc ? { productAtc: product.atc } : {}),
  };
}

export function dosePayload(
  row: DoseRow,
  person: PersonRef,
  product: { name: string; cnk?: string | null; atc?: string | null },
  correction: DoseRecordPayload['correction'],
): DoseRecordPayload {
  return {
    type: 'dose',
    ...vaccinationHead(row, person, product),
    gtin: row.gtin,
    lot: row.lot,
    expiry: row.expiry,
    administeredAt: row.administered_at,
    recordedAt: row.recorded_at,
    vaccinator: { nihdi: row.vaccinator_nihdi, name: row.vaccinator_name },
    status: row.status,
    correction,
    version: row.version,
    ...(row.site && row.side && row.route ? { administration: { site: row.site, side: row.side, route: row.route, doseMl: row.dose_ml ?? null } } : {}),
    ...(row.reactions ? { reactions: JSON.parse(row.reactions) as DoseReaction[] } : {}),
    ...(row.rekeyed_by ? { rekeyed: { source: 'paper' as const, by: row.rekeyed_by_name ?? row.rekeyed_by } } : {}),
  };
}

export function appointmentPayload(row: AppointmentRow, person: PersonRef): AppointmentPayload {
  return {
    type: 'appointment',
    id: row.id,
    stationId: row.station_id,
    centreId: row.centre_id,
    person,
    slotId: row.slot_id,
    start: row.start_at,
    end: row.end_at,
    productCode: row.product_code,
    doseNumber: row.dose_number,
    status: row.status,
    createdAt: row.created_at,
    version: row.version,
  };
}
