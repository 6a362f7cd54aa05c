import type { z } from 'zod';
import type { DayPlan } from '../../../shared/api/booking';
import { localDateOf } from '../../../domain/time/local-time';
import { leftoverDoses, vialsForDay, vialsToPrepare } from '../../../domain/booking/day-plan';
import type { Db } from '../../adapters/sqlite/database';
import { findProduct } from '../products/products';
import { openVials } from '../vials/vials';
import { sessionsOfDay } from '../capacity/calendar';
import { vialView } from '../vials/views';
import type { BookingRequestRow } from './appointments';
import { sessionBookingCounter, waitingRequestCount, waitingRequestRows, type RequestFilter } from './appointment-store';
import { centreDayOpen, sessionCapacityCounter } from '../capacity/calendar-store';
import { boostersGivenOnDay, dosesGivenOnDay } from './dose-store';
import { notGivenCountsOfDay } from './not-given-store';
import { waitingStandbyCount } from '../standby/standby-store';
import { expectedDoseOneVisits } from './expected-visits';

/**
 * The supervisor's day: per session and product, the bookings this station knows and the vials to
 * prepare (a started vial counts whole), open vials and the standby list for leftover doses.
 * Other stations' bookings count once they have synced to this station. Per product, the expected
 * dose-1 visits (backend copy and invitations) count too, and today's open vials lower the vials to prepare.
 */
export function dayPlan(db: Db, date: string, now: Date): z.infer<typeof DayPlan> {
  const open = centreDayOpen(db, date);
  const counts = sessionBookingCounter(db);
  const capacity = sessionCapacityCounter(db);
  const sessions = sessionsOfDay(db, date)
    .filter((s) => s.status === 'open')
    .map((s) => {
      const product = findProduct(db, s.product_code);
      const perVial = product?.dosesPerVial ?? 1;
      const c = counts(s.id);
      const bookings = c.bookings ?? 0;
      return {
        sessionId: s.id,
        productCode: s.product_code,
        productName: product?.name ?? s.product_code,
        start: s.start_local,
        end: s.end_local,
        capacity: capacity(s.id),
        bookings,
        fulfilled: c.fulfilled ?? 0,
        dosesPerVial: perVial,
        vialsToPrepare: vialsToPrepare(bookings, perVial),
        leftoverDoses: leftoverDoses(bookings, perVial),
      };
    });
  const given = dosesGivenOnDay(db, date);
  type ProductDay = z.infer<typeof DayPlan>['products'][number];
  const products = new Map<string, ProductDay>();
  const entry = (productCode: string): ProductDay => {
    const known = products.get(productCode);
    if (known) return known;
    const fresh: ProductDay = {
      productCode,
      bookings: 0,
      expectedDose1: 0,
      expectedFromBackend: 0,
      expectedFromInvitations: 0,
      dosesPerVial: findProduct(db, productCode)?.dosesPerVial ?? 1,
      dosesInOpenVials: 0,
      vialsToPrepare: 0,
      dosesGiven: 0,
      notVaccinated: 0,
      boosters: 0,
    };
    products.set(productCode, fresh);
    return fresh;
  };
  for (const s of sessions) entry(s.productCode).bookings += s.bookings;
  for (const v of expectedDoseOneVisits(db, date, new Set(sessions.map((s) => s.productCode)))) {
    const p = entry(v.productCode);
    p.expectedDose1 += 1;
    if (v.fromBackend) p.expectedFromBackend += 1;
    if (v.fromInvitation) p.expectedFromInvitations += 1;
  }
  for (const g of given) entry(g.product_code).dosesGiven = g.n;
  // Boosters are among the doses given, counted apart as well.
  for (const g of boostersGivenOnDay(db, date)) entry(g.product_code).boosters = g.n;
  for (const g of notGivenCountsOfDay(db, date)) entry(g.product_code).notVaccinated = g.n;
  const vials = openVials(db, null).map((v) => vialView(db, v, now));
  // Open vials are used up or expire within hours: they only lower today's figure.
  if (date === localDateOf(now)) for (const v of vials) if (!v.expired && products.has(v.productCode)) entry(v.productCode).dosesInOpenVials += v.dosesLeft;
  for (const p of products.values()) {
    p.vialsToPrepare = vialsForDay({ booked: p.bookings, expected: p.expectedDose1, given: p.dosesGiven, inOpenVials: p.dosesInOpenVials, dosesPerVial: p.dosesPerVial });
  }
  return {
    date,
    open: open ?? true,
    sessions,
    products: [...products.values()].sort((a, b) => a.productCode.localeCompare(b.productCode)),
    openVials: vials,
    standbyWaiting: waitingStandbyCount(db),
    toBeBooked: waitingRequestCount(db),
  };
}

export function waitingRequests(db: Db, filter: RequestFilter = {}): BookingRequestRow[] {
  return waitingRequestRows(db, filter);
}

