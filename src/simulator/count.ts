import Database from 'better-sqlite3';
import { openDatabase } from '../main/adapters/sqlite/database';
import {
  appointmentExistsLookup,
  bookedAppointments,
  doseExistsLookup,
  recordedDoses,
  slotCapacities,
  waitingBookingRequestCount,
} from '../main/station/booking/station-count-queries';
import { notDoneRecords } from '../main/station/booking/not-given-store';
import { queueFigures } from '../main/station/sync/outbox-store';
import { cardFigures } from '../main/station/printing/print-job-store';
import { duplicateIdentifiers, identifiersAtBackend, immunizationsWithReaction, resourceCount } from '../federal-sim/count-queries';
import { immunizationsWithDoseNumberAbove } from '../federal-sim/count-queries';
import { DOSE_NUMBER_EXTENSION } from '../domain/fhir/systems';
import { STATION_RECORD_SYSTEM } from '../domain/fhir/systems';

/**
 * The day's figures, counted from the stores themselves after every process stopped: each
 * station's SQLite (read-only), the stand-in's SQLite, and what the virtual printers received.
 * What the simulator saw acknowledged is only used to look for records that went missing.
 */
export interface StationStore {
  stationId: string;
  dbFile: string;
  key: string | null;
}

export interface Acknowledged {
  doses: Set<string>;
  appointments: Set<string>;
  /** "Not vaccinated" records the screening wrote (screening.record's answer). */
  notGiven?: Set<string>;
}

export interface StoreCounts {
  dosesRecorded: number;
  appointmentsBooked: number;
  /** People whose dose 2 could not be booked (no capacity): they are told they will be contacted. */
  toBeBooked: number;
  slipsPrinted: number;
  cardJobsPrinted: number;
  cardCopies: number;
  /** Original cards that neither printed nor were settled by staff. */
  cardsNotPrinted: number;
  overbookedSlots: number;
  /** The same unit of a slot booked by two stations (the escrow must make this impossible). */
  unitsBookedTwice: number;
  /** One person with two doses recorded (on one station or across stations). */
  duplicateDoses: number;
  /** People of the day with neither a completed dose nor a "not vaccinated" record in any station's database. */
  citizensWithoutDose: number;
  /** People recorded as not vaccinated (not-done), over every station's database. */
  notVaccinatedRecorded: number;
  /** Doses recorded past a two-dose course (the simulator's boosters), in the stations' own records. */
  boostersRecorded: number;
  /** Acknowledged "not vaccinated" records with no not-done Immunization at the backend: must be 0. */
  notVaccinatedMissingAtBackend: number;
  lostRecords: number;
  duplicateRecordsAtBackend: number;
  outboxNotSynced: number;
  outboxNeedsReview: number;
  recordsMissingAtBackend: number;
  unsyncedRecords: number;
  /** `reactions`: Immunizations at the backend that carry a reaction. */
  backend: { immunizations: number; appointments: number; reactions: number; boosters?: number };
  perStation: Record<string, { doses: number; appointments: number; slips: number; outboxRows: number }>;
}

export function countStores(input: {
  stations: readonly StationStore[];
  backendDbFile: string;
  acknowledged: ReadonlyMap<string, Acknowledged>;
  slips: ReadonlyMap<string, number>;
  /** Everyone who came today. */
  expectedSsins: readonly string[];
}): StoreCounts {
  const backend = new Database(input.backendDbFile, { readonly: true, fileMustExist: true });
  const atBackend = (type: string) => identifiersAtBackend(backend, type, STATION_RECORD_SYSTEM);
  const immunizationIds = atBackend('Immunization');
  const appointmentIds = atBackend('Appointment');
  const duplicateRecordsAtBackend = duplicateIdentifiers(backend);
  const backendCounts = {
    immunizations: resourceCount(backend, 'Immunization'),
    appointments: resourceCount(backend, 'Appointment'),
    reactions: immunizationsWithReaction(backend),
    // The simulated products are two-dose courses: a dose number above 2 is a booster.
    boosters: immunizationsWithDoseNumberAbove(backend, DOSE_NUMBER_EXTENSION, 2),
  };
  backend.close();

  const counts: StoreCounts = {
    dosesRecorded: 0,
    appointmentsBooked: 0,
    toBeBooked: 0,
    slipsPrinted: [...input.slips.values()].reduce((a, b) => a + b, 0),
    cardJobsPrinted: 0,
    cardCopies: 0,
    cardsNotPrinted: 0,
    overbookedSlots: 0,
    unitsBookedTwice: 0,
    duplicateDoses: 0,
    citizensWithoutDose: 0,
    notVaccinatedRecorded: 0,
    boostersRecorded: 0,
    notVaccinatedMissingAtBackend: 0,
    lostRecords: 0,
    duplicateRecordsAtBackend,
    outboxNotSynced: 0,
    outboxNeedsReview: 0,
    recordsMissingAtBackend: 0,
    unsyncedRecords: 0,
    backend: backendCounts,
    perStation: {},
  };
  const capacity = new Map<string, number>();
  const activeBySlot = new Map<string, number>();
  const activeByUnit = new Map<string, number>();
  const dosesBySsin = new Map<string, number>();
  const notVaccinatedSsins = new Set<string>();

  for (const s of input.stations) {
    const db = openDatabase(s.dbFile, { readonly: true, ...(s.key ? { key: s.key } : {}) });
    try {
      const doses = recordedDoses(db);
      const appointments = bookedAppointments(db);
      const booked = appointments.filter((a) => a.status === 'booked');
      counts.dosesRecorded += doses.length;
      counts.boostersRecorded += doses.filter((d) => d.dose_number > 2).length;
      counts.appointmentsBooked += booked.length;
      counts.toBeBooked += waitingBookingRequestCount(db);
      for (const d of doses) dosesBySsin.set(d.ssin, (dosesBySsin.get(d.ssin) ?? 0) + 1);
      const notDone = notDoneRecords(db);
      counts.notVaccinatedRecorded += notDone.length;
      for (const r of notDone) notVaccinatedSsins.add(r.ssin);
      for (const a of appointments) {
        if (a.status === 'cancelled') continue;
        activeBySlot.set(a.slot_id, (activeBySlot.get(a.slot_id) ?? 0) + 1);
        if (a.unit !== null) activeByUnit.set(`${a.slot_id}#${a.unit}`, (activeByUnit.get(`${a.slot_id}#${a.unit}`) ?? 0) + 1);
      }
      for (const r of slotCapacities(db)) {
        capacity.set(r.id, Math.max(capacity.get(r.id) ?? 0, r.capacity));
      }

      // Acknowledged by this station's API, so it must be in this station's database.
      const ack = input.acknowledged.get(s.stationId);
      if (ack) {
        const hasDose = doseExistsLookup(db);
        const hasAppointment = appointmentExistsLookup(db);
        for (const id of ack.doses) if (!hasDose(id)) counts.lostRecords++;
        for (const id of ack.appointments) if (!hasAppointment(id)) counts.lostRecords++;
        const recordedNotDone = new Set(notDone.map((r) => r.id));
        for (const id of ack.notGiven ?? []) {
          if (!recordedNotDone.has(id)) counts.lostRecords++;
          if (!immunizationIds.has(id)) counts.notVaccinatedMissingAtBackend++;
        }
      }

      const queue = queueFigures(db);
      counts.outboxNotSynced += queue.notSynced;
      counts.outboxNeedsReview += queue.needsReview;
      for (const d of doses) if (!immunizationIds.has(d.id)) counts.recordsMissingAtBackend++;
      for (const a of appointments) if (!appointmentIds.has(a.id)) counts.recordsMissingAtBackend++;

      const cards = cardFigures(db);
      counts.cardJobsPrinted += cards.printed;
      counts.cardCopies += cards.copies;
      counts.cardsNotPrinted += cards.notPrinted;
      counts.perStation[s.stationId] = {
        doses: doses.length,
        appointments: booked.length,
        slips: input.slips.get(s.stationId) ?? 0,
        outboxRows: queue.rows,
      };
    } finally {
      db.close();
    }
  }

  for (const [slotId, n] of activeBySlot) if (n > (capacity.get(slotId) ?? 0)) counts.overbookedSlots++;
  for (const n of activeByUnit.values()) if (n > 1) counts.unitsBookedTwice++;
  for (const n of dosesBySsin.values()) if (n > 1) counts.duplicateDoses++;
  // A person the screening sent home without a dose (refusal, contraindication, postponement) is
  // recorded as not vaccinated: not a lost dose. Only someone with neither record counts here.
  counts.citizensWithoutDose = input.expectedSsins.filter((ssin) => !dosesBySsin.has(ssin) && !notVaccinatedSsins.has(ssin)).length;
  counts.unsyncedRecords = counts.outboxNotSynced + counts.recordsMissingAtBackend;
  return counts;
}
