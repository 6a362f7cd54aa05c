import type { EndOfDayReport } from '../../../shared/api/reports';
import { addDays, localInstant } from '../../../domain/time/local-time';
import type { Db } from '../../adapters/sqlite/database';
import { outboxSummary } from '../../adapters/sqlite/outbox';
import { arrivalsOfDay } from '../checkin-log/arrival-log';

export interface ReportStation {
  stationId: string;
  centreId: string;
  centreName: string;
}

type CountRow = { n: number | null };
const count = (row: unknown): number => (row as CountRow | undefined)?.n ?? 0;

/**
 * The end-of-day figures of one local (Brussels) day, as this station's database knows them: doses
 * (its own and those learned by sync), arrivals at its check-in desk, appointments, vials, standby,
 * cards printed and what still waits to sync. Read-only; one query per figure keeps each one easy to check.
 */
export function endOfDayReport(db: Db, date: string, station: ReportStation, now: Date): EndOfDayReport {
  const from = localInstant(date, '00:00');
  const to = localInstant(addDays(date, 1), '00:00');
  const inDay = (column: string) => `${column} >= ? AND ${column} < ?`;

  const byProduct = db
    .prepare(
      `SELECT d.product_code AS code, COALESCE(p.name, d.product_code) AS name, d.dose_number AS dose, COUNT(*) AS n
         FROM dose_records d LEFT JOIN vaccine_products p ON p.code = d.product_code
        WHERE d.local_date = ? AND d.status = 'completed'
        GROUP BY d.product_code, d.dose_number ORDER BY name, dose`,
    )
    .all(date) as { code: string; name: string; dose: number; n: number }[];
  const products = new Map<string, EndOfDayReport['doses']['byProduct'][number]>();
  for (const row of byProduct) {
    const entry = products.get(row.code) ?? { productCode: row.code, productName: row.name, byDoseNumber: [], total: 0 };
    entry.byDoseNumber.push({ doseNumber: row.dose, count: row.n });
    entry.total += row.n;
    products.set(row.code, entry);
  }

  const byVaccinator = db
    .prepare(
      `SELECT vaccinator_nihdi AS nihdi, MAX(vaccinator_name) AS name, COUNT(*) AS count FROM dose_records
        WHERE local_date = ? AND status = 'completed' GROUP BY vaccinator_nihdi ORDER BY count DESC, name`,
    )
    .all(date) as { nihdi: string; name: string; count: number }[];
  const byStation = db
    .prepare(`SELECT station_id AS stationId, COUNT(*) AS count FROM dose_records WHERE local_date = ? AND status = 'completed' GROUP BY station_id ORDER BY station_id`)
    .all(date) as { stationId: string; count: number }[];

  const appointmentsWith = (status: string) => count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE local_date = ? AND status = ?`).get(date, status));
  const vialsOpened = db
    .prepare(
      `SELECT COUNT(*) AS n,
              SUM(CASE WHEN status = 'finished' THEN 1 ELSE 0 END) AS finished,
              SUM(CASE WHEN status = 'discarded' THEN 1 ELSE 0 END) AS discarded,
              SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open,
              SUM(doses_used) AS used,
              SUM(CASE WHEN status != 'finished' THEN doses_total - doses_used ELSE 0 END) AS leftover
         FROM vials WHERE ${inDay('punctured_at')}`,
    )
    .get(from, to) as { n: number; finished: number | null; discarded: number | null; open: number | null; used: number | null; leftover: number | null };
  const jobs = db
    .prepare(
      `SELECT SUM(CASE WHEN state = 'printed' AND is_copy = 0 AND kind = 'card' THEN 1 ELSE 0 END) AS printed,
              SUM(CASE WHEN is_copy = 1 THEN 1 ELSE 0 END) AS copies,
              SUM(CASE WHEN state = 'uncertain' AND resolution IS NULL THEN 1 ELSE 0 END) AS uncertain,
              SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed,
              SUM(CASE WHEN state IN ('queued', 'sending') THEN 1 ELSE 0 END) AS waiting
         FROM print_job WHERE ${inDay('created_at')}`,
    )
    .get(from, to) as Record<'printed' | 'copies' | 'uncertain' | 'failed' | 'waiting', number | null>;
  const outbox = outboxSummary(db);

  return {
    date,
    generatedAt: now.toISOString(),
    ...station,
    doses: {
      total: [...products.values()].reduce((sum, p) => sum + p.total, 0),
      voided: count(db.prepare(`SELECT COUNT(*) AS n FROM dose_records WHERE local_date = ? AND status = 'entered-in-error'`).get(date)),
      byProduct: [...products.values()],
      byVaccinator,
      byStation,
    },
    arrivals: arrivalsOfDay(db, date),
    appointments: {
      due: count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE local_date = ? AND status != 'cancelled'`).get(date)),
      fulfilled: appointmentsWith('fulfilled'),
      open: appointmentsWith('booked'),
      cancelled: appointmentsWith('cancelled'),
      noShow: appointmentsWith('noshow'),
      bookedForLater: count(db.prepare(`SELECT COUNT(*) AS n FROM appointments WHERE ${inDay('created_at')} AND local_date > ? AND origin = 'station' AND status != 'cancelled'`).get(from, to, date)),
      toBeBooked: count(db.prepare(`SELECT COUNT(*) AS n FROM booking_requests WHERE ${inDay('created_at')} AND status = 'waiting'`).get(from, to)),
    },
    vials: {
      opened: vialsOpened.n,
      finished: vialsOpened.finished ?? 0,
      discarded: vialsOpened.discarded ?? 0,
      stillOpen: vialsOpened.open ?? 0,
      dosesDrawn: vialsOpened.used ?? 0,
      dosesLeft: vialsOpened.leftover ?? 0,
    },
    standby: {
      waiting: count(db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'waiting'`).get()),
      called: count(db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'called' AND ${inDay('updated_at')}`).get(from, to)),
      vaccinated: count(db.prepare(`SELECT COUNT(*) AS n FROM standby WHERE status = 'vaccinated' AND ${inDay('updated_at')}`).get(from, to)),
    },
    printing: {
      printed: jobs.printed ?? 0,
      copies: jobs.copies ?? 0,
      uncertain: jobs.uncertain ?? 0,
      failed: jobs.failed ?? 0,
      waiting: jobs.waiting ?? 0,
    },
    sync: { waiting: outbox.waiting, oldestWaitingAt: outbox.oldestWaitingAt, needsReview: outbox.needsReview },
  };
}
