import { createHash } from 'node:crypto';
import type { Schedule, Task } from 'fhir/r4';
import { apportion, planRebalance, type StationCapacityView, type UnitTransfer } from '../../../domain/booking/rebalance';
import { addDays, localDateOf } from '../../../domain/time/local-time';
import { brusselsDayBounds } from '../../../domain/fhir/day';
import { capacityViewFromFhir, stationScheduleFromFhir, transferTaskFromFhir, transferTaskToFhir, unitKey } from '../../../domain/fhir/capacity';
import { capacityViewSystem, stationScheduleSystem, transferTaskSystem } from '../../../domain/fhir/systems';
import { createOnce, isOk, sendWrites } from './fhir-io';
import type { CentreDeps } from './options';

/**
 * (b) Planning, by any station, from what the stations published at the backend. Only stations
 * whose heartbeat is fresh take part (a station cut off from the backend is neither asked to give
 * nor given anything). Free units of slots starting within `leadMs`, and units named in requests
 * still open, are left out. booking's `planRebalance` spreads each slot's free units by weight;
 * of its moves only those to a station holding less than half its fair share of a slot are
 * requested, so that bookings do not make units shuttle back and forth. The moves become one
 * Task per giver and receiver, created once (its identifier hashes the request, so two stations
 * planning from the same views at the same time make the same Tasks).
 */

export interface PlanReport {
  /** Stations connected (fresh heartbeat) whose views were used. */
  stations: string[];
  /** Stations known at the backend but not connected now. */
  notConnected: string[];
  transfers: number;
  tasks: number;
}

/** Keeps the moves to a station that holds less than half its fair share of that slot's free units. */
export function starvedOnly(views: readonly StationCapacityView[], transfers: readonly UnitTransfer[], weights: Record<string, number> = {}): UnitTransfer[] {
  const stations = [...views].sort((a, b) => a.stationId.localeCompare(b.stationId));
  const weightOf = (id: string) => Math.max(0, weights[id] ?? 1);
  const free = new Map<string, Map<string, number>>();
  for (const v of stations) {
    for (const s of v.slots) {
      const booked = new Set(s.booked);
      const n = new Set(s.owned.filter((u) => !booked.has(u))).size;
      let per = free.get(s.slotId);
      if (!per) free.set(s.slotId, (per = new Map()));
      per.set(v.stationId, n);
    }
  }
  const targets = new Map<string, Map<string, number>>();
  for (const [slotId, per] of free) {
    const total = [...per.values()].reduce((a, b) => a + b, 0);
    const split = apportion(total, stations.map((s) => weightOf(s.stationId)));
    targets.set(slotId, new Map(stations.map((s, i) => [s.stationId, split[i]!])));
  }
  return transfers.filter((t) => {
    const have = free.get(t.slotId)?.get(t.to) ?? 0;
    const fair = targets.get(t.slotId)?.get(t.to) ?? 0;
    return have < Math.ceil(fair / 2);
  });
}

function taskIdentifier(giver: string, receiver: string, units: readonly string[], bucket: number): string {
  return createHash('sha256').update(`${giver}>${receiver}@${bucket}:${[...units].sort().join(',')}`).digest('hex').slice(0, 32);
}

export async function planThroughBackend(deps: CentreDeps, weights?: Record<string, number>): Promise<PlanReport> {
  const { clock, client, centreId, stationId, options } = deps;
  const now = clock.now();
  const today = localDateOf(now);
  const schedules = await client.search<Schedule>('Schedule', { identifier: `${stationScheduleSystem(centreId)}|`, _count: '500' }, 5000);
  const fresh = new Set<string>();
  const notConnected: string[] = [];
  for (const s of schedules) {
    const st = stationScheduleFromFhir(s, centreId);
    if (!st) continue;
    const alive = st.aliveAt ? Date.parse(st.aliveAt) : Number.NaN;
    if (Math.abs(now.getTime() - alive) <= options.freshMs) fresh.add(st.stationId);
    else notConnected.push(st.stationId);
  }
  const stations = [...fresh].sort();
  if (stations.length < 2) return { stations, notConnected: notConnected.sort(), transfers: 0, tasks: 0 };

  const range = [`ge${brusselsDayBounds(today).start}`, `lt${brusselsDayBounds(addDays(today, options.horizonDays - 1)).end}`];
  const viewResources = await client.search<Schedule>('Schedule', { identifier: `${capacityViewSystem(centreId)}|`, date: range, _count: '500' }, 50_000);
  const openTasks = await client.search<Task>('Task', { identifier: `${transferTaskSystem(centreId)}|`, status: 'requested', _count: '500' }, 5000);
  // Units named in requests still open count as their receiver's already (the move is under way).
  const pending = new Map<string, string>();
  for (const t of openTasks) {
    const task = transferTaskFromFhir(t, centreId);
    if (task && Date.parse(task.expiresAt) > now.getTime()) for (const u of task.units) pending.set(unitKey(u.slotId, u.unit), task.receiver);
  }
  const earliest = now.getTime() + options.leadMs;
  const bySlot = new Map<string, Map<string, number[]>>();
  const add = (station: string, slotId: string, unit: number) => {
    let per = bySlot.get(slotId);
    if (!per) bySlot.set(slotId, (per = new Map()));
    per.set(station, [...(per.get(station) ?? []), unit]);
  };
  for (const resource of viewResources) {
    const v = capacityViewFromFhir(resource, centreId);
    if (!v || !fresh.has(v.stationId)) continue;
    for (const s of v.slots) {
      if (Date.parse(s.start) < earliest) continue;
      for (const u of s.free) add(pending.get(unitKey(s.slotId, u)) ?? v.stationId, s.slotId, u);
    }
  }
  const views = new Map<string, StationCapacityView>(stations.map((id) => [id, { stationId: id, slots: [] }]));
  for (const [slotId, per] of bySlot) for (const [station, units] of per) views.get(station)?.slots.push({ slotId, owned: units, booked: [] });
  const all = [...views.values()];
  // A pending unit is not the giver's to give again: only units not under way are proposed.
  const movable = (t: UnitTransfer) => !pending.has(unitKey(t.slotId, t.unit));
  const transfers = starvedOnly(all, planRebalance(all, weights ? { weights } : {}).filter(movable), weights);

  const groups = new Map<string, UnitTransfer[]>();
  for (const t of transfers) {
    const key = `${t.from}\n${t.to}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const bucket = Math.floor(now.getTime() / Math.max(1, options.roundEveryMs));
  const system = transferTaskSystem(centreId);
  const writes = [...groups.values()].map((list) => {
    const giver = list[0]!.from;
    const receiver = list[0]!.to;
    const identifier = taskIdentifier(giver, receiver, list.map((t) => unitKey(t.slotId, t.unit)), bucket);
    const task = transferTaskToFhir(centreId, {
      identifier,
      giver,
      receiver,
      requester: stationId,
      units: list.map((t) => ({ slotId: t.slotId, unit: t.unit })),
      authoredOn: now.toISOString(),
      expiresAt: new Date(now.getTime() + options.taskTtlMs).toISOString(),
      status: 'requested',
    });
    return createOnce('Task', task, system, identifier);
  });
  const statuses = writes.length > 0 ? await sendWrites(client, writes) : [];
  const tasks = statuses.filter(isOk).length;
  if (tasks < writes.length) deps.log(`centre-sync: ${writes.length - tasks} transfer requests were refused by the backend`);
  return { stations, notConnected: notConnected.sort(), transfers: transfers.length, tasks };
}
