import type { Appointment, Extension, ImmunizationRecommendation, Medication, Schedule } from 'fhir/r4';
import {
  ATC_SYSTEM,
  CAPACITY_EXTENSION,
  CAPACITY_PER_SLOT_EXTENSION,
  CAPACITY_UNITS_EXTENSION,
  CENTRE_SYSTEM,
  DOSE_NUMBER_EXTENSION,
  DOSES_PER_VIAL_EXTENSION,
  INTERVAL_DAYS_EXTENSION,
  PRODUCT_SYSTEM,
  SERIES_DOSES_EXTENSION,
  SLOT_MINUTES_EXTENSION,
  SSIN_SYSTEM,
  STATION_SYSTEM,
} from './systems';
import { recordVersionOf, stationRecordIdOf } from './resource';

/**
 * What the station reads from the federal backend, reduced to the fields booking and check-in
 * use. The backend is the authority for these: the station keeps a copy for offline days.
 */

export interface ExpectedAppointment {
  remoteId: string;
  /** Station record UUID when a station of ours booked it, null when booked elsewhere. */
  recordId: string | null;
  recordVersion: number;
  ssin: string | null;
  centreId: string | null;
  stationId: string | null;
  productCode: string | null;
  doseNumber: number | null;
  start: string | null;
  end: string | null;
  status: string;
  /** The name the backend gives the patient (participant display), when it gives one. */
  personName?: string | null;
}

export interface EligibilityRow {
  ssin: string;
  vaccine: string;
  forecastStatus: string;
  doseNumber: number | null;
  /** YYYY-MM-DD or instant; null when the backend gives none. */
  dueFrom: string | null;
}

export interface CapacityAllocation {
  remoteId: string;
  recordId: string | null;
  centreId: string | null;
  /** null: for the centre as a whole. */
  stationId: string | null;
  productCode: string | null;
  start: string | null;
  end: string | null;
  doses: number | null;
  active: boolean;
  /** Server version and time of this copy: a new version is a new allocation. */
  versionId?: string | null;
  lastUpdated?: string | null;
  /** A session definition (both set): slot length in minutes and units per slot. */
  slotMinutes?: number | null;
  capacityPerSlot?: number | null;
  /** A station's share: unit numbers of every slot in the horizon, e.g. `0-3,8`. */
  units?: string | null;
}

export interface ProductConfiguration {
  productCode: string;
  name: string;
  atc: string | null;
  seriesDoses: number | null;
  intervalDays: number | null;
  dosesPerVial: number | null;
  active: boolean;
}

const intExt = (exts: Extension[] | undefined, url: string): number | null => {
  const e = exts?.find((x) => x.url === url);
  const v = e?.valueInteger ?? e?.valuePositiveInt ?? e?.valueUnsignedInt;
  return typeof v === 'number' ? v : null;
};

const productCodeOf = (concepts: { coding?: { system?: string; code?: string }[] }[] | undefined): string | null =>
  concepts?.flatMap((c) => c.coding ?? []).find((c) => c.system === PRODUCT_SYSTEM)?.code ?? null;

export function expectedAppointmentFromFhir(a: Appointment): ExpectedAppointment | null {
  if (!a.id) return null;
  const actor = (system: string) => a.participant.find((p) => p.actor?.identifier?.system === system)?.actor?.identifier?.value ?? null;
  const display = a.participant.find((p) => p.actor?.identifier?.system === SSIN_SYSTEM)?.actor?.display?.trim();
  return {
    remoteId: a.id,
    recordId: stationRecordIdOf(a),
    recordVersion: recordVersionOf(a),
    ssin: actor(SSIN_SYSTEM),
    centreId: actor(CENTRE_SYSTEM),
    stationId: actor(STATION_SYSTEM),
    productCode: productCodeOf(a.serviceType),
    doseNumber: intExt(a.extension, DOSE_NUMBER_EXTENSION),
    start: a.start ?? null,
    end: a.end ?? null,
    status: a.status,
    personName: display ? display : null,
  };
}

/** LOINC 30980-7 "Date vaccine due", 30981-5 "Earliest date to give". */
const DUE_CODES = ['30981-5', '30980-7'];

export function eligibilityFromFhir(r: ImmunizationRecommendation): EligibilityRow[] {
  const ssin = r.patient.identifier?.system === SSIN_SYSTEM ? r.patient.identifier.value : undefined;
  if (!ssin) return [];
  return r.recommendation.map((rec) => {
    const vaccine =
      productCodeOf(rec.vaccineCode) ??
      rec.vaccineCode?.[0]?.coding?.[0]?.code ??
      rec.vaccineCode?.[0]?.text ??
      rec.targetDisease?.coding?.[0]?.code ??
      rec.targetDisease?.text ??
      'unknown';
    const due = DUE_CODES.map((code) => rec.dateCriterion?.find((d) => d.code.coding?.some((c) => c.code === code))?.value).find(Boolean);
    return {
      ssin,
      vaccine,
      forecastStatus: rec.forecastStatus.coding?.[0]?.code ?? rec.forecastStatus.text ?? 'unknown',
      doseNumber: rec.doseNumberPositiveInt ?? null,
      dueFrom: due ?? null,
    };
  });
}

export function capacityFromFhir(s: Schedule): CapacityAllocation | null {
  if (!s.id) return null;
  const actor = (system: string) => s.actor.find((a) => a.identifier?.system === system)?.identifier?.value ?? null;
  return {
    remoteId: s.id,
    recordId: stationRecordIdOf(s),
    centreId: actor(CENTRE_SYSTEM),
    stationId: actor(STATION_SYSTEM),
    productCode: productCodeOf(s.serviceType),
    start: s.planningHorizon?.start ?? null,
    end: s.planningHorizon?.end ?? null,
    doses: intExt(s.extension, CAPACITY_EXTENSION),
    active: s.active ?? true,
    versionId: s.meta?.versionId ?? null,
    lastUpdated: s.meta?.lastUpdated ?? null,
    slotMinutes: intExt(s.extension, SLOT_MINUTES_EXTENSION),
    capacityPerSlot: intExt(s.extension, CAPACITY_PER_SLOT_EXTENSION),
    units: s.extension?.find((e) => e.url === CAPACITY_UNITS_EXTENSION)?.valueString ?? null,
  };
}

export function productFromFhir(m: Medication): ProductConfiguration | null {
  const codings = m.code?.coding ?? [];
  const productCode = codings.find((c) => c.system === PRODUCT_SYSTEM)?.code;
  if (!productCode) return null;
  return {
    productCode,
    name: m.code?.text ?? codings.find((c) => c.display)?.display ?? productCode,
    atc: codings.find((c) => c.system === ATC_SYSTEM)?.code ?? null,
    seriesDoses: intExt(m.extension, SERIES_DOSES_EXTENSION),
    intervalDays: intExt(m.extension, INTERVAL_DAYS_EXTENSION),
    dosesPerVial: intExt(m.extension, DOSES_PER_VIAL_EXTENSION),
    active: (m.status ?? 'active') === 'active',
  };
}
