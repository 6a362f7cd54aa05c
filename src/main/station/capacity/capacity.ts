import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { CapacityAllocation, type SessionDefinition } from '../../../domain/booking/allocation';
import { initialSplit, type StationCapacityView, type UnitTransfer } from '../../../domain/booking/rebalance';
import type { LocalDate } from '../../../domain/time/local-time';
import { sessionEnsurer, sessionIdOf, sessionsOfDay, slotsOfSession, type SlotRow } from './calendar';
import { newId } from '../base/ids';
import {
  findAppliedAllocation,
  insertAppliedAllocation,
  insertLearnedTransfer,
  insertReleasedTransfer,
  insertUnitOwner,
  ownedUnitRows,
  ownedUnitsReader,
  ownerStations,
  releasedTransferRows,
  sessionOwnerRows,
  sessionsUnitsInserter,
  type SessionUnits,
  setUnitOwner,
  unitOwnerStatements,
  unitState,
  unitStateReader,
} from './capacity-store';
import { slotExists } from './calendar-store';

/**
 * Capacity escrow on one station: who owns which unit of which slot, as this station knows it.
 * This station books only units whose owner is itself (see appointments.ts); ownership is set
 * once by an allocation and afterwards moves only through two-phase transfers.
 */

export interface AllocationConflict {
  slotId: string;
  unit: number;
  owner: string | null;
  proposed: string;
  problem: 'owned_elsewhere' | 'beyond_capacity' | 'unknown_session' | 'unknown_slot';
}

export interface AllocationResult {
  allocationId: string;
  alreadyApplied: boolean;
  sessionsCreated: number;
  appliedUnits: number;
  unchangedUnits: number;
  conflicts: AllocationConflict[];
}

/**
 * Applies a capacity allocation (from the federal backend, the supervisor's split or the demo
 * seed) in one transaction. Sessions it defines are created (or their capacity raised); each unit
 * it assigns gets that owner only if nobody owns it yet. A unit already owned by a different
 * station is left alone and reported as a conflict: moving it would let two stations book it.
 * Applying the same allocation twice changes nothing.
 */
export function applyCapacityAllocation(db: Db, allocation: CapacityAllocation, now: Date = new Date(allocation.issuedAt)): AllocationResult {
  return applyCapacityAllocations(db, [allocation], now)[0]!;
}

/**
 * `applyCapacityAllocation` for many allocations in one transaction, with its statements prepared
 * once (the demo seed applies one per day of months of calendar). Each allocation gives the same
 * result as applied alone, in order.
 */
export function applyCapacityAllocations(db: Db, allocations: readonly CapacityAllocation[], now: Date): AllocationResult[] {
  return db.transaction((): AllocationResult[] => {
    const applier = allocationApplier(db, now);
    const results = allocations.map(applier.apply);
    applier.giveFreshUnits();
    return results;
  }).immediate();
}

/** A session created by the allocation being applied: its units are given out without per-unit checks. */
interface FreshSession {
  capacity: number;
  /** How many slots it has, all new. */
  slots: number;
  given: Set<number>;
}

interface FreshUnitGiver {
  add(give: SessionUnits, expected: number): void;
  give(): void;
}

/**
 * The units of new sessions, given out in one statement for all of them (sorted by the key they are
 * stored under) instead of one per session and station: a season of calendar is about 1,400
 * statements writing all over the table otherwise. Nothing reads those units before they are given:
 * `give` first gives what is pending whenever an allocation is checked unit by unit.
 */
function freshUnitGiver(db: Db): FreshUnitGiver {
  const insert = sessionsUnitsInserter(db);
  let pending: SessionUnits[] = [];
  let expected = 0;
  return {
    add(give, count) {
      pending.push(give);
      expected += count;
    },
    give() {
      if (pending.length === 0) return;
      const given = insert(pending);
      // Every slot of a new session is new and unowned: anything else is a bug, and the transaction is rolled back.
      if (given !== expected) throw new Error(`capacity units given ${given}, expected ${expected}`);
      pending = [];
      expected = 0;
    },
  };
}

/** Connections whose new sessions' units are held back across allocations (deferFreshUnits). */
const deferredGivers = new WeakMap<Db, FreshUnitGiver>();

/**
 * Holds back the units of new sessions of every allocation applied on `db` until `give()`, inside
 * the caller's transaction: a calendar imported in parts (the demo seed, a month at a time) still
 * writes all its units in one sorted statement. An allocation checked unit by unit gives them first.
 * `drop()` forgets them (the transaction is being rolled back).
 */
export function deferFreshUnits(db: Db): { give(): void; drop(): void } {
  if (deferredGivers.has(db)) throw new Error('new sessions\' units are already held back on this connection');
  const giver = freshUnitGiver(db);
  deferredGivers.set(db, giver);
  return {
    give() {
      deferredGivers.delete(db);
      giver.give();
    },
    drop: () => void deferredGivers.delete(db),
  };
}

function allocationApplier(db: Db, now: Date): { apply(allocation: CapacityAllocation): AllocationResult; giveFreshUnits(): void } {
  const at = now.toISOString();
  const ensurers = new Map<string, ReturnType<typeof sessionEnsurer>>();
  const ensurerFor = (source: 'seed' | 'backend' | 'supervisor') => {
    let e = ensurers.get(source);
    if (!e) ensurers.set(source, (e = sessionEnsurer(db, source, now)));
    return e;
  };
  const units = unitOwnerStatements(db);
  const deferred = deferredGivers.get(db);
  const fresh = deferred ?? freshUnitGiver(db);
  const apply = (allocation: CapacityAllocation): AllocationResult => {
    const a = CapacityAllocation.parse(allocation);
    const seen = findAppliedAllocation(db, a.id);
    if (seen) {
      return { allocationId: a.id, alreadyApplied: true, sessionsCreated: 0, appliedUnits: seen.applied_units, unchangedUnits: seen.unchanged_units, conflicts: JSON.parse(seen.conflicts) as AllocationConflict[] };
    }
    const ensure = ensurerFor(a.source === 'backend' ? 'backend' : a.source === 'seed' ? 'seed' : 'supervisor');
    let sessionsCreated = 0;
    const newSessions = new Map<string, FreshSession>();
    for (const def of a.sessions) {
      const r = ensure(a.centreId, def);
      if (!r.created) continue;
      sessionsCreated++;
      if (r.freshSlots > 0) newSessions.set(r.sessionId, { capacity: def.capacityPerSlot, slots: r.freshSlots, given: new Set() });
    }

    const slotsBySession = new Map<string, SlotRow[]>();
    const conflicts: AllocationConflict[] = [];
    let applied = 0;
    let unchanged = 0;
    for (const share of a.shares) {
      // A new session's slots have no owner yet, so distinct units within capacity that no other
      // share of this allocation gave cannot conflict: one statement gives them in every slot.
      const newSession = share.slotStart ? undefined : newSessions.get(share.sessionId);
      if (newSession) {
        if (new Set(share.units).size === share.units.length && share.units.every((u) => u < newSession.capacity && !newSession.given.has(u))) {
          share.units.forEach((u) => newSession.given.add(u));
          const count = share.units.length * newSession.slots;
          fresh.add({ sessionId: share.sessionId, stationId: share.stationId, units: share.units, at }, count);
          applied += count;
          continue;
        }
      }
      // Anything else is checked unit by unit, against every unit given so far, and the session is no longer taken as empty.
      fresh.give();
      newSessions.delete(share.sessionId);
      let slots = slotsBySession.get(share.sessionId);
      if (!slots) slotsBySession.set(share.sessionId, (slots = slotsOfSession(db, share.sessionId)));
      if (slots.length === 0) {
        conflicts.push({ slotId: '', unit: -1, owner: null, proposed: share.stationId, problem: 'unknown_session' });
        continue;
      }
      const targets = share.slotStart ? slots.filter((s) => Date.parse(s.start_at) === Date.parse(share.slotStart!)) : slots;
      if (targets.length === 0) conflicts.push({ slotId: '', unit: -1, owner: null, proposed: share.stationId, problem: 'unknown_slot' });
      for (const slot of targets) {
        for (const unit of share.units) {
          if (unit >= slot.capacity) {
            conflicts.push({ slotId: slot.id, unit, owner: null, proposed: share.stationId, problem: 'beyond_capacity' });
            continue;
          }
          const owner = units.ownerOf(slot.id, unit);
          if (owner === null) {
            units.insertOwner(slot.id, unit, share.stationId, at);
            applied++;
          } else if (owner === share.stationId) unchanged++;
          else conflicts.push({ slotId: slot.id, unit, owner, proposed: share.stationId, problem: 'owned_elsewhere' });
        }
      }
    }
    insertAppliedAllocation(db, { id: a.id, source: a.source, issuedAt: a.issuedAt, receivedAt: at, appliedUnits: applied, unchangedUnits: unchanged, conflicts: JSON.stringify(conflicts.slice(0, 1000)) });
    return { allocationId: a.id, alreadyApplied: false, sessionsCreated, appliedUnits: applied, unchangedUnits: unchanged, conflicts };
  };
  // Held back for the caller (deferFreshUnits): given with the rest of its calendar.
  return { apply, giveFreshUnits: () => void (deferred ? undefined : fresh.give()) };
}

/**
 * The shares of sessions whose units nobody owns yet, split between stations by weight (the
 * interleaved split every station would compute). Units already owned are left out: to move
 * those, rebalance.
 */
export function splitAllocation(
  db: Db,
  input: { centreId: string; sessionIds: string[]; stationIds: string[]; weights?: Record<string, number>; source: 'supervisor' | 'seed'; id: string; now: Date; sessions?: SessionDefinition[] },
): CapacityAllocation {
  if (input.stationIds.length === 0) throw new DoseDeskError('capacity.no_stations');
  const shares: CapacityAllocation['shares'] = [];
  const ownedUnits = ownedUnitsReader(db);
  for (const sessionId of input.sessionIds) {
    for (const slot of slotsOfSession(db, sessionId)) {
      const taken = new Set(ownedUnits(slot.id));
      const free = Array.from({ length: slot.capacity }, (_, u) => u).filter((u) => !taken.has(u));
      if (free.length === 0) continue;
      const split = initialSplit(free.length, input.stationIds, input.weights);
      const byStation = new Map<string, number[]>();
      for (const [index, station] of split) byStation.set(station, [...(byStation.get(station) ?? []), free[index]!]);
      for (const [stationId, units] of byStation) shares.push({ sessionId, slotStart: slot.start_at, stationId, units });
    }
  }
  return { id: input.id, source: input.source, issuedAt: input.now.toISOString(), centreId: input.centreId, sessions: input.sessions ?? [], shares };
}

/** For shares that are the same in every slot of a session (the usual case): one share per station. */
export function sessionShares(sessionId: string, capacity: number, stationIds: readonly string[], weights?: Record<string, number>): CapacityAllocation['shares'] {
  const byStation = new Map<string, number[]>();
  for (const [unit, station] of initialSplit(capacity, stationIds, weights)) byStation.set(station, [...(byStation.get(station) ?? []), unit]);
  return [...byStation].map(([stationId, units]) => ({ sessionId, stationId, units }));
}

/** What this station owns and has booked, for the rebalancing planner. */
export function stationCapacityView(db: Db, stationId: string, range: { from: LocalDate; to: LocalDate }): StationCapacityView {
  const rows = ownedUnitRows(db, stationId, range.from, range.to);
  const slots = new Map<string, { slotId: string; owned: number[]; booked: number[] }>();
  for (const r of rows) {
    let s = slots.get(r.slot_id);
    if (!s) slots.set(r.slot_id, (s = { slotId: r.slot_id, owned: [], booked: [] }));
    s.owned.push(r.unit);
    if (r.booked) s.booked.push(r.unit);
  }
  return { stationId, slots: [...slots.values()] };
}

/** A committed release, as the giver hands it to the receiver (and to anyone else who listens). */
export interface TransferRecord {
  id: string;
  slotId: string;
  unit: number;
  from: string;
  to: string;
  epoch: number;
  releasedAt: string;
}

/**
 * Phase one, on the giver: releases the proposed units that are still owned by this station and
 * still free, in one transaction. Only the returned records may be handed to the receiver, and
 * only after this function returned (the release is committed). A unit booked in the meantime is
 * simply not released.
 */
export function releaseCapacity(db: Db, stationId: string, transfers: readonly UnitTransfer[], now: Date): TransferRecord[] {
  return db.transaction(() => {
    const out: TransferRecord[] = [];
    const unitRow = unitStateReader(db);
    for (const t of transfers) {
      if (t.from !== stationId || t.to === stationId) continue;
      const row = unitRow(t.slotId, t.unit);
      if (!row || row.owner_station !== stationId || !row.free) continue;
      const epoch = row.epoch + 1;
      const record: TransferRecord = { id: newId(), slotId: t.slotId, unit: t.unit, from: stationId, to: t.to, epoch, releasedAt: now.toISOString() };
      setUnitOwner(db, t.slotId, t.unit, t.to, epoch, record.releasedAt);
      insertReleasedTransfer(db, record);
      out.push(record);
    }
    return out;
  }).immediate();
}

export interface AcceptResult {
  accepted: number;
  observed: number;
  /** Already known (same or newer epoch): delivering a record twice is harmless. */
  duplicates: number;
  /** Records about slots this station does not know yet; deliver them again later. */
  unknownSlot: number;
  /** Would take a unit this station has booked: refused, reported to the supervisor. */
  refused: number;
}

/**
 * Phase two, on the receiver (or any station that learns of a committed release): takes the
 * ownership described by each record if it is newer than what this station knows. Idempotent.
 */
export function acceptCapacityTransfers(db: Db, stationId: string, records: readonly TransferRecord[], now: Date): AcceptResult {
  return db.transaction(() => {
    const result: AcceptResult = { accepted: 0, observed: 0, duplicates: 0, unknownSlot: 0, refused: 0 };
    for (const r of records) {
      if (!slotExists(db, r.slotId)) {
        result.unknownSlot++;
        continue;
      }
      const row = unitState(db, r.slotId, r.unit);
      if (row && row.epoch >= r.epoch) {
        result.duplicates++;
        continue;
      }
      // Cannot happen when every move goes through release(): refuse rather than double-book.
      if (row && row.owner_station === stationId && r.to !== stationId && !row.free) {
        result.refused++;
        continue;
      }
      if (row) setUnitOwner(db, r.slotId, r.unit, r.to, r.epoch, now.toISOString());
      else insertUnitOwner(db, r.slotId, r.unit, r.to, r.epoch, now.toISOString());
      const state = r.to === stationId ? 'accepted' : 'observed';
      insertLearnedTransfer(db, { id: r.id, slotId: r.slotId, unit: r.unit, from: r.from, to: r.to, epoch: r.epoch, state, releasedAt: r.releasedAt, recordedAt: now.toISOString() });
      if (state === 'accepted') result.accepted++;
      else result.observed++;
    }
    return result;
  }).immediate();
}

/** Releases this station committed, to hand (again) to their receivers: delivery may repeat. */
export function releasedTransfers(db: Db, stationId: string, since?: string): TransferRecord[] {
  const rows = releasedTransferRows(db, stationId, since ?? '');
  return rows.map((r) => ({ id: r.id, slotId: r.slot_id, unit: r.unit, from: r.from_station, to: r.to_station, epoch: r.epoch, releasedAt: r.released_at }));
}

export interface SessionShare {
  sessionId: string;
  date: string;
  productCode: string;
  start: string;
  end: string;
  slots: number;
  capacity: number;
  stations: { stationId: string; units: number; booked: number; free: number }[];
  /** Units no station owns (capacity added but not allocated). */
  unallocated: number;
}

/** Per session of a day: how many units each station owns, and how many of those this station knows booked. */
export function capacitySharesOfDay(db: Db, date: LocalDate): SessionShare[] {
  const sessions = sessionsOfDay(db, date);
  return sessions.map((s) => {
    const slots = slotsOfSession(db, s.id);
    const capacity = slots.reduce((sum, sl) => sum + sl.capacity, 0);
    const rows = sessionOwnerRows(db, s.id);
    const allocated = rows.reduce((sum, r) => sum + r.units, 0);
    return {
      sessionId: s.id,
      date: s.date,
      productCode: s.product_code,
      start: s.start_local,
      end: s.end_local,
      slots: slots.length,
      capacity,
      stations: rows.map((r) => ({ stationId: r.station, units: r.units, booked: r.booked, free: r.units - r.booked })),
      unallocated: Math.max(0, capacity - allocated),
    };
  });
}

/** Stations known to own capacity on this station's view, for splits and views. */
export function knownStations(db: Db): string[] {
  return ownerStations(db);
}

export { sessionIdOf };
