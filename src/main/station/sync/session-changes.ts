import type { Db } from '../../adapters/sqlite/database';
import { isDoseDeskError } from '../../../shared/errors';
import { sessionIdOfChange } from '../../../domain/fhir/session-change';
import { localDateOf, localTimeOf } from '../../../domain/time/local-time';
import { allocationAppliedLookup } from '../capacity/capacity-queries';
import { insertAppliedAllocation } from '../capacity/capacity-store';
import { findSession } from '../capacity/calendar-store';
import { changeSessionMovingBookings, closeSessionMovingBookings } from '../capacity/session-changes';
import { sessionChangesFromDay, type StoredCapacity } from './pulled-store';
import { addReview } from './review-store';

/**
 * A session another station of the centre closed or changed (its Schedule `session:<id>`, see
 * centre-sync/sessions.ts), applied here at the pull, after the allocations, in the backend's
 * order. This station's own bookings that no longer fit go to its follow-up desk through
 * `moveToFollowUp` (booking's cancel-to-follow-up: the cancellation is sent and the person
 * messaged like any cancel). Each server version is applied once; a state the session is
 * already in (the station's own change coming back, a repeat) changes nothing.
 */

export const CLOSED_BY_CENTRE = 'session-closed-by-centre';
export const CHANGED_BY_CENTRE = 'session-changed-by-centre';

export type MoveToFollowUp = (appointmentId: string, reason: string) => void;

export interface SessionChangesReport {
  /** Server versions applied (a session closed or changed here, or already in that state). */
  applied: number;
  /** This station's bookings moved to its follow-up desk. */
  moved: number;
  /** Changes of sessions this station does not know (nothing of it to move): applied if it learns them. */
  unknown: number;
}

const idOf = (r: StoredCapacity) => `backend:${r.remoteId}@${r.versionId ?? '0'}`;

export function applyPulledSessionChanges(db: Db, centreId: string, now: Date, fromDay: string, moveToFollowUp: MoveToFollowUp): SessionChangesReport {
  const report: SessionChangesReport = { applied: 0, moved: 0, unknown: 0 };
  const known = allocationAppliedLookup(db);
  for (const r of sessionChangesFromDay(db, fromDay)) {
    const sessionId = sessionIdOfChange(r.recordId);
    if (!sessionId || (r.centreId && r.centreId !== centreId) || known(idOf(r))) continue;
    const session = findSession(db, sessionId);
    if (!session) {
      report.unknown++;
      continue;
    }
    try {
      report.moved += applyOne(db, r, sessionId, now, moveToFollowUp);
      report.applied++;
    } catch (error) {
      // A change this station cannot make (an end before the start): a person looks, once.
      if (!isDoseDeskError(error)) throw error;
      db.transaction(() => {
        addReview(
          db,
          {
            outboxId: null,
            recordId: idOf(r),
            recordType: 'capacity',
            personKey: `capacity:${centreId}`,
            personLabel: `Session ${session.date} ${session.start_local} (${session.product_code})`,
            kind: 'capacity_conflict',
            reason: `The centre's change of this session could not be applied (${error.code}: ${JSON.stringify(error.params)}).`,
            dedupeKey: idOf(r),
          },
          now,
        );
        recordApplied(db, r, now);
      }).immediate();
    }
  }
  return report;
}

function recordApplied(db: Db, r: StoredCapacity, now: Date): void {
  insertAppliedAllocation(db, { id: idOf(r), source: 'backend', issuedAt: r.lastUpdated ?? r.fetchedAt, receivedAt: now.toISOString(), appliedUnits: 0, unchangedUnits: 0, conflicts: '[]' });
}

/** One server version in one transaction: the session's new state and the bookings moved; how many. */
function applyOne(db: Db, r: StoredCapacity, sessionId: string, now: Date, moveToFollowUp: MoveToFollowUp): number {
  return db.transaction(() => {
    const session = findSession(db, sessionId)!;
    let moved = 0;
    if (!r.active) {
      moved = closeSessionMovingBookings(db, sessionId, (id) => moveToFollowUp(id, CLOSED_BY_CENTRE));
    } else if (session.status === 'open' && r.end && typeof r.capacityPerSlot === 'number' && r.capacityPerSlot > 0) {
      const end = localTimeOf(r.end);
      // Only the end and places per slot can change: the date and start name the session.
      if (localDateOf(r.end) === session.date && (end !== session.end_local || r.capacityPerSlot !== session.capacity_per_slot)) {
        moved = changeSessionMovingBookings(db, sessionId, { end, capacityPerSlot: r.capacityPerSlot }, (id) => moveToFollowUp(id, CHANGED_BY_CENTRE)).affected.length;
      }
    }
    recordApplied(db, r, now);
    return moved;
  }).immediate();
}
