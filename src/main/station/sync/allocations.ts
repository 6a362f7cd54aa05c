import type { Db } from '../../adapters/sqlite/database';
import { isDoseDeskError } from '../../../shared/errors';
import type { CapacityAllocation, CapacityShare, SessionDefinition } from '../../../domain/booking/allocation';
import { localDateOf, localTimeOf } from '../../../domain/time/local-time';
import { parseUnits } from '../../../domain/fhir/capacity';
import { sessionIdOfChange } from '../../../domain/fhir/session-change';
import { DEFAULT_PRODUCTS } from '../../../domain/vaccines/products';
import { applyCapacityAllocation, type AllocationConflict } from '../capacity/capacity';
import { ensureProducts, findProduct } from '../products/products';
import { sessionIdOf, slotsOfSession } from '../capacity/calendar';
import { allocationAppliedLookup, coveringOpenSession, unitEpochLookup } from '../capacity/capacity-queries';
import { capacityFromDay, type StoredCapacity } from './pulled-store';
import { addReview } from './review-store';

/**
 * Gap 1: capacity the backend allocates (Schedules pulled by sync into sync_capacity) becomes the
 * station's calendar and unit owners, through booking's `applyCapacityAllocation`.
 *
 * A pulled Schedule is read as:
 * - a session definition when it carries slot-minutes and capacity-per-slot (its planningHorizon
 *   gives the Brussels day, start and end; its serviceType the product);
 * - a station's share when it names a station (Device actor) and carries capacity-units (`0-3,8`):
 *   those unit numbers of every slot of the session it covers (the whole session when the
 *   horizons are equal, otherwise the slots starting inside its horizon).
 * One Schedule may be both. Others (a number of doses only) are information, not applied.
 *
 * Each server version of a Schedule is one allocation (`backend:<id>@<version>`), applied once.
 * A unit already owned by another station is never moved: the conflict goes to the review list
 * (kind capacity_conflict) for the supervisor. A unit that has since moved by a transfer (epoch
 * above 0) is not a conflict: the transfer between stations came after the allocation.
 */

export interface AllocationReport {
  applied: number;
  units: number;
  conflicts: number;
  /** Allocations that could not be applied yet (unknown product or session): in review. */
  problems: number;
}

const ID = (r: StoredCapacity) => `backend:${r.remoteId}@${r.versionId ?? '0'}`;

function label(r: StoredCapacity): string {
  const start = r.start ? `${localDateOf(r.start)} ${localTimeOf(r.start)}` : '?';
  const end = r.end ? localTimeOf(r.end) : '?';
  return `Capacity ${r.productCode ?? '?'} ${start}-${end}${r.stationId ? ` (${r.stationId})` : ''}`;
}

function review(db: Db, centreId: string, r: StoredCapacity, reason: string, detail: Record<string, unknown>, now: Date): void {
  addReview(
    db,
    {
      outboxId: null,
      recordId: ID(r),
      recordType: 'capacity',
      personKey: `capacity:${centreId}`,
      personLabel: label(r),
      kind: 'capacity_conflict',
      reason,
      detail: { remoteId: r.remoteId, versionId: r.versionId ?? null, ...detail },
      dedupeKey: ID(r),
    },
    now,
  );
}

/** The allocation a pulled row stands for, or why it cannot be applied (null: nothing to apply). */
function toAllocation(db: Db, centreId: string, r: StoredCapacity): { allocation: CapacityAllocation } | { problem: string } | null {
  if (!r.start || !r.end || !r.productCode) return null;
  const date = localDateOf(r.start);
  const start = localTimeOf(r.start);
  const end = localTimeOf(r.end);
  const defines = typeof r.slotMinutes === 'number' && typeof r.capacityPerSlot === 'number';
  const units = r.stationId ? parseUnits(r.units) : null;
  if (!defines && !units) {
    if (r.stationId && r.units) return { problem: `The backend allocation's unit numbers "${r.units}" cannot be read.` };
    return null;
  }
  if (localDateOf(r.end) !== date || end <= start) return { problem: `The backend allocation does not end later on the day it starts (${r.start} to ${r.end}).` };
  const sessions: SessionDefinition[] = defines ? [{ date, productCode: r.productCode, start, end, slotMinutes: r.slotMinutes!, capacityPerSlot: r.capacityPerSlot! }] : [];
  const shares: CapacityShare[] = [];
  if (units && units.length > 0 && r.stationId) {
    if (sessions[0]) {
      shares.push({ sessionId: sessionIdOf(centreId, sessions[0]), stationId: r.stationId, units });
    } else {
      const covering = coveringOpenSession(db, date, r.productCode, start, end);
      if (!covering) return { problem: `The backend gives ${r.stationId} units of a ${r.productCode} session on ${date} ${start}-${end} that this station does not know.` };
      if (covering.start_local === start && covering.end_local === end) {
        shares.push({ sessionId: covering.id, stationId: r.stationId, units });
      } else {
        const from = Date.parse(r.start);
        const to = Date.parse(r.end);
        for (const slot of slotsOfSession(db, covering.id)) {
          const at = Date.parse(slot.start_at);
          if (at >= from && at < to) shares.push({ sessionId: covering.id, slotStart: slot.start_at, stationId: r.stationId, units });
        }
      }
    }
  }
  return { allocation: { id: ID(r), source: 'backend', issuedAt: r.lastUpdated ?? r.fetchedAt, centreId, sessions, shares } };
}

/** Conflicts a person must see: not units that moved by a transfer after the allocation. */
function realConflicts(db: Db, conflicts: readonly AllocationConflict[]): AllocationConflict[] {
  const epochOf = unitEpochLookup(db);
  return conflicts.filter((c) => {
    if (c.problem !== 'owned_elsewhere') return true;
    const epoch = epochOf(c.slotId, c.unit);
    return epoch === undefined || epoch === 0;
  });
}

function conflictReason(r: StoredCapacity, conflicts: readonly AllocationConflict[]): string {
  const groups = new Map<string, number>();
  for (const c of conflicts) {
    const key = c.problem === 'owned_elsewhere' ? `units already owned by ${c.owner} (given to ${c.proposed})` : `${c.problem.replace(/_/g, ' ')} for ${c.proposed}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const what = [...groups].map(([k, n]) => `${n} ${k}`).join('; ');
  return `The backend allocation ${r.remoteId} (version ${r.versionId ?? '?'}) was applied except: ${what}. Those units were left as they were; check the allocation with the federal platform.`;
}

/**
 * Applies every active pulled allocation from `fromDay` on that this station has not applied yet:
 * session definitions first, then shares, each in the order the backend wrote them.
 */
export function applyPulledAllocations(db: Db, centreId: string, now: Date, fromDay: string = localDateOf(now)): AllocationReport {
  const report: AllocationReport = { applied: 0, units: 0, conflicts: 0, problems: 0 };
  // A session change names a session the stations already know: session-changes.ts applies it.
  const rows = capacityFromDay(db, fromDay).filter((r) => (!r.centreId || r.centreId === centreId) && sessionIdOfChange(r.recordId) === null);
  const defining = (r: StoredCapacity) => (typeof r.slotMinutes === 'number' && typeof r.capacityPerSlot === 'number' ? 0 : 1);
  const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => defining(a.r) - defining(b.r) || a.i - b.i);
  const known = allocationAppliedLookup(db);
  for (const { r } of ordered) {
    if (known(ID(r))) continue;
    const converted = toAllocation(db, centreId, r);
    if (!converted) continue;
    if ('problem' in converted) {
      review(db, centreId, r, converted.problem, {}, now);
      report.problems++;
      continue;
    }
    try {
      // A product of the built-in catalogue that this station has not configured yet is added as is.
      const builtIn = DEFAULT_PRODUCTS.find((p) => p.code === r.productCode);
      if (builtIn && !findProduct(db, builtIn.code)) ensureProducts(db, [builtIn], now);
      const result = applyCapacityAllocation(db, converted.allocation, now);
      report.applied++;
      report.units += result.appliedUnits;
      const conflicts = realConflicts(db, result.conflicts);
      if (conflicts.length > 0) {
        review(db, centreId, r, conflictReason(r, conflicts), { conflicts: conflicts.slice(0, 100) }, now);
        report.conflicts += conflicts.length;
      }
    } catch (error) {
      // An unknown product or an impossible session (refused by booking or by the allocation schema).
      const why = isDoseDeskError(error) ? `${error.code}: ${JSON.stringify(error.params)}` : (error as Error).name === 'ZodError' ? 'values out of range' : null;
      if (why === null) throw error;
      review(db, centreId, r, `The backend allocation could not be applied (${why}).`, {}, now);
      report.problems++;
    }
  }
  return report;
}
