import type { Slot } from 'fhir/r4';
import { brusselsDayBounds } from '../../../domain/fhir/day';
import { unitSlotFromFhir, unitSlotToFhir, type UnitSlot } from '../../../domain/fhir/capacity';
import { stationScheduleSystem, token } from '../../../domain/fhir/systems';
import { localDateOf } from '../../../domain/time/local-time';
import { acceptCapacityTransfers, type TransferRecord } from '../capacity/capacity';
import { isOk, replaceVersion, sendWrites } from './fhir-io';
import { ensureOpen, type CentreDeps } from './options';
import { settleReclaimedRelease } from './store';
import { slotKnownLookup, unitEpochLookup } from '../capacity/capacity-queries';

/**
 * (d) Units on this station's Schedule at the backend, newer than this station knows:
 * - `busy-tentative` (released to it, not yet taken): it takes them at the backend FIRST, with
 *   If-Match on the version it read; only if that write succeeds does it book them locally. The
 *   giver's reclaim is the same kind of conditional write, so the backend lets exactly one of
 *   them through: a unit is never owned by both.
 * - `free` (taken by this station: its own acceptance, or its reclaim, whose answer may have
 *   been lost): it records the ownership locally.
 * Local acceptance is booking's `acceptCapacityTransfers` (only a newer epoch; idempotent).
 */

export interface ReceiveReport {
  /** Units taken at the backend in this round. */
  taken: number;
  /** Units that became this station's locally. */
  accepted: number;
}

export async function receiveUnits(deps: CentreDeps): Promise<ReceiveReport> {
  const { db, clock, client, centreId, stationId } = deps;
  const now = clock.now();
  const found = await client.search<Slot>(
    'Slot',
    { 'schedule:identifier': token(stationScheduleSystem(centreId), stationId), start: `ge${brusselsDayBounds(localDateOf(now)).start}`, _count: '500' },
    20_000,
  );
  ensureOpen(db);
  const knownSlot = slotKnownLookup(db);
  const localEpoch = unitEpochLookup(db);
  const toTake: { resource: Slot; unit: UnitSlot }[] = [];
  const taken: UnitSlot[] = [];
  for (const resource of found) {
    const unit = unitSlotFromFhir(resource, centreId);
    if (!unit || unit.holder !== stationId) continue;
    // A slot this station does not know yet: leave it at the backend until it does.
    if (!knownSlot(unit.slotId)) continue;
    const local = localEpoch(unit.slotId, unit.unit);
    if (local !== undefined && local >= unit.epoch) continue;
    if (unit.taken) taken.push(unit);
    else toTake.push({ resource, unit });
  }
  let acked = 0;
  if (toTake.length > 0) {
    const statuses = await sendWrites(
      client,
      toTake.map((t) => replaceVersion('Slot', t.resource, unitSlotToFhir(centreId, { ...t.unit, taken: true }))),
    );
    toTake.forEach((t, i) => {
      // 412: changed since the read (the giver reclaimed it, or our own repeat): read again next round.
      if (!isOk(statuses[i]!)) return;
      taken.push({ ...t.unit, taken: true });
      acked++;
    });
  }
  ensureOpen(db);
  if (taken.length === 0) return { taken: 0, accepted: 0 };
  const records: TransferRecord[] = taken.map((u) => ({ id: u.move.id, slotId: u.slotId, unit: u.unit, from: u.move.from, to: stationId, epoch: u.epoch, releasedAt: u.move.at }));
  const result = db.transaction(() => {
    const r = acceptCapacityTransfers(db, stationId, records, now);
    // A unit this station reclaimed: its release is settled.
    for (const u of taken) {
      if (u.move.kind !== 'reclaim') continue;
      settleReclaimedRelease(db, u.slotId, u.unit, u.epoch - 1, now.toISOString());
    }
    return r;
  }).immediate();
  return { taken: acked, accepted: result.accepted };
}
