import type { z } from 'zod';
import type { ObservationView, ReactionView } from '../../../shared/api/observation';
import { observationTiming } from '../../../domain/observation/period';
import type { ObservationRow, ReactionRow } from './observation-store';

export function reactionView(r: ReactionRow): z.infer<typeof ReactionView> {
  return {
    id: r.id,
    at: r.at,
    manifestation: r.manifestation as z.infer<typeof ReactionView>['manifestation'],
    text: r.text,
    severity: r.severity,
    action: r.action as z.infer<typeof ReactionView>['action'],
    note: r.note,
    recordedBy: r.recorded_by,
    status: r.status,
    voidReason: r.void_reason,
  };
}

/** An observation as the screens show it; once released, the time is what it was at release. */
export function observationView(o: ObservationRow, reactions: readonly ReactionRow[], now: Date): z.infer<typeof ObservationView> {
  const timing = observationTiming(o.started_at, o.minutes, o.released_at ? new Date(o.released_at) : now);
  return {
    id: o.id,
    doseId: o.dose_id,
    ssin: o.ssin,
    displayName: o.display_name,
    productCode: o.product_code,
    startedAt: o.started_at,
    endsAt: timing.endsAt,
    minutes: o.minutes,
    allergyHistory: o.allergy_history === 1,
    minutesLeft: timing.minutesLeft,
    overdue: timing.overdue,
    released: o.released_at ? { at: o.released_at, by: o.released_by ?? '', reason: o.release_reason } : null,
    reactions: reactions.map(reactionView),
  };
}
