import type { DayReconciliation, ReconciliationState } from '../../../shared/api/reports';
import type { Db } from '../../adapters/sqlite/database';
import { addDays, localInstant } from '../../../domain/time/local-time';
import { appointmentsChangedWithSyncState, recordsOfDayWithSyncState, type ReconciledRecordRow } from './reconciliation-queries';

/** One record's place: review first (a person must act), then waiting, then acknowledged. */
function stateOf(r: ReconciledRecordRow): ReconciliationState {
  if (r.needs_review > 0) return 'needs_review';
  if (r.dismissed > 0) return 'dismissed';
  if (r.waiting > 0) return 'waiting';
  return r.queued > 0 ? 'at_backend' : 'not_queued';
}

/**
 * "Equal or explained": the doses and not-given records this station made on a Brussels day,
 * against what its outbox says reached the backend. Read-only.
 */
export function dayReconciliation(db: Db, date: string, stationId: string): DayReconciliation {
  const rows = recordsOfDayWithSyncState(db, date, stationId);
  const counts: Record<ReconciliationState, number> = { at_backend: 0, waiting: 0, needs_review: 0, dismissed: 0, not_queued: 0 };
  const differences: DayReconciliation['differences'] = [];
  for (const r of rows) {
    const state = stateOf(r);
    counts[state] += 1;
    if (state === 'at_backend') continue;
    differences.push({
      type: r.type,
      recordId: r.id,
      ssin: r.ssin,
      personName: r.person_name || null,
      at: r.at,
      productCode: r.product_code,
      doseNumber: r.dose_number,
      state,
      reason: state === 'waiting' ? r.last_error : (r.review_reason ?? r.last_error),
    });
  }
  const inReview = counts.needs_review + counts.dismissed;
  const dosesGiven = rows.filter((r) => r.type === 'dose').length;
  const appointments = { booked: 0, cancelled: 0, noShow: 0, fulfilled: 0, atBackend: 0, waiting: 0, inReview: 0 };
  for (const a of appointmentsChangedWithSyncState(db, stationId, localInstant(date, '00:00'), localInstant(addDays(date, 1), '00:00'))) {
    appointments[a.status === 'noshow' ? 'noShow' : a.status] += a.n;
    appointments[a.sync === 'at_backend' ? 'atBackend' : a.sync === 'waiting' ? 'waiting' : 'inReview'] += a.n;
  }
  return {
    date,
    stationId,
    dosesGiven,
    notGiven: rows.length - dosesGiven,
    records: rows.length,
    atBackend: counts.at_backend,
    waiting: counts.waiting,
    inReview,
    notQueued: counts.not_queued,
    verdict: counts.not_queued === 0 && inReview === 0 ? 'balanced' : 'explained',
    appointments,
    differences,
  };
}
