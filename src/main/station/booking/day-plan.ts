import type { z } from 'zod';
import type { DayPlan } from '../../../shared/api/booking';
import { leftoverDoses, vialsToPrepare } from '../../../domain/booking/day-plan';
import type { Db } from '../../adapters/sqlite/database';
import { findProduct } from '../products/products';
import { openVials } from '../vials/vials';
import { sessionsOfDay } from '../capacity/calendar';
import { vialView } from '../vials/views';
import type { BookingRequestRow } from './appointments';
import { sessionBookingCounter, waitingRequestCount, waitingRequestRows, type RequestFilter } from './appointment-store';
import { centreDayOpen, sessionCapacityCounter } from '../capacity/calendar-store';
import { dosesGivenOnDay } from './dose-store';
import { notGivenCountsOfDay } from './not-given-store';
import { waitingStandbyCount } from '../standby/standby-store';

/**
 * The supervisor's day: per session and product, the bookings this station knows and the vials to
 * prepare (a started vial counts whole), open vials and the standby list for leftover doses.
 * Other stations' bookings count once they have synced to this station.
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
  type ProductDay = { productCode: string; bookings: number; vialsToPrepare: number; dosesGiven: number; notVaccinated: number };
  const products = new Map<string, ProductDay>();
  const empty = (productCode: string): ProductDay => ({ productCode, bookings: 0, vialsToPrepare: 0, dosesGiven: 0, notVaccinated: 0 });
  for (const s of sessions) {
    const p = products.get(s.productCode) ?? empty(s.productCode);
    p.bookings += s.bookings;
    p.vialsToPrepare += s.vialsToPrepare;
    products.set(s.productCode, p);
  }
  for (const g of given) {
    const p = products.get(g.product_code) ?? empty(g.product_code);
    p.dosesGiven = g.n;
    products.set(g.product_code, p);
  }
  for (const g of notGivenCountsOfDay(db, date)) {
    const p = products.get(g.product_code) ?? empty(g.product_code);
    p.notVaccinated = g.n;
    products.set(g.product_code, p);
  }
  return {
    date,
    open: open ?? true,
    sessions,
    products: [...products.values()].sort((a, b) => a.productCode.localeCompare(b.productCode)),
    openVials: openVials(db, null).map((v) => vialView(db, v, now)),
    standbyWaiting: waitingStandbyCount(db),
    toBeBooked: waitingRequestCount(db),
  };
}

export function waitingRequests(db: Db, filter: RequestFilter = {}): BookingRequestRow[] {
  return waitingRequestRows(db, filter);
}

