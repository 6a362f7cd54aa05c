import type { Appointment, Schedule, Slot } from 'fhir/r4';
import type { AppointmentPayload } from '../records';
import type { CapacitySharePayload, SlotPayload } from './payloads';
import {
  CAPACITY_EXTENSION,
  CENTRE_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  PRODUCT_SYSTEM,
  RECORD_VERSION_EXTENSION,
  SSIN_SYSTEM,
  STATION_RECORD_SYSTEM,
  STATION_SYSTEM,
} from './systems';

/**
 * Appointment, Slot and Schedule are plain R4 (no Belgian profile exists). References between
 * them are logical (by the station identifier), so no entry depends on another being sent first.
 */

const productConcept = (code: string) => [{ coding: [{ system: PRODUCT_SYSTEM, code }] }];
const recordIdentifier = (id: string) => [{ system: STATION_RECORD_SYSTEM, value: id }];

export function appointmentToFhir(p: AppointmentPayload): Appointment {
  return {
    resourceType: 'Appointment',
    extension: [
      { url: DOSE_NUMBER_EXTENSION, valuePositiveInt: p.doseNumber },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: recordIdentifier(p.id),
    status: p.status,
    serviceType: productConcept(p.productCode),
    start: p.start,
    end: p.end,
    created: p.createdAt,
    slot: [{ type: 'Slot', identifier: { system: STATION_RECORD_SYSTEM, value: p.slotId } }],
    participant: [
      { actor: { type: 'Patient', identifier: { system: SSIN_SYSTEM, value: p.person.ssin } }, required: 'required', status: 'accepted' },
      { actor: { type: 'Location', identifier: { system: CENTRE_SYSTEM, value: p.centreId } }, required: 'required', status: 'accepted' },
      { actor: { type: 'Device', identifier: { system: STATION_SYSTEM, value: p.stationId } }, required: 'information-only', status: 'accepted' },
    ],
  };
}

export function slotToFhir(p: SlotPayload): Slot {
  return {
    resourceType: 'Slot',
    extension: [{ url: RECORD_VERSION_EXTENSION, valueInteger: p.version }],
    identifier: recordIdentifier(p.id),
    serviceType: productConcept(p.productCode),
    schedule: { type: 'Schedule', identifier: { system: STATION_RECORD_SYSTEM, value: p.capacityId } },
    status: p.status,
    start: p.start,
    end: p.end,
  };
}

/** A capacity share is a Schedule of the centre (and station); voided shares become inactive. */
export function capacityToSchedule(p: CapacitySharePayload): Schedule {
  return {
    resourceType: 'Schedule',
    extension: [
      { url: CAPACITY_EXTENSION, valueUnsignedInt: p.doses },
      { url: RECORD_VERSION_EXTENSION, valueInteger: p.version },
    ],
    identifier: recordIdentifier(p.id),
    active: p.status === 'active',
    serviceType: productConcept(p.productCode),
    actor: [
      { type: 'Location', identifier: { system: CENTRE_SYSTEM, value: p.centreId } },
      ...(p.stationId ? [{ type: 'Device', identifier: { system: STATION_SYSTEM, value: p.stationId } }] : []),
    ],
    planningHorizon: { start: p.start, end: p.end },
  };
}
