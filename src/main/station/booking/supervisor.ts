import type { z } from 'zod';
import type { DayPlan, StandbyView } from '../../../shared/api/booking';
import { DoseDeskError } from '../../../shared/errors';
import { leftoverDoses, vialsToPrepare } from '../../../domain/booking/day-plan';
import type { Db } from '../../adapters/sqlite/database';
import { findCitizen } from './citizens';
import { findProduct } from './products';
import { openVials } from './vials';
import { sessionsOfDay } from './calendar';
import { newId } from './ids';
import { standbyView, vialView, type StandbyRow } from './views';
import type { BookingRequestRow } from './appointments';
import { sessionBookingCounter, waitingRequestCount, waitingRequestRows } from './appointment-store';
import { centreDayOpen, sessionCapacityCounter } from './calendar-store';
import { dosesGivenOnDay } from './dose-store';
import { insertStandby, setStandbyStatus, standbyRow, standbyRows, waitingStandbyCount } from './standby-store';

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
  const products = new Map<string, { productCode: string; bookings: number; vialsToPrepare: number; dosesGiven: number }>();
  for (const s of sessions) {
    const p = products.get(s.productCode) ?? { productCode: s.productCode, bookings: 0, vialsToPrepare: 0, dosesGiven: 0 };
    p.bookings += s.bookings;
    p.vialsToPrepare += s.vialsToPrepare;
    products.set(s.productCode, p);
  }
  for (const g of given) {
    const p = products.get(g.product_code) ?? { productCode: g.product_code, bookings: 0, vialsToPrepare: 0, dosesGiven: 0 };
    p.dosesGiven = g.n;
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

export function waitingRequests(db: Db): BookingRequestRow[] {
  return waitingRequestRows(db);
}

export function addStandby(
  db: Db,
  input: { ssin?: string | null; displayName: string; phone?: string | null; productCodes: string[]; note?: string | null; stationId: string },
  now: Date,
): z.infer<typeof StandbyView> {
  for (const code of input.productCodes) if (!findProduct(db, code)) throw new DoseDeskError('booking.unknown_product', { product: code });
  const citizen = input.ssin ? findCitizen(db, input.ssin) : null;
  const id = newId();
  const at = now.toISOString();
  insertStandby(db, {
    id,
    citizenId: citizen?.id ?? null,
    ssin: input.ssin ?? null,
    displayName: input.displayName,
    phone: input.phone ?? null,
    productCodes: JSON.stringify(input.productCodes),
    note: input.note ?? null,
    stationId: input.stationId,
    at,
  });
  return standbyView(standbyRow(db, id));
}

export function listStandby(db: Db, status?: StandbyRow['status']): z.infer<typeof StandbyView>[] {
  return standbyRows(db, status).map(standbyView);
}

export function updateStandby(db: Db, id: string, status: StandbyRow['status'], reason: string | null, now: Date): z.infer<typeof StandbyView> {
  if (!setStandbyStatus(db, id, status, reason, now.toISOString())) throw new DoseDeskError('booking.unknown_standby', { id });
  return standbyView(standbyRow(db, id));
}
