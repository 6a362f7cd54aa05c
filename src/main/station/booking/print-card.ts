import type { Db } from '../../adapters/sqlite/database';
import type { CardModel } from '../../../domain/card/card-model';
import { formatShortCode, shortCodeOf } from '../../../domain/booking/short-code';
import type { CardTokenContent } from '../../../domain/booking/card-token';
import type { VaccineProduct } from '../../../domain/vaccines/products';
import { fullName, type CitizenRow } from '../identity/citizens';
import type { AppointmentRow, DoseRow } from './rows';
import type { NextDoseOutcome } from './appointments';
import { issueCardToken } from './card-token';
import { getProduct } from '../products/products';
import { findDose } from './dose-store';
import { reachableChannels } from '../messages/queue';
import type { MessageChannel } from '../messages/store';

/**
 * How booking queues a card for the printer inside its transaction: printing's
 * `enqueuePrintJob(db, card, now, { copy, recordId })` (src/main/station/printing/queue.ts).
 */
export type EnqueuePrintJob = (db: Db, card: CardModel, now: Date, options: { copy: boolean; recordId?: string }) => string;

export interface CentreInfo {
  centreId: string;
  centreName: string;
  address: string[];
  place: string;
  reschedulePhone: string | null;
  rescheduleUrl: string | null;
  /** Citizen-message channels set up on this station: the card promises only these. */
  messageChannels: readonly MessageChannel[];
}

/** What the card and the screen promise a person whose next dose waits: a channel that reaches them, or the centre's call. */
export function notifyChannel(reachable: readonly MessageChannel[]): 'sms' | 'email' | 'centre' {
  return reachable.includes('sms') ? 'sms' : reachable.includes('email') ? 'email' : 'centre';
}

/** The channels of this station that reach this person. */
export function reachableFor(db: Db, centre: CentreInfo, citizen: CitizenRow): MessageChannel[] {
  return reachableChannels(db, citizen.id, centre.messageChannels);
}

/** What the card's QR carries for an appointment booked after `dose`. */
export function cardContent(centreId: string, citizen: CitizenRow, dose: DoseRow, appointment: AppointmentRow): CardTokenContent {
  return {
    centreId,
    appointment: { id: appointment.id, slotId: appointment.slot_id, start: appointment.start_at, doseNumber: appointment.dose_number, productCode: appointment.product_code },
    person: { ssin: citizen.ssin, familyName: citizen.family_name, givenNames: citizen.given_names, birthDate: citizen.birth_date, sex: citizen.sex, language: citizen.language },
    previousDose: {
      id: dose.id,
      doseNumber: dose.dose_number,
      productCode: dose.product_code,
      gtin: dose.gtin,
      lot: dose.lot,
      expiry: dose.expiry,
      administeredAt: dose.administered_at,
      stationId: dose.station_id,
      vaccinatorNihdi: dose.vaccinator_nihdi,
    },
  };
}

export interface IssuedCard {
  token: string;
  shortCode: string;
}

/** Signs the card of an appointment booked here after a dose this station knows. */
export function issueCard(db: Db, centreId: string, citizen: CitizenRow, dose: DoseRow, appointment: AppointmentRow, now: Date): IssuedCard {
  return { token: issueCardToken(db, cardContent(centreId, citizen, dose, appointment), now), shortCode: formatShortCode(appointment.short_code) };
}

/** The appointment card as data for the printer, in the citizen's language. */
export function cardModel(
  centre: CentreInfo,
  citizen: CitizenRow,
  product: VaccineProduct,
  dose: DoseRow,
  next: NextDoseOutcome,
  card: IssuedCard | null,
  copy: boolean,
  reachable: readonly MessageChannel[] = [],
): CardModel {
  const nextPart: CardModel['next'] =
    next.kind === 'booked'
      ? { kind: 'booked', start: next.appointment.start_at, place: centre.place, bring: ['eid', 'this_card'] }
      : next.kind === 'to_be_booked'
        ? { kind: 'to_be_booked', channel: notifyChannel(reachable) }
        : { kind: 'none' };
  return {
    centre: { name: centre.centreName, address: centre.address.slice(0, 3) },
    citizen: { fullName: fullName(citizen).slice(0, 200) || citizen.ssin, language: citizen.language, secondLanguage: citizen.language === 'en' ? null : 'en' },
    dose: { productName: product.name.slice(0, 80), administeredAt: dose.administered_at, lot: dose.lot, doseNumber: dose.dose_number, totalDoses: product.dosesInCourse },
    next: nextPart,
    // Without an appointment there is nothing to verify: the QR then only carries the dose's code.
    qrPayload: card?.token ?? `DOSE ${formatShortCode(shortCodeOf(dose.id))}`,
    shortCode: card?.shortCode ?? formatShortCode(shortCodeOf(dose.id)),
    reschedule: { phone: centre.reschedulePhone, url: centre.rescheduleUrl },
    isCopy: copy,
  };
}

/**
 * The card of an appointment booked or moved just now (booking.book, booking.rebook): a NEW
 * appointment, so its card is signed and queued as an ORIGINAL inside the caller's transaction,
 * like booking.administer's card. No card when nothing was booked or the dose it follows is not
 * known here; no job when `queue` is null (printing off for this call or on this station).
 */
export function queueNewAppointmentCard(
  db: Db,
  input: { centre: CentreInfo; citizen: CitizenRow; outcome: NextDoseOutcome; queue: EnqueuePrintJob | null; now: Date },
): { card: IssuedCard | null; printJobId: string | null } {
  if (!db.inTransaction) throw new Error('queueNewAppointmentCard must run inside the booking transaction');
  const { outcome } = input;
  if (outcome.kind !== 'booked' || !outcome.appointment.previous_dose_id) return { card: null, printJobId: null };
  const dose = findDose(db, outcome.appointment.previous_dose_id);
  if (!dose) return { card: null, printJobId: null };
  const card = issueCard(db, input.centre.centreId, input.citizen, dose, outcome.appointment, input.now);
  if (!input.queue) return { card, printJobId: null };
  const model = cardModel(input.centre, input.citizen, getProduct(db, dose.product_code), dose, outcome, card, false, reachableFor(db, input.centre, input.citizen));
  return { card, printJobId: input.queue(db, model, input.now, { copy: false, recordId: dose.id }) };
}
