import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { eligibilityRefusal, type EligibilityRefusal } from '../../../domain/booking/eligibility';
import { activeInvitation, eligibleProducts, findCitizen } from '../identity/citizens';
import { findProduct, getProduct } from '../products/products';
import { backendCopyOf } from './backend-copy';
import { completedDosesOf } from './dose-store';

/** The products a person is invited for: their invitation here, else the backend's copy (empty: any). */
export function invitedProducts(db: Db, ssin: string, today: string): string[] {
  const citizen = findCitizen(db, ssin);
  const invitation = citizen ? activeInvitation(db, citizen.id) : null;
  if (invitation) return eligibleProducts(invitation);
  return citizen ? [] : (backendCopyOf(db, ssin, today)?.eligibleProducts ?? []);
}

/** Whether this person may receive a dose of `productCode` on `day`; null when they may. */
export function productRefusal(db: Db, ssin: string, productCode: string, day: string): EligibilityRefusal | null {
  const product = getProduct(db, productCode);
  const previous = completedDosesOf(db, ssin).map((d) => ({ productCode: d.product_code, doseNumber: d.dose_number, administeredAt: d.administered_at, localDate: d.local_date }));
  return eligibilityRefusal({ day, product, previous, invited: invitedProducts(db, ssin, day), courseLength: (code) => findProduct(db, code)?.dosesInCourse ?? 1 });
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
  }
}

/** Refuses (DoseDeskError vials.*) a vial of `productCode` for this person on `day`. */
export function assertMayReceive(db: Db, ssin: string, productCode: string, day: string): void {
  const refusal = productRefusal(db, ssin, productCode, day);
  if (refusal) throw refusalError(db, refusal, productCode);
}
