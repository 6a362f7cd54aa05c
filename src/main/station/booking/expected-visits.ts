import type { Db } from '../../adapters/sqlite/database';
import { addDays, localInstant } from '../../../domain/time/local-time';
import { expectedAppointments } from '../sync/pulled-store';
import { invitationsStartingBetween, ssinsWithAppointmentOn } from './expected-visit-queries';

/** Where an expected dose-1 visit is known from: the backend's pulled list, the centre's invitations, or both. */
export interface ExpectedVisit {
  ssin: string;
  productCode: string;
  fromBackend: boolean;
  fromInvitation: boolean;
}

const GONE = new Set(['cancelled', 'entered-in-error', 'noshow', 'fulfilled']);

function parseProducts(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The people expected for a first dose on a Brussels day, each once: the backend copy's expected
 * appointments of the day (dose 1 or unnumbered, not cancelled or done) and the invitations with a
 * start on that day. People with an appointment of this station that day are left out: the plan
 * already counts them as bookings. The product is the backend's, else the invitation's first
 * product with a session that day (an invitation may allow several), else its first product.
 */
export function expectedDoseOneVisits(db: Db, date: string, sessionProducts: ReadonlySet<string>): ExpectedVisit[] {
  const own = ssinsWithAppointmentOn(db, date);
  const visits = new Map<string, ExpectedVisit>();
  for (const a of expectedAppointments(db, date)) {
    if (!a.ssin || own.has(a.ssin) || GONE.has(a.status)) continue;
    if (a.doseNumber !== null && a.doseNumber !== 1) continue;
    if (!a.productCode || visits.has(a.ssin)) continue;
    visits.set(a.ssin, { ssin: a.ssin, productCode: a.productCode, fromBackend: true, fromInvitation: false });
  }
  const invited = invitationsStartingBetween(db, localInstant(date, '00:00'), localInstant(addDays(date, 1), '00:00'));
  for (const i of invited) {
    if (own.has(i.ssin)) continue;
    const known = visits.get(i.ssin);
    if (known) {
      known.fromInvitation = true;
      continue;
    }
    const products = parseProducts(i.eligible_products);
    const productCode = products.find((p) => sessionProducts.has(p)) ?? products[0];
    if (!productCode) continue;
    visits.set(i.ssin, { ssin: i.ssin, productCode, fromBackend: false, fromInvitation: true });
  }
  return [...visits.values()];
}
