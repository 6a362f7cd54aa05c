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

/**
 * The supervisor's day: per session and product, the bookings this station knows and the vials to
 * prepare (a started vial counts whole), open vials and the standby list for leftover doses.
 * Other stations' bookings count once they have synced to this station.
 */
export function dayPlan(db: Db, date: string, now: Date): z.infer<typeof DayPlan> {
  const day = db.prepare('SELECT open FROM centre_days WHERE date = ?').get(date) as { open: number } | undefined;
  const counts = db.prepare(
    `SELECT SUM(CASE WHEN a.status IN ('booked', 'fulfilled') THEN 1 ELSE 0 END) AS bookings,
            SUM(CASE WHEN a.status = 'fulfilled' THEN 1 ELSE 0 END) AS fulfilled
     FROM appointments a JOIN slots s ON s.id = a.slot_id WHERE s.session_id = ?`,
  );
  const capacity = db.prepare('SELECT COALESCE(SUM(capacity), 0) AS c FROM slots WHERE session_id = ?');
  const sessions = sessionsOfDay(db, date)
    .filter((s) => s.status === 'open')
    .map((s) => {
      const product = findProduct(db, s.product_code);
      const perVial = product?.dosesPerVial ?? 1;
      const c = counts.get(s.id) as { bookings: number | null; fulfilled: number | null };
      const bookings = c.bookings ?? 0;
      return {
        sessionId: s.id,
        productCode: s.product_code,
        productName: product?.name ?? s.product_code,
        start: s.start_local,
        end: s.end_local,
        capacity: (capacity.get(s.id) as { c: number }).c,
        bookings,
        fulfilled: c.fulfilled ?? 0,
        dosesPerVial: perVial,
        vialsToPrepare: vialsToPrepare(bookings, perVial),
        leftoverDoses: leftoverDoses(bookings, perVial),
      };
    });
  const given = db.prepare(`SELECT product_code, COUNT(*) AS n FROM dose_records WHERE local_date = ? AND status = 'completed' GROUP BY product_code`).all(date) as {
    product_code: string;
    n: number;
  }[];
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
    open: day ? day.open === 1 : true,
    sessions,
    products: [...products.values()].sort((a, b) => a.productCode.localeCompare(b.productCode)),
    openVials: openVials(db, null).map((v) => vialView(db, v, now)),
    standbyWaiting: (db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'waiting'`).get() as { n: number }).n,
    toBeBooked: (db.prepare(`SELECT COUNT(*) AS n FROM booking_requests WHERE status = 'waiting'`).get() as { n: number }).n,
  };
}

export function waitingRequests(db: Db): BookingRequestRow[] {
  return db.prepare(`SELECT * FROM booking_requests WHERE status = 'waiting' ORDER BY earliest_date, created_at`).all() as BookingRequestRow[];
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
  db.prepare(
    `INSERT INTO standby (id, citizen_id, ssin, display_name, phone, product_codes, note, status, station_id, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)`,
  ).run(id, citizen?.id ?? null, input.ssin ?? null, input.displayName, input.phone ?? null, JSON.stringify(input.productCodes), input.note ?? null, input.stationId, at, at);
  return standbyView(db.prepare('SELECT * FROM standby WHERE id = ?').get(id) as StandbyRow);
}

export function listStandby(db: Db, status?: StandbyRow['status']): z.infer<typeof StandbyView>[] {
  const rows = (status ? db.prepare('SELECT * FROM standby WHERE status = ? ORDER BY added_at').all(status) : db.prepare('SELECT * FROM standby ORDER BY added_at').all()) as StandbyRow[];
  return rows.map(standbyView);
}

export function updateStandby(db: Db, id: string, status: StandbyRow['status'], reason: string | null, now: Date): z.infer<typeof StandbyView> {
  const r = db.prepare('UPDATE standby SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?').run(status, reason, now.toISOString(), id);
  if (r.changes === 0) throw new DoseDeskError('booking.unknown_standby', { id });
  return standbyView(db.prepare('SELECT * FROM standby WHERE id = ?').get(id) as StandbyRow);
}
