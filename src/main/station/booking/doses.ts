import type { Db } from '../../adapters/sqlite/database';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { DoseRecordPayload } from '../../../domain/records';
import type { VaccineProduct } from '../../../domain/vaccines/products';
import { checkMinimumInterval, isLotUsable } from '../../../domain/vaccines/interval';
import { localDateOf } from '../../../domain/time/local-time';
import type { SlotPreference } from '../../../domain/booking/slot-search';
import type { CardTokenContent } from '../../../domain/booking/card-token';
import { shortCodeOf } from '../../../domain/booking/short-code';
import { activeInvitation, eligibleProducts, ensureCitizen, findCitizen, personRef, type CitizenRow, type PersonDetails } from './citizens';
import { getProduct } from './products';
import { ensureLot, getLot, type LotRow } from './lots';
import { drawDose } from './vials';
import { bookNextDoseInTx, openAppointment, setAppointmentStatus, waitingRequest, type Actor, type BookingRequestRow, type NextDoseOutcome } from './appointments';
import { dosePayload, type AppointmentRow, type DoseRow } from './rows';
import { verifyCardToken } from './card-token';
import { isoSeconds, newId } from './ids';
import { nextDoseWindow } from '../../../domain/vaccines/interval';
import { checkDoseDate } from '../../../domain/booking/dose-date';
import type { Language } from '../../../shared/i18n/languages';
import { backendCopyOf, detailsFromCopy } from './backend-copy';

export interface Vaccinator {
  nihdi: string;
  name: string;
}

export interface AdministerInput {
  ssin: string;
  /** Details from check-in (chip, MRZ, typed) for a person this station does not know yet. */
  person?: PersonDetails | null;
  /** A lot already known (scanned with booking.scanVial or typed with booking.registerLot). */
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

export function getDose(db: Db, id: string): DoseRow {
  const row = db.prepare('SELECT * FROM dose_records WHERE id = ?').get(id) as DoseRow | undefined;
  if (!row) throw new DoseDeskError('booking.unknown_dose', { dose: id });
  return row;
}

export function completedDoses(db: Db, ssin: string): DoseRow[] {
  return db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND status = 'completed' ORDER BY dose_number`).all(ssin) as DoseRow[];
}

function doseOnDay(db: Db, ssin: string, day: string): DoseRow | null {
  return (db.prepare(`SELECT * FROM dose_records WHERE ssin = ? AND local_date = ? AND status = 'completed'`).get(ssin, day) as DoseRow | undefined) ?? null;
}

/** What follows an existing dose: its open appointment, its waiting request, or nothing. */
export function nextAfter(db: Db, dose: DoseRow, product: VaccineProduct): NextDoseOutcome {
  if (!product.interval || dose.dose_number >= product.dosesInCourse) return { kind: 'none' };
  const window = nextDoseWindow(dose.administered_at, product.interval);
  const appointment =
    openAppointment(db, dose.ssin, dose.dose_number + 1) ??
    ((db.prepare(`SELECT * FROM appointments WHERE previous_dose_id = ? AND status != 'cancelled' ORDER BY version DESC LIMIT 1`).get(dose.id) as AppointmentRow | undefined) ?? null);
  if (appointment) return { kind: 'booked', appointment, window };
  const request = waitingRequest(db, dose.ssin, dose.dose_number + 1);
  if (request) return { kind: 'to_be_booked', request, window };
  const any = db.prepare(`SELECT * FROM booking_requests WHERE previous_dose_id = ? ORDER BY created_at DESC LIMIT 1`).get(dose.id) as BookingRequestRow | undefined;
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
  const known = db.prepare('SELECT id FROM dose_records WHERE id = ?').get(d.id);
  const sameNumber = db.prepare(`SELECT id FROM dose_records WHERE ssin = ? AND dose_number = ? AND status = 'completed'`).get(p.ssin, d.doseNumber);
  if (!known && !sameNumber) {
    const product = getProduct(db, d.productCode);
    const lot = ensureLot(db, { productCode: product.code, gtin: d.gtin, lot: d.lot, expiry: d.expiry }, 'card', actor.now);
    const at = actor.now.toISOString();
    db.prepare(
      `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'card', 'completed', 1, ?)`,
    ).run(d.id, citizen.id, p.ssin, d.doseNumber, product.code, d.gtin, d.lot, d.expiry, lot.id, d.administeredAt, localDateOf(d.administeredAt), at, d.stationId, card.centreId, d.vaccinatorNihdi, '', at);
    imported = getDose(db, d.id);
  }
  const a = card.appointment;
  const appointmentKnown = db.prepare('SELECT id FROM appointments WHERE id = ?').get(a.id);
  if (!appointmentKnown && !openAppointment(db, p.ssin, a.doseNumber)) {
    const slot = db.prepare('SELECT end_at FROM slots WHERE id = ?').get(a.slotId) as { end_at: string } | undefined;
    const at = actor.now.toISOString();
    db.prepare(
      `INSERT INTO appointments (id, citizen_id, ssin, product_code, dose_number, slot_id, unit, start_at, end_at, local_date, status, station_id, centre_id, previous_dose_id, short_code, preference, origin, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'booked', ?, ?, ?, ?, '{}', 'card', 1, ?, ?)`,
    ).run(a.id, citizen.id, p.ssin, a.productCode, a.doseNumber, a.slotId, a.start, slot?.end_at ?? a.start, localDateOf(a.start), d.stationId, card.centreId, d.id, shortCodeOf(a.id), at, at);
  }
  return { dose: imported, citizen };
}

function enqueueDose(db: Db, row: DoseRow, citizen: CitizenRow, productName: string, correction: DoseRecordPayload['correction'], now: Date): void {
  enqueueOutbox(db, { kind: row.version === 1 ? 'dose' : 'dose-correction', recordId: row.id, personKey: row.ssin, payload: dosePayload(row, personRef(citizen), productName, correction) }, now);
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
  if (!product.active) throw new DoseDeskError('booking.product_inactive', { product: product.code });
  const previous = completedDoses(db, input.ssin);
  const last = previous[previous.length - 1] ?? null;
  if (last) {
    if (last.product_code !== product.code) throw new DoseDeskError('booking.product_mismatch', { previous: last.product_code, product: product.code });
    if (previous.length >= product.dosesInCourse) throw new DoseDeskError('booking.course_complete', { ssin: input.ssin });
  } else {
    const invitation = activeInvitation(db, citizen.id);
    const eligible = invitation ? eligibleProducts(invitation) : (copy?.eligibleProducts ?? []);
    if (eligible.length > 0 && !eligible.includes(product.code)) throw new DoseDeskError('booking.not_eligible_product', { product: product.code, eligible: eligible.join(', ') });
    // The backend expects a later dose: recording this as dose 1 would be wrong. The card brings the earlier one.
    if (copy?.expectedDoseNumber && copy.expectedDoseNumber > 1) throw new DoseDeskError('booking.earlier_dose_unknown', { dose: copy.expectedDoseNumber });
  }
  const doseNumber = (last?.dose_number ?? 0) + 1;
  if (input.expectedDoseNumber != null && input.expectedDoseNumber !== doseNumber) {
    throw new DoseDeskError('booking.dose_number_mismatch', { expected: input.expectedDoseNumber, actual: doseNumber });
  }
  if (!isLotUsable(lot.expiry, day)) throw new DoseDeskError('booking.lot_expired', { lot: lot.lot, expiry: lot.expiry });
  if (last && product.interval) {
    const check = checkMinimumInterval(last.administered_at, day, product.interval);
    // A dose dated before the previous one is not "too early" (that message would count negative days).
    if (check.daysSince < 0) throw new DoseDeskError('booking.administered_before_previous', { date: day, previous: localDateOf(last.administered_at) });
    if (!check.ok) throw new DoseDeskError('booking.too_early', { earliest: check.earliestDate, days: check.daysSince, minimum: product.interval.minDays });
  }
  if (input.vialId) drawDose(db, input.vialId, product.code, lot.id, actor.now);

  const id = newId();
  const recordedAt = actor.now.toISOString();
  db.prepare(
    `INSERT INTO dose_records (id, citizen_id, ssin, dose_number, product_code, gtin, lot, expiry, lot_id, vial_id, administered_at, local_date, recorded_at, station_id, centre_id, vaccinator_nihdi, vaccinator_name, origin, status, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'station', 'completed', 1, ?)`,
  ).run(id, citizen.id, citizen.ssin, doseNumber, product.code, lot.gtin, lot.lot, lot.expiry, lot.id, input.vialId ?? null, administeredAt, day, recordedAt, actor.stationId, actor.centreId, input.vaccinator.nihdi, input.vaccinator.name, recordedAt);
  const dose = getDose(db, id);
  enqueueDose(db, dose, citizen, product.name, null, actor.now);

  const open = openAppointment(db, citizen.ssin, doseNumber);
  const fulfilled = open ? setAppointmentStatus(db, open, 'fulfilled', `dose ${id}`, actor) : null;
  db.prepare(`UPDATE booking_requests SET status = 'cancelled', updated_at = ? WHERE ssin = ? AND dose_number = ? AND status = 'waiting'`).run(recordedAt, citizen.ssin, doseNumber);

  const next = bookNextDoseInTx(db, actor, {
    citizen,
    product,
    previous: { id, administeredAt, doseNumber },
    preference: input.preference ?? {},
    slotId: input.slotId ?? null,
  });
  return { citizen, product, dose, alreadyRecorded: false, importedFromCard, fulfilled, next, courseComplete: doseNumber >= product.dosesInCourse };
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
  db.prepare(
    `INSERT INTO dose_corrections (id, dose_id, version, action, reason, by_nihdi, by_name, by_role, at, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), after.id, after.version, action, reason, by.nihdi, by.name, by.role, now.toISOString(), JSON.stringify(before), JSON.stringify(after));
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
    db.prepare(
      `UPDATE dose_records SET lot_id = ?, gtin = ?, lot = ?, expiry = ?, administered_at = ?, local_date = ?, vaccinator_nihdi = ?, vaccinator_name = ?, version = version + 1, updated_at = ? WHERE id = ?`,
    ).run(
      lot?.id ?? before.lot_id,
      lot ? lot.gtin : before.gtin,
      lot?.lot ?? before.lot,
      lot?.expiry ?? before.expiry,
      administeredAt,
      day,
      input.vaccinator?.nihdi ?? before.vaccinator_nihdi,
      input.vaccinator?.name ?? before.vaccinator_name,
      actor.now.toISOString(),
      before.id,
    );
    const after = getDose(db, before.id);
    const correction = recordCorrection(db, before, after, 'correct', input.reason, input.by, actor.now);
    const citizen = findCitizen(db, after.ssin)!;
    enqueueDose(db, after, citizen, getProduct(db, after.product_code).name, correction, actor.now);
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
    const later = db.prepare(`SELECT id FROM dose_records WHERE ssin = ? AND status = 'completed' AND dose_number > ?`).get(before.ssin, before.dose_number);
    if (later) throw new DoseDeskError('booking.void_later_dose');
    db.prepare(`UPDATE dose_records SET status = 'entered-in-error', version = version + 1, updated_at = ? WHERE id = ?`).run(actor.now.toISOString(), before.id);
    const after = getDose(db, before.id);
    const correction = recordCorrection(db, before, after, 'void', input.reason, input.by, actor.now);
    const citizen = findCitizen(db, after.ssin)!;
    enqueueDose(db, after, citizen, getProduct(db, after.product_code).name, correction, actor.now);
    const booked = db.prepare(`SELECT * FROM appointments WHERE previous_dose_id = ? AND status = 'booked'`).all(before.id) as AppointmentRow[];
    const cancelledAppointments = booked.map((a) => setAppointmentStatus(db, a, 'cancelled', `dose voided: ${input.reason}`, actor));
    db.prepare(`UPDATE booking_requests SET status = 'cancelled', updated_at = ? WHERE previous_dose_id = ? AND status = 'waiting'`).run(actor.now.toISOString(), before.id);
    return { dose: after, cancelledAppointments };
  }).immediate();
}

/** Doses imported from cards, for sync to confirm with the backend (and send if it lacks them). */
export function cardImportsToConfirm(db: Db): DoseRow[] {
  return db.prepare(`SELECT * FROM dose_records WHERE origin = 'card' ORDER BY recorded_at`).all() as DoseRow[];
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
    return enqueueOutbox(db, { kind: 'dose', recordId: row.id, personKey: row.ssin, payload: dosePayload(row, personRef(citizen), getProduct(db, row.product_code).name, null) }, now);
  }).immediate();
}
