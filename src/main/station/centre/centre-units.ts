import { DoseDeskError } from '../../../shared/errors';
import type { Db } from '../../adapters/sqlite/database';
import { insertAllocationRecordIfMissing, unitOwnerWriter, unitStateReader, type AllocationRecordRow, type UnitOwnerRow } from '../capacity/capacity-store';
import { slotExists } from '../capacity/calendar-store';
import type { UnitOwners } from './centre-file-content';

/**
 * Who owns which capacity unit, as the centre file carries it from the exporting station. A
 * station books only the units it owns, so after a join both stations must agree on every owner:
 * the joining station takes the file's owner for a unit it does not know, and gives up a unit the
 * file gives to another station if it has not booked it (two blank stations that each imported
 * the calendar both owned everything). It never takes a unit the file gives to another station.
 */

export interface UnitsMerged {
  /** Owner rows added or changed to the file's owner. */
  units: number;
  /** Allocation records added (an allocation applied again later changes nothing). */
  allocations: number;
}

/** Owner rows as the centre file carries them: one entry per slot, owner, epoch and time. */
export function groupUnitOwners(rows: readonly UnitOwnerRow[]): UnitOwners[] {
  const groups = new Map<string, UnitOwners>();
  for (const r of rows) {
    const key = JSON.stringify([r.slot_id, r.owner_station, r.epoch, r.updated_at]);
    const group = groups.get(key);
    if (group) group.units.push(r.unit);
    else groups.set(key, { slot_id: r.slot_id, owner_station: r.owner_station, epoch: r.epoch, updated_at: r.updated_at, units: [r.unit] });
  }
  return [...groups.values()];
}

export function mergeUnitOwners(db: Db, stationId: string, owners: readonly UnitOwners[], allocations: readonly AllocationRecordRow[]): UnitsMerged {
  const state = unitStateReader(db);
  const write = unitOwnerWriter(db);
  let changed = 0;
  let booked = 0;
  const known = new Map<string, boolean>();
  const rows = owners.flatMap(({ units, ...owner }) => units.map((unit) => ({ ...owner, unit })));
  for (const u of rows) {
    // Every unit's slot travels in the same file; one this station lacks cannot be owned here.
    if (!known.has(u.slot_id)) known.set(u.slot_id, slotExists(db, u.slot_id));
    if (!known.get(u.slot_id)) continue;
    const local = state(u.slot_id, u.unit);
    if (!local) {
      write.insert(u);
      changed++;
      continue;
    }
    // Same owner: unchanged. A higher local epoch is a transfer this station learned after the export.
    if (local.owner_station === u.owner_station || local.epoch > u.epoch) continue;
    // Another station's unit is taken only through its release (a higher epoch), never on a tie.
    if (u.owner_station === stationId && local.epoch === u.epoch) continue;
    if (local.owner_station === stationId && !local.free) {
      booked++;
      continue;
    }
    write.set(u);
    changed++;
  }
  // Two stations that each booked the same place: refuse rather than double-book or drop a booking.
  if (booked > 0) throw new DoseDeskError('centre.unit_conflict', { units: booked });
  let added = 0;
  for (const a of allocations) added += insertAllocationRecordIfMissing(db, a);
  return { units: changed, allocations: added };
}
