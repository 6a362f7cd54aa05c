/**
 * Identifier systems, profiles and extension URLs the station speaks to the federal backend.
 * Belgian ones come from the eHealth FHIR guides (hl7.fhir.be.core, hl7.fhir.be.vaccination);
 * the `urn:dosedesk:` ones are the station's own and name station-generated identifiers.
 */
export const SSIN_SYSTEM = 'https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/ssin';
export const NIHDI_PROFESSIONAL_SYSTEM = 'https://www.ehealth.fgov.be/standards/fhir/core/NamingSystem/nihdi-professional';

export const BE_VACCINATION_PROFILE = 'https://www.ehealth.fgov.be/standards/fhir/vaccination/StructureDefinition/be-vaccination';
export const BE_EXT_ADMINISTERED_PRODUCT = 'https://www.ehealth.fgov.be/standards/fhir/vaccination/StructureDefinition/be-ext-administeredProduct';
export const BE_EXT_RECORDER = 'https://www.ehealth.fgov.be/standards/fhir/core/StructureDefinition/be-ext-recorder';

export const SNOMED_SYSTEM = 'http://snomed.info/sct';
/** SNOMED CT 28531000087107 "COVID-19 vaccine", the code the Belgian COVID examples use. */
export const SNOMED_COVID19_VACCINE = '28531000087107';
export const ATC_SYSTEM = 'http://whocc.no/atc';
/** CNK, the Belgian pharmacy product code: one of the product systems rule be-rule-vaccination-2 of BeVaccination accepts. */
export const CNK_SYSTEM = 'https://www.ehealth.fgov.be/standards/fhir/medication/NamingSystem/be-ns-cnk-codes';
export const GTIN_SYSTEM = 'https://www.gs1.org/gtin';

/** Every record the station creates carries this identifier: value = the record's UUID. */
export const STATION_RECORD_SYSTEM = 'urn:dosedesk:record';
/** meta.tag of a dose written on paper during a failure and typed in later (`recorded` is then the time of re-keying). */
export const RECORD_SOURCE_SYSTEM = 'urn:dosedesk:record-source';
export const PAPER_REKEYED_CODE = 'paper-rekeyed';
/** The station's own version counter of a record, so corrections can be checked for order. */
export const RECORD_VERSION_EXTENSION = 'urn:dosedesk:fhir:record-version';
/** Product code of the station's vaccine catalogue (e.g. `comirnaty`). */
export const PRODUCT_SYSTEM = 'urn:dosedesk:product';
/**
 * The station's catalogue code of the product (valueCoding in PRODUCT_SYSTEM), always sent: the
 * `coded` product of be-ext-administeredProduct is left out when no CNK or ATC is known.
 */
export const PRODUCT_EXTENSION = 'urn:dosedesk:fhir:product';
/** Vaccination centre (Settings.centreId); to be replaced by the centre's NIHDI number system. */
export const CENTRE_SYSTEM = 'urn:dosedesk:centre';
/** A station of a centre (Settings.stationId), as a Device. */
export const STATION_SYSTEM = 'urn:dosedesk:station';
/** Dose number within the series; BeVaccination forbids protocolApplied, so it travels here. */
export const DOSE_NUMBER_EXTENSION = 'urn:dosedesk:fhir:dose-number';
/** Number of doses a capacity share (Schedule) allows. */
export const CAPACITY_EXTENSION = 'urn:dosedesk:fhir:capacity';
/** Product configuration carried on Medication: doses in the series, days to the next dose. */
export const SERIES_DOSES_EXTENSION = 'urn:dosedesk:fhir:series-doses';
export const INTERVAL_DAYS_EXTENSION = 'urn:dosedesk:fhir:interval-days';
export const DOSES_PER_VIAL_EXTENSION = 'urn:dosedesk:fhir:doses-per-vial';

/** Session definition carried by a centre Schedule (backend allocation): slot length and units per slot. */
export const SLOT_MINUTES_EXTENSION = 'urn:dosedesk:fhir:slot-minutes';
export const CAPACITY_PER_SLOT_EXTENSION = 'urn:dosedesk:fhir:capacity-per-slot';
/** A station's share in a backend allocation: unit numbers of every slot it covers, e.g. `0-3,8`. */
export const CAPACITY_UNITS_EXTENSION = 'urn:dosedesk:fhir:capacity-units';

/**
 * Capacity between the stations of a centre (centre-sync): each station's Schedule, its per-day
 * views of free units, the unit Slots that move between stations and the transfer Tasks. The
 * centre id is part of the system so that one search by system finds the whole centre.
 */
export const stationScheduleSystem = (centreId: string) => `urn:dosedesk:station-schedule:${centreId}`;
export const capacityViewSystem = (centreId: string) => `urn:dosedesk:capacity-view:${centreId}`;
export const capacityUnitSystem = (centreId: string) => `urn:dosedesk:capacity-unit:${centreId}`;
export const transferTaskSystem = (centreId: string) => `urn:dosedesk:capacity-task:${centreId}`;
/** A station as a Device of its centre (Task owner and requester). */
export const centreStationSystem = (centreId: string) => `urn:dosedesk:station:${centreId}`;
/** When a station last showed it is connected (station Schedule) or published a view. */
export const ALIVE_AT_EXTENSION = 'urn:dosedesk:fhir:alive-at';
/** One slot of a capacity view: `slot`, `start`, `free` (unit numbers). */
export const FREE_UNITS_EXTENSION = 'urn:dosedesk:fhir:free-units';
/** How many times a unit changed owner; a station accepts only a newer epoch. */
export const UNIT_EPOCH_EXTENSION = 'urn:dosedesk:fhir:unit-epoch';
/** The move that put a unit Slot where it is: `id`, `kind` (release|reclaim), `from`, `to`, `at`, `task`. */
export const UNIT_TRANSFER_EXTENSION = 'urn:dosedesk:fhir:unit-transfer';
export const TASK_CODE_SYSTEM = 'urn:dosedesk:task';
export const CAPACITY_TRANSFER_CODE = 'capacity-transfer';

/** ATC codes of COVID-19 vaccines: J07BN since 2022, J07BX03 before. */
export function isCovidVaccineAtc(atc: string): boolean {
  return atc.startsWith('J07BN') || atc === 'J07BX03';
}

/** ATC codes of the 2021 COVID-19 products (J07BN since 2022; older systems used J07BX03). */
export const PRODUCT_ATC: Readonly<Record<string, string>> = {
  comirnaty: 'J07BN01',
  spikevax: 'J07BN01',
  vaxzevria: 'J07BN02',
  janssen: 'J07BN02',
};

/** `system|value`, the token form used in search parameters and ifNoneExist. */
export function token(system: string, value: string): string {
  return `${system}|${value}`;
}

/** ifNoneExist / conditional URL query matching a station record identifier. */
export function recordIdentifierQuery(recordId: string): string {
  return `identifier=${encodeURIComponent(token(STATION_RECORD_SYSTEM, recordId))}`;
}

/** An invitation letter (Task, code `invitation` in TASK_CODE_SYSTEM): its code is the Task's identifier here. */
export const INVITATION_CODE = 'invitation';
export const INVITATION_CODE_SYSTEM = 'urn:dosedesk:invitation-code';
/** Task.input type of an invitation's eligible product (valueCodeableConcept in PRODUCT_SYSTEM). */
export const TASK_INPUT_SYSTEM = 'urn:dosedesk:task-input';
