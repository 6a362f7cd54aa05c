import type { Db } from '../../adapters/sqlite/database';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import { DoseDeskError } from '../../../shared/errors';
import type { NotGivenPayload, PersonRef } from '../../../domain/records';
import { NOT_GIVEN_REASON_CODING, type NotGivenReason } from '../../../domain/booking/not-given';
import { localDateOf } from '../../../domain/time/local-time';
import { ensureCitizen, personRef, type PersonDetails } from '../identity/citizens';
import { getProduct } from '../products/products';
import { isoSeconds, newId } from '../base/ids';
import type { Actor } from './appointments';
import { completedDoseOnDay, completedDosesOf } from './dose-store';
import { invitedProducts } from './eligibility';
import { vaccinationHead } from './rows';
import { findNotGiven, insertNotGiven, notGivenOnDay, type NotGivenRow } from './not-given-store';

export interface NotGivenInput {
  ssin: string;
  /** Details from check-in for a person this station does not know yet. */
  person?: PersonDetails | null;
  reason: NotGivenReason;
  note?: string | null;
  /** The vial in hand, when there was one: the product the dose would have been. */
  productCode?: string | null;
  vaccinator: { nihdi: string; name: string };
}

export function notGivenPayload(row: NotGivenRow, person: PersonRef, product: { name: string; cnk?: string | null; atc?: string | null }): NotGivenPayload {
  const coding = NOT_GIVEN_REASON_CODING[row.reason_code as NotGivenReason];
  return {
    type: 'not-given',
    ...vaccinationHead(row, person, product),
    reason: { system: row.reason_system, code: row.reason_code, display: coding?.display ?? row.reason_code },
    note: row.note,
    decidedAt: row.decided_at,
    recordedAt: row.recorded_at,
    vaccinator: { nihdi: row.vaccinator_nihdi, name: row.vaccinator_name },
    status: row.status,
    version: row.version,
  };
}

/**
 * Ends a visit without a dose: the reason, the product the dose would have been (the course's,
 * else the vial in hand, else the first invited one) and its number, with the outbox row in the
 * same transaction. No next dose is booked. A second call for the same person on the same day
 * answers the first record; a person vaccinated today cannot also be "not vaccinated".
 */
export function recordNotGiven(db: Db, actor: Actor, input: NotGivenInput): { record: NotGivenRow; alreadyRecorded: boolean } {
  return db.transaction(() => {
    const day = localDateOf(actor.now);
    const citizen = ensureCitizen(db, input.ssin, input.person ?? null, 'checkin', actor.now);
    const earlier = notGivenOnDay(db, citizen.ssin, day);
    if (earlier) return { record: earlier, alreadyRecorded: true };
    if (completedDoseOnDay(db, citizen.ssin, day)) throw new DoseDeskError('booking.not_given_after_dose');
    const previous = completedDosesOf(db, citizen.ssin);
    const last = previous[previous.length - 1] ?? null;
    const productCode = last?.product_code ?? input.productCode ?? invitedProducts(db, citizen.ssin, day)[0] ?? null;
    if (!productCode) throw new DoseDeskError('booking.not_given_product_needed');
    const product = getProduct(db, productCode);
    const coding = NOT_GIVEN_REASON_CODING[input.reason];
    const id = newId();
    const at = isoSeconds(actor.now);
    insertNotGiven(db, {
      id,
      citizen_id: citizen.id,
      ssin: citizen.ssin,
      product_code: product.code,
      dose_number: (last?.dose_number ?? 0) + 1,
      reason_system: coding.system,
      reason_code: input.reason,
      note: input.note?.trim() || null,
      decided_at: at,
      local_date: day,
      recorded_at: actor.now.toISOString(),
      station_id: actor.stationId,
      centre_id: actor.centreId,
      vaccinator_nihdi: input.vaccinator.nihdi,
      vaccinator_name: input.vaccinator.name,
    });
    const record = findNotGiven(db, id)!;
    enqueueOutbox(db, { kind: 'not-given', recordId: id, personKey: citizen.ssin, payload: notGivenPayload(record, personRef(citizen), product) }, actor.now);
    return { record, alreadyRecorded: false };
  }).immediate();
}
