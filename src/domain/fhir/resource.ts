import type { Appointment, Immunization, Resource, Schedule, Slot } from 'fhir/r4';
import { appointmentToFhir, capacityToSchedule, slotToFhir } from './appointment';
import { administeredProductOf, doseToImmunization, notGivenToImmunization, partiesOf } from './immunization';
import { RESOURCE_TYPE_OF, type SyncPayload } from './payloads';
import { CAPACITY_EXTENSION, RECORD_VERSION_EXTENSION, SSIN_SYSTEM, STATION_RECORD_SYSTEM } from './systems';

export type SyncResource = Immunization | Appointment | Slot | Schedule;
export type SyncResourceType = SyncResource['resourceType'];

/** The one mapping record -> FHIR resource the worker uses. */
export function toFhirResource(payload: SyncPayload): SyncResource {
  switch (payload.type) {
    case 'dose':
      return doseToImmunization(payload);
    case 'not-given':
      return notGivenToImmunization(payload);
    case 'appointment':
      return appointmentToFhir(payload);
    case 'slot':
      return slotToFhir(payload);
    case 'capacity':
      return capacityToSchedule(payload);
  }
}

export function resourceTypeOf(payload: SyncPayload): SyncResourceType {
  return RESOURCE_TYPE_OF[payload.type];
}

type WithIdentifiers = Resource & { identifier?: { system?: string; value?: string }[]; extension?: { url: string; valueInteger?: number }[] };

/** The station record UUID carried by a resource, or null when someone else created it. */
export function stationRecordIdOf(resource: Resource): string | null {
  const ids = (resource as WithIdentifiers).identifier ?? [];
  return ids.find((i) => i.system === STATION_RECORD_SYSTEM)?.value ?? null;
}

/** The station's record version stored on a resource (0 when absent). */
export function recordVersionOf(resource: Resource): number {
  const ext = (resource as WithIdentifiers).extension?.find((e) => e.url === RECORD_VERSION_EXTENSION);
  return typeof ext?.valueInteger === 'number' ? ext.valueInteger : 0;
}

/** SSIN of the person a resource is about (Immunization.patient or the Patient participant). */
export function patientSsinOf(resource: Resource): string | null {
  if (resource.resourceType === 'Immunization') {
    const id = (resource as Immunization).patient.identifier;
    return id?.system === SSIN_SYSTEM ? (id.value ?? null) : null;
  }
  if (resource.resourceType === 'Appointment') {
    for (const p of (resource as Appointment).participant) {
      if (p.actor?.identifier?.system === SSIN_SYSTEM) return p.actor.identifier.value ?? null;
    }
  }
  return null;
}

/** Instants compared by the moment they name, so `...00Z` and `...00.000+00:00` agree. */
function instant(value: string | undefined | null): string | null {
  if (!value) return null;
  if (!/T/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

const byIdentifier = (ref: { identifier?: { system?: string; value?: string } } | undefined) =>
  ref?.identifier ? `${ref.identifier.system ?? ''}|${ref.identifier.value ?? ''}` : '';

/**
 * What a person would call "the same record": the fields that carry meaning, not the server's
 * bookkeeping (id, meta, narrative) nor field order. Used to tell whether the backend's copy is
 * the one the station last sent, so a backend change is never overwritten silently.
 */
export function semanticFingerprint(resource: Resource): string {
  switch (resource.resourceType) {
    case 'Immunization': {
      const r = resource as Immunization;
      const product = administeredProductOf(r);
      return JSON.stringify([
        'Immunization',
        r.status,
        instant(r.occurrenceDateTime) ?? r.occurrenceString ?? null,
        byIdentifier(r.patient),
        product.productCode ?? null,
        product.lot ?? null,
        product.expiry ?? null,
        partiesOf(r),
      ]);
    }
    case 'Appointment': {
      const r = resource as Appointment;
      return JSON.stringify([
        'Appointment',
        r.status,
        instant(r.start),
        instant(r.end),
        (r.slot ?? []).map(byIdentifier).sort(),
        r.participant.map((p) => byIdentifier(p.actor)).sort(),
      ]);
    }
    case 'Slot': {
      const r = resource as Slot;
      return JSON.stringify(['Slot', r.status, instant(r.start), instant(r.end), byIdentifier(r.schedule)]);
    }
    case 'Schedule': {
      const r = resource as Schedule;
      const capacity = r.extension?.find((e) => e.url === CAPACITY_EXTENSION)?.valueUnsignedInt ?? null;
      return JSON.stringify([
        'Schedule',
        r.active ?? true,
        instant(r.planningHorizon?.start),
        instant(r.planningHorizon?.end),
        capacity,
        r.actor.map(byIdentifier).sort(),
      ]);
    }
    default:
      return JSON.stringify([resource.resourceType, resource.id ?? null]);
  }
}

/** True when two resources say the same thing (see semanticFingerprint). */
export function sameMeaning(a: Resource, b: Resource): boolean {
  return semanticFingerprint(a) === semanticFingerprint(b);
}
