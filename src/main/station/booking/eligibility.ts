import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { eligibilityRefusal, type EarlierDose, type EligibilityRefusal } from '../../../domain/booking/eligibility';
import { localDateOf } from '../../../domain/time/local-time';
import type { StationContext } from '../base/context';
import { verifyCardToken } from './card-token';
import { activeInvitation, eligibleProducts, findCitizen } from '../identity/citizens';
import { findProduct, getProduct } from '../products/products';
import { backendCopyOf } from './backend-copy';
import { completedDosesOf } from './dose-store';
import { ruleTermsOn } from '../rules/rules';
import { parseSsin } from '../../../domain/identity/ssin';

/** The products a person is invited for: their invitation here, else the backend's copy (empty: any). */
export function invitedProducts(db: Db, ssin: string, today: string): string[] {
  const citizen = findCitizen(db, ssin);
  const invitation = citizen ? activeInvitation(db, citizen.id) : null;
  if (invitation) return eligibleProducts(invitation);
  return citizen ? [] : (backendCopyOf(db, ssin, today)?.eligibleProducts ?? []);
}

/**
 * The earlier dose an appointment card carries, for this person, when this station does not know
 * it (given at another station that never synced it here); null otherwise. The card is verified
 * with the centre key: a card that does not verify adds nothing (check-in already refused it).
 */
export function cardDoseFor(ctx: StationContext, ssin: string, cardToken: string | null): EarlierDose | null {
  if (!cardToken) return null;
  let card;
  try {
    card = verifyCardToken(ctx.db, cardToken, ctx.settings.get().centreId);
  } catch {
    return null;
  }
  const dose = card.previousDose;
  if (card.person.ssin !== ssin || completedDosesOf(ctx.db, ssin).some((d) => d.id === dose.id)) return null;
  return { productCode: dose.productCode, doseNumber: dose.doseNumber, administeredAt: dose.administeredAt, localDate: localDateOf(new Date(dose.administeredAt)) };
}

/** The person's completed doses, oldest first, with the card's dose when this station lacks it. */
function earlierDoses(db: Db, ssin: string, cardDose: EarlierDose | null): EarlierDose[] {
  const known = completedDosesOf(db, ssin).map((d) => ({ productCode: d.product_code, doseNumber: d.dose_number, administeredAt: d.administered_at, localDate: d.local_date }));
  return cardDose ? [...known, cardDose].sort((a, b) => a.doseNumber - b.doseNumber || a.administeredAt.localeCompare(b.administeredAt)) : known;
}

/** The person's birth date for the age limits: as recorded here, else as the national number says (null when it does not). */
export function birthDateOf(db: Db, ssin: string, day: string): string | null {
  const recorded = findCitizen(db, ssin)?.birth_date;
  if (recorded) return recorded;
  const parsed = parseSsin(ssin, day, { source: 'document' });
  return parsed.ok ? parsed.value.birthDate : null;
}

/** Doses in the course of a product (1 for a product this station does not know). */
export const courseLengthOf = (db: Db) => (code: string): number => findProduct(db, code)?.dosesInCourse ?? 1;

/** Whether this person may receive a dose of `productCode` on `day`, by the rules in force that day; null when they may. */
export function productRefusal(db: Db, ssin: string, productCode: string, day: string, cardDose: EarlierDose | null = null): EligibilityRefusal | null {
  const product = getProduct(db, productCode);
  const previous = earlierDoses(db, ssin, cardDose);
  return eligibilityRefusal({
    day,
    product,
    previous,
    invited: invitedProducts(db, ssin, day),
    courseLength: courseLengthOf(db),
    ruleOn: (code, onDay) => ruleTermsOn(db, code, onDay),
    birthDate: birthDateOf(db, ssin, day),
  });
}

const nameOf = (db: Db, code: string): string => findProduct(db, code)?.name ?? code;

/** The refusal as the staff's error: product names rather than codes, the first allowed day as a date the screen formats. */
export function refusalError(db: Db, refusal: EligibilityRefusal, productCode: string): DoseDeskError {
  const product = nameOf(db, productCode);
  switch (refusal.reason) {
    case 'not_invited':
      return new DoseDeskError('vials.not_invited', { invited: refusal.invited.map((c) => nameOf(db, c)).join(', '), product });
    case 'other_product':
      return new DoseDeskError('vials.other_course_product', { previous: nameOf(db, refusal.previous), product });
    case 'course_complete':
      return new DoseDeskError('vials.course_complete', { previous: nameOf(db, refusal.previous) });
    case 'dose_today':
      return new DoseDeskError('vials.dose_today', { previous: nameOf(db, refusal.previous) });
    case 'too_early':
      return new DoseDeskError('vials.too_early', { product, firstDay: refusal.firstDay, minimum: refusal.minimumDays });
    case 'too_young':
    case 'too_old':
      return new DoseDeskError(`rules.${refusal.reason}`, { product, limit: refusal.limit, age: refusal.age });
    case 'booster_product':
      return new DoseDeskError('rules.booster_product', { previous: nameOf(db, refusal.previous), allowed: refusal.allowed.map((c) => nameOf(db, c)).join(', '), product });
    case 'booster_too_early':
      return new DoseDeskError('rules.booster_too_early', { firstDay: refusal.firstDay, minimum: refusal.minimumDays });
    case 'booster_too_young':
      return new DoseDeskError('rules.booster_too_young', { limit: refusal.limit, age: refusal.age });
  }
}

/** Refuses (DoseDeskError vials.*) a vial of `productCode` for this person on `day`. */
export function assertMayReceive(db: Db, ssin: string, productCode: string, day: string, cardDose: EarlierDose | null = null): void {
  const refusal = productRefusal(db, ssin, productCode, day, cardDose);
  if (refusal) throw refusalError(db, refusal, productCode);
}
