import type { EndOfDayReport } from '../../../shared/api/reports';
import { addDays, localInstant } from '../../../domain/time/local-time';
import type { Db } from '../../adapters/sqlite/database';
import { outboxSummary } from '../../adapters/sqlite/outbox';
import { arrivalsOfDay } from '../checkin/arrival-log';
import {
  appointmentsDue,
  appointmentsWithStatus,
  bookedForLater,
  completedDosesByProduct,
  completedDosesByStation,
  completedDosesByVaccinator,
  standbyReached,
  standbyWaiting,
  vialsPunctured,
  voidedDoses,
  waitingBookingRequests,
} from '../booking/day-report-queries';
import { jobFiguresBetween } from '../printing/print-job-store';
import { notGivenByReasonOfDay } from '../booking/not-given-store';
import { wasteOfDay } from '../vials/vials';
import { dayReconciliation } from './reconciliation';
import { reactionsOfDay } from '../observation/observation-store';
import { boostersGivenOnDay } from '../booking/dose-store';

export interface ReportStation {
  stationId: string;
  centreId: string;
  centreName: string;
}

/**
 * The end-of-day figures of one local (Brussels) day, as this station's database knows them: doses
 * (its own and those learned by sync), arrivals at its check-in desk, appointments, vials, standby,
 * cards printed, what still waits to sync and the day's reconciliation with the backend. Read-only; one query per figure keeps each one easy to check.
 */
export function endOfDayReport(db: Db, date: string, station: ReportStation, now: Date): EndOfDayReport {
  const from = localInstant(date, '00:00');
  const to = localInstant(addDays(date, 1), '00:00');

  const byProduct = completedDosesByProduct(db, date);
  const products = new Map<string, EndOfDayReport['doses']['byProduct'][number]>();
  for (const row of byProduct) {
    const entry = products.get(row.code) ?? { productCode: row.code, productName: row.name, byDoseNumber: [], total: 0 };
    entry.byDoseNumber.push({ doseNumber: row.dose, count: row.n });
    entry.total += row.n;
    products.set(row.code, entry);
  }
  const byVaccinator = completedDosesByVaccinator(db, date);
  const byStation = completedDosesByStation(db, date);

  const appointmentsWith = (status: string) => appointmentsWithStatus(db, date, status);
  const vialsOpened = vialsPunctured(db, from, to);
  const jobs = jobFiguresBetween(db, from, to);
  const outbox = outboxSummary(db);
  const notGiven = notGivenByReasonOfDay(db, date);

  return {
    date,
    generatedAt: now.toISOString(),
    ...station,
    doses: {
      total: [...products.values()].reduce((sum, p) => sum + p.total, 0),
      voided: voidedDoses(db, date),
      boosters: boostersGivenOnDay(db, date).reduce((sum, g) => sum + g.n, 0),
      byProduct: [...products.values()],
      byVaccinator,
      byStation,
    },
    notVaccinated: { total: notGiven.reduce((sum, r) => sum + r.n, 0), byReason: notGiven.map((r) => ({ reason: r.reason_code, count: r.n })) },
    reactions: reactionFigures(reactionsOfDay(db, date)),
    arrivals: arrivalsOfDay(db, date),
    appointments: {
      due: appointmentsDue(db, date),
      fulfilled: appointmentsWith('fulfilled'),
      open: appointmentsWith('booked'),
      cancelled: appointmentsWith('cancelled'),
      noShow: appointmentsWith('noshow'),
      bookedForLater: bookedForLater(db, date, from, to),
      toBeBooked: waitingBookingRequests(db, from, to),
    },
    vials: {
      opened: vialsOpened.n,
      finished: vialsOpened.finished ?? 0,
      discarded: vialsOpened.discarded ?? 0,
      stillOpen: vialsOpened.open ?? 0,
      dosesDrawn: vialsOpened.used ?? 0,
      dosesLeft: vialsOpened.leftover ?? 0,
      wasted: wasteOfDay(db, from, to),
    },
    standby: {
      waiting: standbyWaiting(db),
      called: standbyReached(db, 'called', from, to),
      vaccinated: standbyReached(db, 'vaccinated', from, to),
    },
    printing: {
      printed: jobs.printed ?? 0,
      copies: jobs.copies ?? 0,
      uncertain: jobs.uncertain ?? 0,
      failed: jobs.failed ?? 0,
      waiting: jobs.waiting ?? 0,
    },
    sync: { waiting: outbox.waiting, oldestWaitingAt: outbox.oldestWaitingAt, needsReview: outbox.needsReview },
    reconciliation: dayReconciliation(db, date, station.stationId),
  };
}

/** Reactions of the day: the total, by severity (mild to severe) and by manifestation (most first). */
function reactionFigures(rows: ReturnType<typeof reactionsOfDay>): EndOfDayReport['reactions'] {
  const sum = (key: (r: (typeof rows)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.n);
    return counts;
  };
  const severities = sum((r) => r.severity);
  return {
    total: rows.reduce((total, r) => total + r.n, 0),
    bySeverity: (['mild', 'moderate', 'severe'] as const).filter((s) => severities.has(s)).map((severity) => ({ severity, count: severities.get(severity)! })),
    byManifestation: [...sum((r) => r.manifestation)].map(([manifestation, count]) => ({ manifestation, count })).sort((a, b) => b.count - a.count || a.manifestation.localeCompare(b.manifestation)),
  };
}
