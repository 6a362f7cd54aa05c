import { createHash } from 'node:crypto';
import type { Schedule } from 'fhir/r4';
import type { Db } from '../../adapters/sqlite/database';
import { addDays, localDateOf } from '../../../domain/time/local-time';
import { brusselsDayBounds } from '../../../domain/fhir/day';
import { capacityViewToFhir, stationScheduleToFhir, type ViewSlot } from '../../../domain/fhir/capacity';
import { capacityViewSystem, stationScheduleSystem } from '../../../domain/fhir/systems';
import { isOk, putByIdentifier, sendWrites, type Write } from './fhir-io';
import { ensureOpen, type CentreDeps } from './options';
import { publishedFingerprint, recordPublished } from './store';
import { freeOwnedUnits, ownsUnitBetween, transferredBetween } from '../capacity/capacity-queries';

/**
 * (a) Each station publishes what it can give: per day, the FREE units it owns in each slot not
 * yet started, as one compact Schedule (identifier `<station>/<day>`), plus its own Schedule as a
 * heartbeat. Only days whose content changed since the last publication are sent.
 */

export function horizon(now: Date, days: number): { from: string; to: string; days: string[] } {
  const from = localDateOf(now);
  const list = Array.from({ length: days }, (_, i) => addDays(from, i));
  return { from, to: list[list.length - 1] ?? from, days: list };
}

/**
 * Does this station hold capacity in the horizon: it owns a unit there, or gave or took one there
 * (a station that gave all its free units away still books). Only such stations take part in
 * rebalancing; a desk that never held capacity (supervisor, check-in) is never given any.
 */
export function holdsCapacity(db: Db, stationId: string, from: string, to: string): boolean {
  return ownsUnitBetween(db, stationId, from, to) || transferredBetween(db, stationId, from, to);
}

/** Free units this station owns per slot, by day, for slots starting after `now`. */
export function freeUnitsByDay(db: Db, stationId: string, from: string, to: string, now: Date): Map<string, ViewSlot[]> {
  const rows = freeOwnedUnits(db, stationId, from, to, now.toISOString());
  const byDay = new Map<string, ViewSlot[]>();
  for (const r of rows) {
    let slots = byDay.get(r.local_date);
    if (!slots) byDay.set(r.local_date, (slots = []));
    let slot = slots[slots.length - 1];
    if (!slot || slot.slotId !== r.slot_id) slots.push((slot = { slotId: r.slot_id, start: r.start_at, free: [] }));
    slot.free.push(r.unit);
  }
  return byDay;
}

const fingerprint = (slots: readonly ViewSlot[]) => createHash('sha1').update(JSON.stringify(slots)).digest('hex');

export interface PublishReport {
  heartbeat: boolean;
  views: number;
}

/** Heartbeat and changed day views, in one batch. */
export async function publishCapacity(deps: CentreDeps): Promise<PublishReport> {
  const { db, clock, client, centreId, stationId, options } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const range = horizon(now, options.horizonDays);
  const byDay = freeUnitsByDay(db, stationId, range.from, range.to, now);
  const writes: Write[] = [putByIdentifier('Schedule', stationScheduleToFhir(centreId, stationId, at), stationScheduleSystem(centreId), stationId)];
  const changed: { day: string; fp: string }[] = [];
  for (const day of range.days) {
    const slots = byDay.get(day) ?? [];
    const fp = fingerprint(slots);
    const last = publishedFingerprint(db, stationId, day);
    // A day never published with nothing to give needs no resource.
    if (last === fp || (last === null && slots.length === 0)) continue;
    const view: Schedule = capacityViewToFhir(centreId, { stationId, day, publishedAt: at, slots }, brusselsDayBounds(day));
    writes.push(putByIdentifier('Schedule', view, capacityViewSystem(centreId), `${stationId}/${day}`));
    changed.push({ day, fp });
  }
  const statuses = await sendWrites(client, writes);
  ensureOpen(db);
  let views = 0;
  db.transaction(() => {
    changed.forEach((c, i) => {
      if (!isOk(statuses[i + 1]!)) return;
      recordPublished(db, stationId, c.day, c.fp, at);
      views++;
    });
  }).immediate();
  if (!isOk(statuses[0]!)) deps.log(`centre-sync: heartbeat refused (HTTP ${statuses[0]})`);
  return { heartbeat: isOk(statuses[0]!), views };
}
