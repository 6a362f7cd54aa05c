/**
 * The records a station sends to the federal backend, as stored in the outbox payload. Booking
 * writes them; sync maps them to FHIR. Every id is a station-generated UUID so that creation at
 * the backend is idempotent (`ifNoneExist` on the station identifier).
 */
export interface PersonRef {
  ssin: string;
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
}

/** What every vaccination record (a dose given or not given) says about who, where and which product. */
export interface VaccinationRecordHead {
  id: string;
  stationId: string;
  centreId: string;
  person: PersonRef;
  doseNumber: number;
  /** Catalogue code of the product, e.g. `comirnaty`. */
  productCode: string;
  productName: string;
  /** The product's CNK and ATC codes when the centre's product list gave them (absent otherwise). */
  productCnk?: string;
  productAtc?: string;
}

export interface DoseRecordPayload extends VaccinationRecordHead {
  type: 'dose';
  gtin: string | null;
  lot: string;
  /** YYYY-MM-DD */
  expiry: string;
  /** ISO instant of the injection. */
  administeredAt: string;
  /** ISO instant of recording at the station. */
  recordedAt: string;
  vaccinator: { nihdi: string; name: string };
  status: 'completed' | 'entered-in-error';
  /** Set when this payload corrects an earlier one (same id, new version). */
  correction: { reason: string; at: string; by: string } | null;
  version: number;
  /** Site (SNOMED CT), side, route code and volume in ml; absent in payloads queued before they were recorded. */
  administration?: { site: string; side: 'left' | 'right'; route: string; doseMl: number | null };
  /** Written on paper during a failure and typed in later by `by` (at recordedAt); absent for a dose recorded at the booth. */
  rekeyed?: { source: 'paper'; by: string };
  /** Reactions seen during the observation after the dose (voided ones left out); absent when none was ever recorded. */
  reactions?: DoseReaction[];
}

/** A reaction during the observation after a dose (BeVaccination `reaction`, "15-30 minutes"). */
export interface DoseReaction {
  id: string;
  /** ISO instant the reaction began. */
  at: string;
  /** SNOMED CT code from be-vs-reaction-manifestation-code, or null when only `text` says what it was. */
  manifestation: { code: string; display: string } | null;
  text: string;
  severity: 'mild' | 'moderate' | 'severe';
  action: string;
  note: string | null;
}

export interface AppointmentPayload {
  type: 'appointment';
  id: string;
  stationId: string;
  centreId: string;
  person: PersonRef;
  slotId: string;
  /** ISO instants */
  start: string;
  end: string;
  productCode: string;
  doseNumber: number;
  status: 'booked' | 'cancelled' | 'fulfilled' | 'noshow';
  createdAt: string;
  version: number;
}

/**
 * A person seen by the vaccinator and not vaccinated, with the reason (be-vs-vaccination-status-reason)
 * and the product the dose would have been: an Immunization with status `not-done`.
 */
export interface NotGivenPayload extends VaccinationRecordHead {
  type: 'not-given';
  reason: { system: string; code: string; display: string };
  note: string | null;
  /** ISO instant of the decision (the visit's end) and of its recording. */
  decidedAt: string;
  recordedAt: string;
  vaccinator: { nihdi: string; name: string };
  status: 'not-done' | 'entered-in-error';
  version: number;
}

export type OutboxPayload = DoseRecordPayload | AppointmentPayload | NotGivenPayload;
