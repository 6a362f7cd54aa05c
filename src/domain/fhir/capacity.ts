import type { Extension, Schedule, Slot, Task } from 'fhir/r4';
import {
  ALIVE_AT_EXTENSION,
  CAPACITY_TRANSFER_CODE,
  FREE_UNITS_EXTENSION,
  PRODUCT_SYSTEM,
  STATION_SYSTEM,
  TASK_CODE_SYSTEM,
  UNIT_EPOCH_EXTENSION,
  UNIT_TRANSFER_EXTENSION,
  capacityUnitSystem,
  capacityViewSystem,
  centreStationSystem,
  stationScheduleSystem,
  transferTaskSystem,
} from './systems';

/**
 * Capacity between the stations of a centre, as FHIR R4 (see src/main/station/centre-sync/README.md):
 * - each station has a Schedule (actor: the station as a Device) that carries its heartbeat;
 * - each station publishes one compact Schedule per day: the free units it owns, per slot;
 * - a unit that moves is a Slot on the Schedule of the station that holds it, with its epoch:
 *   `busy-tentative` = released to that station, not yet taken; `free` = taken by that station;
 * - a transfer request is a Task owned by the giving station.
 * Pure mapping both ways; parsers return null for what is not theirs.
 */

/** `0-3,8` <-> [0, 1, 2, 3, 8]. Unit numbers are whole numbers 0..999. */
export function formatUnits(units: readonly number[]): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function parseUnits(text: string | null | undefined): number[] | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const out = new Set<number>();
  for (const part of trimmed.split(',')) {
    const m = /^\s*(\d{1,3})\s*(?:-\s*(\d{1,3})\s*)?$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) return null;
    for (let u = lo; u <= hi; u++) out.add(u);
  }
  return [...out].sort((a, b) => a - b);
}

/** The FHIR identifier value of one unit of one slot. */
export const unitKey = (slotId: string, unit: number) => `${slotId}/${unit}`;

export function parseUnitKey(key: string): { slotId: string; unit: number } | null {
  const m = /^(.+)\/(\d{1,3})$/.exec(key);
  return m ? { slotId: m[1]!, unit: Number(m[2]) } : null;
}

const sub = (ext: Extension | undefined, url: string) => ext?.extension?.find((e) => e.url === url);
const text = (ext: Extension | undefined, url: string): string | null => {
  const e = sub(ext, url);
  return e?.valueString ?? e?.valueCode ?? e?.valueDateTime ?? e?.valueInstant ?? null;
};
const instantExt = (exts: Extension[] | undefined, url: string) => exts?.find((e) => e.url === url)?.valueInstant ?? null;

// ---- Station Schedule (heartbeat) ----

export function stationScheduleToFhir(centreId: string, stationId: string, aliveAt: string): Schedule {
  return {
    resourceType: 'Schedule',
    identifier: [{ system: stationScheduleSystem(centreId), value: stationId }],
    active: true,
    extension: [{ url: ALIVE_AT_EXTENSION, valueInstant: aliveAt }],
    actor: [{ type: 'Device', identifier: { system: STATION_SYSTEM, value: stationId } }],
    comment: `Capacity of station ${stationId} of centre ${centreId}`,
  };
}

export function stationScheduleFromFhir(s: Schedule, centreId: string): { stationId: string; aliveAt: string | null } | null {
  const id = s.identifier?.find((i) => i.system === stationScheduleSystem(centreId))?.value;
  return id ? { stationId: id, aliveAt: instantExt(s.extension, ALIVE_AT_EXTENSION) } : null;
}

// ---- Per-day capacity view ----

export interface ViewSlot {
  slotId: string;
  start: string;
  free: number[];
}

export interface CapacityDayView {
  stationId: string;
  day: string;
  publishedAt: string;
  slots: ViewSlot[];
}

export function capacityViewToFhir(centreId: string, view: CapacityDayView, bounds: { start: string; end: string }): Schedule {
  return {
    resourceType: 'Schedule',
    identifier: [{ system: capacityViewSystem(centreId), value: `${view.stationId}/${view.day}` }],
    active: true,
    extension: [
      { url: ALIVE_AT_EXTENSION, valueInstant: view.publishedAt },
      ...view.slots.map((s) => ({
        url: FREE_UNITS_EXTENSION,
        extension: [
          { url: 'slot', valueString: s.slotId },
          { url: 'start', valueDateTime: s.start },
          { url: 'free', valueString: formatUnits(s.free) },
        ],
      })),
    ],
    actor: [{ type: 'Device', identifier: { system: STATION_SYSTEM, value: view.stationId } }],
    planningHorizon: bounds,
    comment: `Free capacity units of station ${view.stationId} on ${view.day}`,
  };
}

export function capacityViewFromFhir(s: Schedule, centreId: string): CapacityDayView | null {
  const value = s.identifier?.find((i) => i.system === capacityViewSystem(centreId))?.value;
  const m = value ? /^(.+)\/(\d{4}-\d{2}-\d{2})$/.exec(value) : null;
  if (!m) return null;
  const slots: ViewSlot[] = [];
  for (const e of s.extension ?? []) {
    if (e.url !== FREE_UNITS_EXTENSION) continue;
    const slotId = text(e, 'slot');
    const start = text(e, 'start');
    const free = parseUnits(text(e, 'free'));
    if (slotId && start && free) slots.push({ slotId, start, free });
  }
  return { stationId: m[1]!, day: m[2]!, publishedAt: instantExt(s.extension, ALIVE_AT_EXTENSION) ?? '', slots };
}

// ---- Unit Slot ----

export interface UnitMove {
  id: string;
  kind: 'release' | 'reclaim';
  from: string;
  to: string;
  at: string;
  task: string | null;
}

export interface UnitSlot {
  slotId: string;
  unit: number;
  start: string;
  end: string;
  productCode: string;
  /** The station on whose Schedule the unit is. */
  holder: string;
  /** busy-tentative: released to the holder, not yet taken; free: taken by the holder. */
  taken: boolean;
  epoch: number;
  move: UnitMove;
}

export function unitSlotToFhir(centreId: string, u: UnitSlot): Slot {
  const move: Extension[] = [
    { url: 'id', valueString: u.move.id },
    { url: 'kind', valueCode: u.move.kind },
    { url: 'from', valueString: u.move.from },
    { url: 'to', valueString: u.move.to },
    { url: 'at', valueDateTime: u.move.at },
    ...(u.move.task ? [{ url: 'task', valueString: u.move.task }] : []),
  ];
  return {
    resourceType: 'Slot',
    identifier: [{ system: capacityUnitSystem(centreId), value: unitKey(u.slotId, u.unit) }],
    extension: [
      { url: UNIT_EPOCH_EXTENSION, valueUnsignedInt: u.epoch },
      { url: UNIT_TRANSFER_EXTENSION, extension: move },
    ],
    serviceType: [{ coding: [{ system: PRODUCT_SYSTEM, code: u.productCode }] }],
    schedule: { type: 'Schedule', identifier: { system: stationScheduleSystem(centreId), value: u.holder } },
    status: u.taken ? 'free' : 'busy-tentative',
    start: u.start,
    end: u.end,
    comment: u.taken ? `Capacity unit held by ${u.holder}` : `Capacity unit released by ${u.move.from} to ${u.holder}, not yet taken`,
  };
}

export function unitSlotFromFhir(s: Slot, centreId: string): UnitSlot | null {
  const key = s.identifier?.find((i) => i.system === capacityUnitSystem(centreId))?.value;
  const parsed = key ? parseUnitKey(key) : null;
  const holder = s.schedule.identifier?.system === stationScheduleSystem(centreId) ? s.schedule.identifier.value : undefined;
  const epoch = s.extension?.find((e) => e.url === UNIT_EPOCH_EXTENSION)?.valueUnsignedInt;
  const moveExt = s.extension?.find((e) => e.url === UNIT_TRANSFER_EXTENSION);
  const id = text(moveExt, 'id');
  const kind = text(moveExt, 'kind');
  const from = text(moveExt, 'from');
  const to = text(moveExt, 'to');
  const at = text(moveExt, 'at');
  if (!parsed || !holder || typeof epoch !== 'number' || !id || !from || !to || !at || (kind !== 'release' && kind !== 'reclaim')) return null;
  if (s.status !== 'free' && s.status !== 'busy-tentative') return null;
  return {
    slotId: parsed.slotId,
    unit: parsed.unit,
    start: s.start,
    end: s.end,
    productCode: s.serviceType?.flatMap((c) => c.coding ?? []).find((c) => c.system === PRODUCT_SYSTEM)?.code ?? '',
    holder,
    taken: s.status === 'free',
    epoch,
    move: { id, kind, from, to, at, task: text(moveExt, 'task') },
  };
}

// ---- Transfer Task ----

export interface TransferTask {
  identifier: string;
  giver: string;
  receiver: string;
  requester: string;
  units: { slotId: string; unit: number }[];
  authoredOn: string;
  expiresAt: string;
  status: 'requested' | 'completed' | 'rejected' | 'cancelled';
}

const input = (kind: string, value: string) => ({ type: { text: kind }, valueString: value });

export function transferTaskToFhir(centreId: string, t: TransferTask): Task {
  const device = (station: string) => ({ type: 'Device', identifier: { system: centreStationSystem(centreId), value: station } });
  return {
    resourceType: 'Task',
    identifier: [{ system: transferTaskSystem(centreId), value: t.identifier }],
    status: t.status,
    intent: 'order',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: CAPACITY_TRANSFER_CODE }], text: 'Give free capacity units to another station' },
    authoredOn: t.authoredOn,
    requester: device(t.requester),
    owner: device(t.giver),
    restriction: { period: { end: t.expiresAt } },
    input: [input('receiver', t.receiver), ...t.units.map((u) => input('unit', unitKey(u.slotId, u.unit)))],
  };
}

export function transferTaskFromFhir(task: Task, centreId: string): TransferTask | null {
  const identifier = task.identifier?.find((i) => i.system === transferTaskSystem(centreId))?.value;
  const station = (ref: Task['owner']) => (ref?.identifier?.system === centreStationSystem(centreId) ? ref.identifier.value : undefined);
  const giver = station(task.owner);
  const requester = station(task.requester) ?? '';
  const receiver = task.input?.find((i) => i.type.text === 'receiver')?.valueString;
  const units = (task.input ?? []).filter((i) => i.type.text === 'unit').map((i) => parseUnitKey(i.valueString ?? ''));
  const expiresAt = task.restriction?.period?.end;
  if (!identifier || !giver || !receiver || !expiresAt || units.some((u) => u === null)) return null;
  if (!['requested', 'completed', 'rejected', 'cancelled'].includes(task.status)) return null;
  return {
    identifier,
    giver,
    receiver,
    requester,
    units: units as { slotId: string; unit: number }[],
    authoredOn: task.authoredOn ?? '',
    expiresAt,
    status: task.status as TransferTask['status'],
  };
}

/** The Task once the giver handled it: completed with the units it released, or rejected. */
export function settledTaskToFhir(centreId: string, t: TransferTask, outcome: { status: 'completed' | 'rejected'; reason: string; released: { slotId: string; unit: number; epoch: number }[] }): Task {
  return {
    ...transferTaskToFhir(centreId, { ...t, status: outcome.status }),
    statusReason: { text: outcome.reason },
    output: outcome.released.map((r) => ({ type: { text: 'released' }, valueString: `${unitKey(r.slotId, r.unit)}@${r.epoch}` })),
  };
}
