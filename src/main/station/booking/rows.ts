/** Row shapes of the booking tables, and their mapping to the outbox payloads sync expects. */
import type { AppointmentPayload, DoseRecordPayload, PersonRef } from '../../../domain/records';

export interface DoseRow {
  id: string;
  citizen_id: string;
  ssin: string;
  dose_number: number;
  product_code: string;
  gtin: string | null;
  lot: string;
  expiry: string;
  lot_id: string | null;
  vial_id: string | null;
  administered_at: string;
  local_date: string;
  recorded_at: string;
  station_id: string;
  centre_id: string;
  vaccinator_nihdi: string;
  vaccinator_name: string;
  origin: 'station' | 'card' | 'sync';
  status: 'completed' | 'entered-in-error';
  version: number;
  updated_at: string;
}

export interface AppointmentRow {
  id: string;
  citizen_id: string;
  ssin: string;
  product_code: string;
  dose_number: number;
  slot_id: string;
  unit: number | null;
  start_at: string;
  end_at: string;
  local_date: string;
  status: 'booked' | 'cancelled' | 'fulfilled' | 'noshow';
  station_id: string;
  centre_id: string;
  previous_dose_id: string | null;
  short_code: string;
  preference: string;
  origin: 'station' | 'card' | 'sync';
  version: number;
  created_at: string;
  updated_at: string;
}

export function dosePayload(
  row: DoseRow,
  person: PersonRef,
  productName: string,
  correction: DoseRecordPayload['correction'],
): DoseRecordPayload {
  return {
    type: 'dose',
    id: row.id,
    stationId: row.station_id,
    centreId: row.centre_id,
    person,
    doseNumber: row.dose_number,
    productCode: row.product_code,
    productName,
    gtin: row.gtin,
    lot: row.lot,
    expiry: row.expiry,
    administeredAt: row.administered_at,
    recordedAt: row.recorded_at,
    vaccinator: { nihdi: row.vaccinator_nihdi, name: row.vaccinator_name },
    status: row.status,
    correction,
    version: row.version,
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
