import type { AppointmentPayload, DoseRecordPayload, NotGivenPayload } from '../records';

/**
 * Outbox payloads sync knows besides doses and appointments (src/domain/records.ts). Booking
 * enqueues them with outbox kind = payload type. Like every record: station UUID, a version that
 * grows with each correction, and status 'entered-in-error' to void.
 */

/** A bookable place in time at a station (FHIR Slot). */
export interface SlotPayload {
  type: 'slot';
  id: string;
  stationId: string;
  centreId: string;
  /** The capacity share (FHIR Schedule) this slot belongs to. */
  capacityId: string;
  /** ISO instants */
  start: string;
  end: string;
  productCode: string;
  status: 'free' | 'busy' | 'busy-unavailable' | 'busy-tentative' | 'entered-in-error';
  version: number;
}

/** A share of a centre's capacity given to a station for a period and product (FHIR Schedule). */
export interface CapacitySharePayload {
  type: 'capacity';
  id: string;
  centreId: string;
  /** null: the share belongs to the centre as a whole. */
  stationId: string | null;
  productCode: string;
  /** ISO instants bounding the share (planningHorizon). */
  start: string;
  end: string;
  doses: number;
  status: 'active' | 'entered-in-error';
  version: number;
}

export type SyncPayload = DoseRecordPayload | AppointmentPayload | NotGivenPayload | SlotPayload | CapacitySharePayload;
export type SyncPayloadType = SyncPayload['type'];
export const SYNC_PAYLOAD_TYPES: readonly SyncPayloadType[] = ['dose', 'appointment', 'not-given', 'slot', 'capacity'];

/** Which FHIR resource each payload becomes. */
export const RESOURCE_TYPE_OF: Readonly<Record<SyncPayloadType, 'Immunization' | 'Appointment' | 'Slot' | 'Schedule'>> = {
  dose: 'Immunization',
  appointment: 'Appointment',
  'not-given': 'Immunization',
  slot: 'Slot',
  capacity: 'Schedule',
};

/** Narrows an outbox payload read back from JSON; refuses anything sync cannot map. */
export function asSyncPayload(value: unknown): SyncPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { type?: unknown; id?: unknown; version?: unknown };
  if (typeof v.type !== 'string' || !(SYNC_PAYLOAD_TYPES as readonly string[]).includes(v.type)) return null;
  if (typeof v.id !== 'string' || v.id.length === 0) return null;
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 1) return null;
  return value as SyncPayload;
}

/** The SSIN of the person a payload is about, when it is about a person. */
export function personSsinOf(payload: SyncPayload): string | null {
  return payload.type === 'dose' || payload.type === 'appointment' || payload.type === 'not-given' ? payload.person.ssin : null;
}

/** A short label for staff: name and SSIN, or what the record is when it is not about a person. */
export function personLabelOf(payload: SyncPayload): string {
  if (payload.type === 'dose' || payload.type === 'appointment' || payload.type === 'not-given') {
    const p = payload.person;
    return `${p.familyName.toUpperCase()} ${p.givenNames} (${p.ssin})`.trim();
  }
  if (payload.type === 'slot') return `slot ${payload.start} ${payload.productCode}`;
  return `capacity ${payload.start} ${payload.productCode}`;
}
