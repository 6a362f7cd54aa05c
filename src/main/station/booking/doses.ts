import type { Db } from '../../adapters/sqlite/database';
import { intervalOn } from '../rules/rules';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { DoseReaction, DoseRecordPayload } from '../../../domain/records';
import type { VaccineProduct } from '../../../domain/vaccines/products';
import { isLotUsable } from '../../../domain/vaccines/interval';
import { daysBetween, localDateOf } from '../../../domain/time/local-time';
import type { EligibilityRefusal } from '../../../domain/booking/eligibility';
import { productRefusal, refusalError } from './eligibility';
import type { SlotPreference } from '../../../domain/booking/slot-search';
import type { CardTokenContent } from '../../../domain/booking/card-token';
import { shortCodeOf } from '../../../domain/booking/short-code';
import { activeInvitation, eligibleProducts, ensureCitizen, findCitizen, personRef, type CitizenRow, type PersonDetails } from '../identity/citizens';
import { findProduct, getProduct } from '../products/products';
import { ensureLot, getLot, type LotRow } from '../vials/lots';
import { drawDose } from '../vials/vials';
import { bookNextDoseInTx, openAppointment, setAppointmentStatus, waitingRequest, type Actor, type NextDoseOutcome } from './appointments';
import { dosePayload, type AppointmentRow, type DoseRow } from './rows';
import { verifyCardToken } from './card-token';
import { isoSeconds, newId } from '../base/ids';
import { nextDoseWindow } from '../../../domain/vaccines/interval';
import { checkDoseDate } from '../../../domain/booking/dose-date';
import type { Language } from '../../../shared/i18n/languages';
import { backendCopyOf, detailsFromCopy } from './backend-copy';
import {
  cardImportedDoses,
  completedDoseOnDay,
  completedDosesOf,
  doseExists,
  findDose,
  hasCompletedDoseAfter,
  hasCompletedDoseNumber,
  insertCardDose,
  insertDoseCorrection,
  insertStationDose,
  markDoseEnteredInError,
  updateCorrectedDose,
  updateDoseReactions,
} from './dose-store';
import {
  appointmentExists,
  bookedAppointmentsAfter,
  cancelWaitingRequestForDose,
  noShowOfDay,
  cancelWaitingRequestsAfter,
  insertCardAppointment,
  latestActiveAppointmentAfter,
  latestRequestAfter,
} from './appointment-store';
import { slotEndAt } from '../capacity/calendar-store';

export interface Vaccinator {
  nihdi: string;
  name: string;
}

export interface AdministerInput {
  ssin: string;
  /** Details from check-in (chip, MRZ, typed) for a person this station does not know yet. */
  person?: PersonDetails | null;
  /** A lot already known (scanned with vials.scan or typed with vials.registerLot). */
  lotId: string;
  /** The punctured vial the dose is drawn from, when vials are tracked. */
  vialId?: string | null;
  /** The dose number staff expect (checked, never trusted). */
  expectedDoseNumber?: number | null;
  /** Defaults to now; an earlier instant re-keys a dose given during an outage on paper. */
  administeredAt?: string | null;
  vaccinator: Vaccinator;
  preference?: SlotPreference;
  /** A slot the citizen chose among booking.proposeSlots; otherwise the best one is taken. */
  slotId?: string | null;
  /** The appointment card's QR, on dose-2 day. */
  cardToken?: string | null;
  /** Language of a citizen created from the backend copy (the station's language). */
  language?: Language;
  /** Site, side, route or volume changed on the confirm step; the rest is the product's usual way. */
  administration?: Partial<DoseAdministration> | null;
  /** A dose written on paper and typed in afterwards (booking.rekey): who typed it in. */
  rekeyedBy?: { staffId: string; name: string } | null;
}

export interface DoseAdministration {
  site: string;
  side: 'left' | 'right';
  route: string;
  doseMl: number | null;
}

/** Left deltoid, intramuscular: for a product whose usual way is not configured. */
const USUAL: DoseAdministration = { site: '35259002', side: 'left', route: 'IM', doseMl: null };

/** What the vaccinator changed, over the product's usual way. */
export function administrationFor(product: VaccineProduct, changed: Partial<DoseAdministration> | null | undefined): DoseAdministration {
  return { ...USUAL, ...product.administration, ...changed };
}

export interface AdministerOutcome {
  citizen: CitizenRow;
  product: VaccineProduct;
  dose: DoseRow;
  /** The same person already had a dose today: nothing new was recorded. */
  alreadyRecorded: boolean;
  /** The earlier dose, taken from the card because this station did not know it. */
  importedFromCard: DoseRow | null;
  /** The appointment this dose fulfilled, if any. */
  fulfilled: AppointmentRow | null;
  next: NextDoseOutcome;
  courseComplete: boolean;
}

/** Staff read product names, not codes. */
const productNameOf = (db: Db, code: string): string => findProduct(db, code)?.name ?? code;

export function getDose(db: Db, id: string): DoseRow {
  const row = findDose(db, id);
  if (!row) throw new DoseDeskError('booking.unknown_dose', { dose: id });
  return row;
}

export function completedDoses(db: Db, ssin: string): DoseRow[] {
  return completedDosesOf(db, ssin);
}

function doseOnDay(db: Db, ssin: string, day: string): DoseRow | null {
  return completedDoseOnDay(db, ssin, day);
}

/** What follows an existing dose: its open appointment, its waiting request, or nothing. */
export function nextAfter(db: Db, dose: DoseRow, product: VaccineProduct): NextDoseOutcome {
  const interval = intervalOn(db, product.code, dose.local_date);
  if (!interval || dose.dose_number >= product.dosesInCourse) return { kind: 'none' };
  const window = nextDoseWindow(dose.administered_at, interval);
  const appointment = openAppointment(db, dose.ssin, dose.dose_number + 1) ?? latestActiveAppointmentAfter(db, dose.id);
  if (appointment) return { kind: 'booked', appointment, window };
  const request = waitingRequest(db, dose.ssin, dose.dose_number + 1);
  if (request) return { kind: 'to_be_booked', request, window };
  const any = latestRequestAfter(db, dose.id);
  return any ? { kind: 'to_be_booked', request: any, window } : { kind: 'none' };
}

/**
 * Takes the earlier dose and its appointment from a verified card into this station, as records
 * of origin `card`. They get NO outbox row: the station that recorded them has its own, and the
 * backend identifies them by their ids, so they arrive exactly once. Should that station's outbox
 * be lost, sync can still send them (`cardImportsToConfirm`).
 */
export function importFromCard(db: Db, actor: Actor, card: CardTokenContent, language: CitizenRow['language']): { dose: DoseRow | null; citizen: CitizenRow } {
  const p = card.person;
  const citizen = ensureCitizen(db, p.ssin, { familyName: p.familyName, givenNames: p.givenNames, birthDate: p.birthDate, sex: p.sex, language: p.language ?? language }, 'card', actor.now);
  const d = card.previousDose;
  let imported: DoseRow | null = null;
  const known = doseExists(db, d.id);
  const sameNumber = hasCompletedDoseNumber(db, p.ssin, d.doseNumber);
  if (!known && !sameNumber) {
    const product = getProduct(db, d.productCode);
    const lot = ensureLot(db, { productCode: product.code, gtin: d.gtin, lot: d.lot, expiry: d.expiry }, 'card', actor.now);
    const at = actor.now.toISOString();
    insertCardDose(db, {
      id: d.id,
      citizenId: citizen.id,
      ssin: p.ssin,
      doseNumber: d.doseNumber,
      productCode: product.code,
      gtin: d.gtin,
      lot: d.lot,
      expiry: d.expiry,
      lotId: lot.id,
      administeredAt: d.administeredAt,
      localDate: localDateOf(d.administeredAt),
      recordedAt: at,
      stationId: d.stationId,
      centreId: card.centreId,
      vaccinatorNihdi: d.vaccinatorNihdi,
      vaccinatorName: '',
    });
    imported = getDose(db, d.id);
  }
  const a = card.appointment;
  if (!appointmentExists(db, a.id) && !openAppointment(db, p.ssin, a.doseNumber)) {
    const at = actor.now.toISOString();
    insertCardAppointment(db, {
      id: a.id,
      citizenId: citizen.id,
      ssin: p.ssin,
      productCode: a.productCode,
      doseNumber: a.doseNumber,
      slotId: a.slotId,
      startAt: a.start,
      endAt: slotEndAt(db, a.slotId) ?? a.start,
      localDate: localDateOf(a.start),
      stationId: d.stationId,
      centreId: card.centreId,
      previousDoseId: d.id,
      shortCode: shortCodeOf(a.id),
      at,
    });
  }
  return { dose: imported, citizen };
}

function enqueueDose(db: Db, row: DoseRow, citizen: CitizenRow, product: VaccineProduct, correction: DoseRecordPayload['correction'], now: Date): void {
  enqueueOutbox(db, { kind: row.version === 1 ? 'dose' : 'dose-correction', recordId: row.id, personKey: row.ssin, payload: dosePayload(row, personRef(citizen), product, correction) }, now);
}

/**
 * Records a dose and books the next one, all in the caller's transaction: the right person, the
 * right dose number, the product of the earlier doses, an unexpired lot, the minimum interval,
 * the vial, the outbox row, the fulfilled appointment, the next appointment (or the "to be
 * booked" entry). A second call for the same person on the same local day returns the first dose.
 */
export function administerInTx(db: Db, actor: Actor, input: AdministerInput): AdministerOutcome {
  if (!db.inTransaction) throw new Error('administerInTx must run inside a transaction');
  const administeredAt = isoSeconds(input.administeredAt ?? actor.now);
  assertPlausibleDoseDate(administeredAt, actor.now, input.person?.birthDate ?? null);
  const day = localDateOf(administeredAt);

  let importedFromCard: DoseRow | null = null;
  if (input.cardToken) {
    const card = verifyCardToken(db, input.cardToken, actor.centreId);
    if (card.person.ssin !== input.ssin) throw new DoseDeskError('booking.card_person_mismatch');
    importedFromCard = importFromCard(db, actor, card, input.person?.language ?? card.person.language).dose;
  }

  // A person never seen here but on the backend's list (sync's copy) may be vaccinated while the
  // backend is down: the citizen is created from that copy, its eligibility is checked below.
  const copy = findCitizen(db, input.ssin) ? null : backendCopyOf(db, input.ssin, localDateOf(actor.now));
  const details = input.person ?? (copy ? detailsFromCopy(copy, localDateOf(actor.now), input.language ?? 'nl') : null);
  const citizen = ensureCitizen(db, input.ssin, details, input.person ? 'checkin' : 'sync', actor.now);
  // The stored birth date too (the person may have come from sync or an earlier visit); a refusal rolls back the transaction.
  assertPlausibleDoseDate(administeredAt, actor.now, citizen.birth_date);

  // Scanning the same person twice on a day never makes a second dose.
  const sameDay = doseOnDay(db, input.ssin, day);
  if (sameDay) {
    const product = getProduct(db, sameDay.product_code);
    return {
      citizen,
      product,
      dose: sameDay,
      alreadyRecorded: true,
      importedFromCard,
      fulfilled: null,
      next: nextAfter(db, sameDay, product),
      courseComplete: sameDay.dose_number >= product.dosesInCourse,
    };
  }

  const lot: LotRow = getLot(db, input.lotId);
  const product = getProduct(db, lot.product_code);
  if (!product.active) throw new DoseDeskError('products.inactive', { product: product.code });
  const previous = completedDoses(db, input.ssin);
  const last = previous[previous.length - 1] ?? null;
  if (!last) {
    const invitation = activeInvitation(db, citizen.id);
    const eligible = invitation ? eligibleProducts(invitation) : (copy?.eligibleProducts ?? []);
    if (eligible.length > 0 && !eligible.includes(product.code)) throw new DoseDeskError('booking.not_eligible_product', { product: product.name, eligible: eligible.map((c) => productNameOf(db, c)).join(', ') });
    // The backend expects a later dose: recording this as dose 1 would be wrong. The card brings the earlier one.
    if (copy?.expectedDoseNumber && copy.expectedDoseNumber > 1) throw new DoseDeskError('booking.earlier_dose_unknown', { dose: copy.expectedDoseNumber });
  }
  // The same decision as before the vial was opened: the rules in force on the day of the dose.
  const refusal = productRefusal(db, input.ssin, product.code, day);
  if (refusal?.reason === 'other_product' || refusal?.reason === 'course_complete') throw administerRefusal(db, refusal, product, input.ssin, last, day);
  // A dose dated before the previous one is not "too early" (that message would count negative days).
  if (last && day < last.local_date) throw new DoseDeskError('booking.administered_before_previous', { date: day, previous: localDateOf(last.administered_at) });
  if (refusal) throw administerRefusal(db, refusal, product, input.ssin, last, day);
  const doseNumber = (last?.dose_number ?? 0) + 1;
  if (input.expectedDoseNumber != null && input.expectedDoseNumber !== doseNumber) {
    throw new DoseDeskError('booking.dose_number_mismatch', { expected: input.expectedDoseNumber, actual: doseNumber });
  }
  if (!isLotUsable(lot.expiry, day)) throw new DoseDeskError('vials.lot_expired', { lot: lot.lot, expiry: lot.expiry });
  if (input.vialId) drawDose(db, input.vialId, product.code, lot.id, actor.now);

  const id = newId();
  const recordedAt = actor.now.toISOString();
  insertStationDose(db, {
    id,
    citizenId: citizen.id,
    ssin: citizen.ssin,
    doseNumber,
    productCode: product.code,
    gtin: lot.gtin,
    lot: lot.lot,
    expiry: lot.expiry,
    lotId: lot.id,
    vialId: input.vialId ?? null,
    administeredAt,
    localDate: day,
    recordedAt,
    stationId: actor.stationId,
    centreId: actor.centreId,
    vaccinatorNihdi: input.vaccinator.nihdi,
    vaccinatorName: input.vaccinator.name,
    administration: administrationFor(product, input.administration),
    rekeyedBy: input.rekeyedBy ?? null,
  });
  const dose = getDose(db, id);
  enqueueDose(db, dose, citizen, product, null, actor.now);

  const open = openAppointment(db, citizen.ssin, doseNumber);
  // A late arrival the same day is still served: the no-show is undone (a new version, synced again).
  const missed = open ? null : noShowOfDay(db, citizen.ssin, doseNumber, day);
  const fulfilled = open
    ? setAppointmentStatus(db, open, 'fulfilled', `dose ${id}`, actor)
    : missed
      ? setAppointmentStatus(db, missed, 'fulfilled', `late arrival, dose ${id}`, actor)
      : null;
  cancelWaitingRequestForDose(db, citizen.ssin, doseNumber, recordedAt);

  const next = bookNextDoseInTx(db, actor, {
    citizen,
    product,
    previous: { id, administeredAt, doseNumber },
    preference: input.preference ?? {},
    slotId: input.slotId ?? null,
  });
  return { citizen, product, dose, alreadyRecorded: false, importedFromCard, fulfilled, next, courseComplete: doseNumber >= product.dosesInCourse };
}

/** A refusal at the record, in the booking codes the record has always used; the rest as before the vial was opened. */
function administerRefusal(db: Db, refusal: EligibilityRefusal, product: VaccineProduct, ssin: string, last: DoseRow | null, day: string): DoseDeskError {
  switch (refusal.reason) {
    case 'other_product':
      return new DoseDeskError('booking.product_mismatch', { previous: productNameOf(db, refusal.previous), product: product.name });
    case 'course_complete':
      return new DoseDeskError('booking.course_complete', { ssin });
    case 'too_early':
      return new DoseDeskError('booking.too_early', { earliest: refusal.firstDay, days: last ? daysBetween(last.local_date, day) : 0, minimum: refusal.minimumDays });
    default:
      return refusalError(db, refusal, product.code);
  }
}

/** Refuses an injection time in the future, before vaccines existed, or before the person was born. */
function assertPlausibleDoseDate(administeredAt: string, now: Date, birthDate: string | null): void {
  const refusal = checkDoseDate({ at: administeredAt, now, birthDate });
  if (refusal) throw new DoseDeskError(refusal.code, refusal.params);
}

export interface CorrectionBy {
  nihdi: string;
  name: string;
  role: 'vaccinator' | 'supervisor';
}

function assertMayCorrect(row: DoseRow, by: CorrectionBy): void {
  if (row.status !== 'completed') throw new DoseDeskError('booking.dose_voided', { dose: row.id });
  if (row.origin !== 'station') throw new DoseDeskError('booking.correction_elsewhere', { station: row.station_id });
  if (by.role !== 'supervisor' && by.nihdi !== row.vaccinator_nihdi) throw new DoseDeskError('booking.correction_not_allowed');
}

function recordCorrection(db: Db, before: DoseRow, after: DoseRow, action: 'correct' | 'void', reason: string, by: CorrectionBy, now: Date): DoseRecordPayload['correction'] {
  insertDoseCorrection(db, {
    id: newId(),
    doseId: after.id,
    version: after.version,
    action,
    reason,
    byNihdi: by.nihdi,
    byName: by.name,
    byRole: by.role,
    at: now.toISOString(),
    before: JSON.stringify(before),
    after: JSON.stringify(after),
  });
  return { reason, at: now.toISOString(), by: `${by.name} (${by.nihdi})` };
}

/**
 * Corrects a recorded dose (wrong lot, wrong time, wrong vaccinator) by the vaccinator who
 * recorded it or a supervisor: version + 1, before/after kept, a new outbox row for the same id.
 */
export function correctDose(
  db: Db,
  actor: Actor,
  input: { doseId: string; lotId?: string | null; administeredAt?: string | null; vaccinator?: Vaccinator | null; reason: string; by: CorrectionBy },
): DoseRow {
  return db.transaction(() => {
    const before = getDose(db, input.doseId);
    assertMayCorrect(before, input.by);
    const lot = input.lotId ? getLot(db, input.lotId) : null;
    if (lot && lot.product_code !== before.product_code) throw new DoseDeskError('booking.correction_product');
    const administeredAt = input.administeredAt ? isoSeconds(input.administeredAt) : before.administered_at;
    if (input.administeredAt) assertPlausibleDoseDate(administeredAt, actor.now, findCitizen(db, before.ssin)?.birth_date ?? null);
    const day = localDateOf(administeredAt);
    if (day !== before.local_date && doseOnDay(db, before.ssin, day)) throw new DoseDeskError('booking.dose_conflict', { date: day });
    updateCorrectedDose(db, before.id, {
      lotId: lot?.id ?? before.lot_id,
      gtin: lot ? lot.gtin : before.gtin,
      lot: lot?.lot ?? before.lot,
      expiry: lot?.expiry ?? before.expiry,
      administeredAt,
      localDate: day,
      vaccinatorNihdi: input.vaccinator?.nihdi ?? before.vaccinator_nihdi,
      vaccinatorName: input.vaccinator?.name ?? before.vaccinator_name,
      updatedAt: actor.now.toISOString(),
    });
    const after = getDose(db, before.id);
    const correction = recordCorrection(db, before, after, 'correct', input.reason, input.by, actor.now);
    const citizen = findCitizen(db, after.ssin)!;
    enqueueDose(db, after, citizen, getProduct(db, after.product_code), correction, actor.now);
    return after;
  }).immediate();
}

/**
 * Voids a dose recorded in error (wrong person, never given): status entered-in-error, version +
 * 1, a new outbox row; the appointment booked from it is cancelled so its capacity is freed.
 * Refused when a later dose rests on it (void that one first).
 */
export function voidDose(db: Db, actor: Actor, input: { doseId: string; reason: string; by: CorrectionBy }): { dose: DoseRow; cancelledAppointments: AppointmentRow[] } {
  return db.transaction(() => {
    const before = getDose(db, input.doseId);
    assertMayCorrect(before, input.by);
    if (hasCompletedDoseAfter(db, before.ssin, before.dose_number)) throw new DoseDeskError('booking.void_later_dose');
    markDoseEnteredInError(db, before.id, actor.now.toISOString());
    const after = getDose(db, before.id);
    const correction = recordCorrection(db, before, after, 'void', input.reason, input.by, actor.now);
    const citizen = findCitizen(db, after.ssin)!;
    enqueueDose(db, after, citizen, getProduct(db, after.product_code), correction, actor.now);
    const booked = bookedAppointmentsAfter(db, before.id);
    const cancelledAppointments = booked.map((a) => setAppointmentStatus(db, a, 'cancelled', `dose voided: ${input.reason}`, actor));
    cancelWaitingRequestsAfter(db, before.id, actor.now.toISOString());
    return { dose: after, cancelledAppointments };
  }).immediate();
}

/**
 * Puts the reactions seen after a dose in its Immunization: a new version of the same record and a
 * new outbox row, sent like a correction (the backend's copy is updated, never duplicated). Call it
 * inside the transaction that records the reaction. Refused for a dose recorded elsewhere or voided.
 */
export function sendDoseReactions(db: Db, doseId: string, reactions: readonly DoseReaction[], now: Date): DoseRow {
  const before = getDose(db, doseId);
  if (before.status !== 'completed') throw new DoseDeskError('booking.dose_voided', { dose: before.id });
  if (before.origin !== 'station') throw new DoseDeskError('booking.correction_elsewhere', { station: before.station_id });
  updateDoseReactions(db, before.id, JSON.stringify(reactions), now.toISOString());
  const after = getDose(db, before.id);
  enqueueDose(db, after, findCitizen(db, after.ssin)!, getProduct(db, after.product_code), null, now);
  return after;
}

/** Doses imported from cards, for sync to confirm with the backend (and send if it lacks them). */
export function cardImportsToConfirm(db: Db): DoseRow[] {
  return cardImportedDoses(db);
}

/**
 * Sends a dose imported from a card as if recorded here (same id, so the backend creates it at
 * most once): for sync to call when the backend does not know it.
 */
export function enqueueCardImport(db: Db, doseId: string, now: Date): string {
  return db.transaction(() => {
    const row = getDose(db, doseId);
    if (row.origin !== 'card') throw new DoseDeskError('booking.unknown_dose', { dose: doseId });
    const citizen = findCitizen(db, row.ssin)!;
    return enqueueOutbox(db, { kind: 'dose', recordId: row.id, personKey: row.ssin, payload: dosePayload(row, personRef(citizen), getProduct(db, row.product_code), null) }, now);
  }).immediate();
}
