import type { AdministerResult } from '../../../shared/api/booking';
import { UNDO_SECONDS } from '../../../domain/booking/vaccination-gate';
import type { StationContext } from '../base/context';
import { getProduct } from '../products/products';
import { findCitizen } from '../identity/citizens';
import { centreInfo } from './centre';
import { cardFor, nextView } from './administer';
import { getDose, nextAfter } from './doses';
import { reachableFor } from './print-card';
import { doseView, personView } from './views';

/**
 * booking.administer's answer for a dose recorded earlier, read again from the records (a resumed
 * visit): the next-dose proposal as it stands now, and the undo seconds still left since the dose.
 */
export function doseResultOf(ctx: StationContext, doseId: string, printJobId: string | null, now: Date): AdministerResult | null {
  const db = ctx.db;
  const dose = getDose(db, doseId);
  const citizen = findCitizen(db, dose.ssin);
  if (!citizen) return null;
  const product = getProduct(db, dose.product_code);
  const outcome = nextAfter(db, dose, product);
  const card = cardFor(db, ctx.settings.get().centreId, citizen, outcome, now);
  const elapsed = Math.floor((now.getTime() - Date.parse(dose.administered_at)) / 1000);
  return {
    person: personView(citizen),
    dose: doseView(db, dose),
    alreadyRecorded: false,
    importedFromCard: null,
    fulfilledAppointmentId: null,
    courseComplete: dose.dose_number >= product.dosesInCourse,
    next: nextView(outcome, citizen, card, reachableFor(db, centreInfo(ctx), citizen)),
    printJobId,
    undoSeconds: dose.status === 'completed' ? Math.max(0, UNDO_SECONDS - elapsed) : 0,
  };
}
