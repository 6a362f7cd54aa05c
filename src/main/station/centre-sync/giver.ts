import type { Slot, Task } from 'fhir/r4';
import { enqueueOutbox } from '../../adapters/sqlite/outbox';
import {
  settledTaskToFhir,
  transferTaskFromFhir,
  unitKey,
  unitSlotFromFhir,
  unitSlotToFhir,
  type TransferTask,
  type UnitSlot,
} from '../../../domain/fhir/capacity';
import { CAPACITY_TRANSFER_CODE, TASK_CODE_SYSTEM, capacityUnitSystem, centreStationSystem, token, transferTaskSystem } from '../../../domain/fhir/systems';
import { acceptCapacityTransfers, releaseCapacity, type TransferRecord } from '../capacity/capacity';
import { newId } from '../base/ids';
import { slotTimingLookup } from '../capacity/capacity-queries';
import { markNeedsReview, markSynced, waitingOfKinds, type WaitingOutboxRow } from '../sync/outbox-store';
import { addReview } from '../sync/review-store';
import { createOnce, findByIdentifier, isOk, putByIdentifier, replaceVersion, sendWrites, type Write } from './fhir-io';
import { ensureOpen, type CentreDeps } from './options';
import { recordRelease, recordTask, releasesIn, setReleaseState, taskHandled } from './store';

/**
 * (c) The giver's side.
 * 1. Transfer requests (Tasks owned by this station) are handled once each: the units still owned
 *    and still free are released in ONE local transaction (booking's releaseCapacity: epoch + 1,
 *    owned by nobody here any more) together with an outbox row per released unit and one for
 *    the Task's answer. A unit booked meanwhile is simply not released.
 * 2. Those outbox rows (kinds `centre-*`, which the record worker leaves alone) travel to the
 *    backend: the unit Slot moves to the receiver's Schedule as `busy-tentative` with the new
 *    epoch (create-once, or If-Match on the version read), the Task becomes completed/rejected.
 * 3. Sent releases are settled: taken by the receiver (accepted), or, when still not taken
 *    `reclaimAfterMs` after the backend got them, reclaimed: the Slot comes back to this
 *    station's Schedule with epoch + 1, by an If-Match write that the receiver's own conditional
 *    write cannot overtake. The giver books the unit again only after that write succeeded.
 */

export const RELEASE_KIND = 'centre-release';
export const TASK_KIND = 'centre-task';

interface ReleasePayload {
  type: typeof RELEASE_KIND;
  centreId: string;
  record: TransferRecord;
  start: string;
  end: string;
  productCode: string;
  task: string | null;
}

interface TaskPayload {
  type: typeof TASK_KIND;
  centreId: string;
  task: TransferTask;
  status: 'completed' | 'rejected';
  reason: string;
  released: { slotId: string; unit: number; epoch: number }[];
}

export interface GiverReport {
  tasks: number;
  released: number;
  sent: number;
  accepted: number;
  reclaimed: number;
}

/** 1. Tasks addressed to this station, each handled once. */
export async function handleTransferTasks(deps: CentreDeps, report: GiverReport): Promise<void> {
  const { db, clock, client, centreId, stationId } = deps;
  const found = await client.search<Task>(
    'Task',
    { 'owner:identifier': token(centreStationSystem(centreId), stationId), status: 'requested', code: token(TASK_CODE_SYSTEM, CAPACITY_TRANSFER_CODE), _count: '200' },
    2000,
  );
  ensureOpen(db);
  const now = clock.now();
  const at = now.toISOString();
  const slotInfo = slotTimingLookup(db);
  for (const resource of found) {
    const task = transferTaskFromFhir(resource, centreId);
    if (!task || task.giver !== stationId || taskHandled(db, task.identifier)) continue;
    db.transaction(() => {
      let released: TransferRecord[] = [];
      let reason: string;
      if (Date.parse(task.expiresAt) <= now.getTime()) reason = 'expired before the giving station saw it';
      else if (task.receiver === stationId) reason = 'the receiver is the giving station';
      else {
        released = releaseCapacity(db, stationId, task.units.map((u) => ({ ...u, from: stationId, to: task.receiver })), now);
        reason = released.length === task.units.length ? 'all units released' : `${released.length} of ${task.units.length} units were still free and released`;
      }
      for (const record of released) {
        const info = slotInfo(record.slotId)!;
        const payload: ReleasePayload = { type: RELEASE_KIND, centreId, record, start: info.start_at, end: info.end_at, productCode: info.product_code, task: task.identifier };
        enqueueOutbox(db, { kind: RELEASE_KIND, recordId: record.id, personKey: `centre:${centreId}`, payload }, now);
        recordRelease(db, record, task.identifier);
      }
      const status = released.length > 0 ? 'completed' : 'rejected';
      const answer: TaskPayload = { type: TASK_KIND, centreId, task, status, reason, released: released.map((r) => ({ slotId: r.slotId, unit: r.unit, epoch: r.epoch })) };
      enqueueOutbox(db, { kind: TASK_KIND, recordId: task.identifier, personKey: `centre:${centreId}`, payload: answer }, now);
      recordTask(
        db,
        { identifier: task.identifier, remoteId: resource.id ?? null, giver: stationId, receiver: task.receiver, state: status, reason, units: JSON.stringify(task.units), released: released.length },
        at,
      );
      report.tasks++;
      report.released += released.length;
    }).immediate();
  }
}

type OutboxRaw = WaitingOutboxRow;

function readPayload(row: OutboxRaw): ReleasePayload | TaskPayload | null {
  try {
    const p = JSON.parse(row.payload) as Partial<ReleasePayload> & Partial<TaskPayload>;
    if (p.type === RELEASE_KIND && p.record && typeof p.record.slotId === 'string' && typeof p.record.unit === 'number' && p.start && p.end && p.productCode) return p as ReleasePayload;
    if (p.type === TASK_KIND && p.task && typeof p.task.identifier === 'string' && (p.status === 'completed' || p.status === 'rejected')) return p as TaskPayload;
  } catch {
    // not JSON
  }
  return null;
}

function releaseSlot(p: ReleasePayload, giver: string): UnitSlot {
  const r = p.record;
  return {
    slotId: r.slotId,
    unit: r.unit,
    start: p.start,
    end: p.end,
    productCode: p.productCode,
    holder: r.to,
    taken: false,
    epoch: r.epoch,
    move: { id: r.id, kind: 'release', from: giver, to: r.to, at: r.releasedAt, task: p.task },
  };
}

/** 2. The `centre-*` outbox rows of this station, to the backend. */
export async function sendCentreOutbox(deps: CentreDeps, report: GiverReport): Promise<void> {
  const { db, clock, client, centreId, stationId } = deps;
  const rows = waitingOfKinds(db, [RELEASE_KIND, TASK_KIND], 500);
  if (rows.length === 0) return;
  const releases: { row: OutboxRaw; payload: ReleasePayload }[] = [];
  const tasks: { row: OutboxRaw; payload: TaskPayload }[] = [];
  const unreadable: OutboxRaw[] = [];
  for (const row of rows) {
    const payload = readPayload(row);
    if (payload?.type === RELEASE_KIND) releases.push({ row, payload });
    else if (payload?.type === TASK_KIND) tasks.push({ row, payload });
    else unreadable.push(row);
  }
  if (unreadable.length > 0) {
    // A damaged row must not stop the others: a person looks at it.
    const now = clock.now();
    db.transaction(() => {
      for (const row of unreadable) {
        const reason = 'This capacity record could not be read for sending.';
        markNeedsReview(db, row.seq, now, reason);
        addReview(db, { outboxId: row.id, recordId: row.record_id, recordType: row.kind, personKey: `centre:${centreId}`, personLabel: `Capacity transfer ${row.record_id}`, kind: 'unreadable', reason }, now);
      }
    }).immediate();
  }
  const system = capacityUnitSystem(centreId);
  const current = await findByIdentifier<Slot>(client, 'Slot', system, releases.map((r) => unitKey(r.payload.record.slotId, r.payload.record.unit)));
  ensureOpen(db);
  const now = clock.now();
  const done: OutboxRaw[] = [];
  const writes: { write: Write; row: OutboxRaw; release: ReleasePayload | null }[] = [];
  const seen = new Set<string>();
  for (const { row, payload } of releases) {
    const key = unitKey(payload.record.slotId, payload.record.unit);
    if (seen.has(key)) continue; // one move of a unit per round, in order
    seen.add(key);
    const there = current.get(key);
    const parsed = there ? unitSlotFromFhir(there, centreId) : null;
    const resource = unitSlotToFhir(centreId, releaseSlot(payload, stationId));
    if (!there) writes.push({ write: createOnce('Slot', resource, system, key), row, release: payload });
    else if (!parsed || parsed.epoch < payload.record.epoch) writes.push({ write: replaceVersion('Slot', there, resource), row, release: payload });
    // Already there (a repeat whose answer was lost), or overtaken by a later move: nothing to send.
    else done.push(row);
  }
  for (const { row, payload } of tasks) {
    const task = settledTaskToFhir(centreId, payload.task, { status: payload.status, reason: payload.reason, released: payload.released });
    writes.push({ write: putByIdentifier('Task', task, transferTaskSystem(centreId), payload.task.identifier), row, release: null });
  }
  const statuses = writes.length > 0 ? await sendWrites(client, writes.map((w) => w.write)) : [];
  ensureOpen(db);
  const at = now.toISOString();
  db.transaction(() => {
    for (const row of done) {
      markSynced(db, row.seq, now);
      setReleaseState(db, row.record_id, 'sent', at);
    }
    writes.forEach((w, i) => {
      const status = statuses[i]!;
      if (isOk(status)) {
        markSynced(db, w.row.seq, now);
        if (w.release) {
          setReleaseState(db, w.release.record.id, 'sent', at);
          report.sent++;
        }
      } else if (status >= 400 && status < 500 && status !== 412 && status !== 409) {
        // Refused content: a person must look (412/409: changed since the read, read again next round).
        const reason = `The backend refused this capacity ${w.release ? 'release' : 'answer'} (HTTP ${status}).`;
        markNeedsReview(db, w.row.seq, now, reason);
        addReview(db, { outboxId: w.row.id, recordId: w.row.record_id, recordType: w.row.kind, personKey: `centre:${centreId}`, personLabel: `Capacity transfer ${w.row.record_id}`, kind: 'refused', reason }, now);
      }
    });
  }).immediate();
}

/** 3. Sent releases: taken by their receiver, or reclaimed when they waited too long. */
export async function settleReleases(deps: CentreDeps, report: GiverReport): Promise<void> {
  const { db, clock, client, centreId, stationId, options } = deps;
  const sent = releasesIn(db, 'sent', stationId);
  if (sent.length === 0) return;
  const system = capacityUnitSystem(centreId);
  const current = await findByIdentifier<Slot>(client, 'Slot', system, sent.map((r) => unitKey(r.slot_id, r.unit)));
  ensureOpen(db);
  const now = clock.now();
  const at = now.toISOString();
  const settled: { id: string; state: 'accepted' | 'reclaimed' }[] = [];
  const reclaims: { write: Write; release: (typeof sent)[number]; unit: UnitSlot }[] = [];
  for (const r of sent) {
    const there = current.get(unitKey(r.slot_id, r.unit));
    const u = there ? unitSlotFromFhir(there, centreId) : null;
    if (!there || !u || u.epoch < r.epoch) continue; // not visible yet: look again later
    if (u.epoch > r.epoch) settled.push({ id: r.transfer_id, state: u.move.kind === 'reclaim' && u.move.to === stationId && u.epoch === r.epoch + 1 ? 'reclaimed' : 'accepted' });
    else if (u.taken) settled.push({ id: r.transfer_id, state: 'accepted' });
    // The receiver's time to take it runs from when the backend got the release.
    else if (u.holder === r.to_station && Date.parse(r.updated_at) + options.reclaimAfterMs <= now.getTime()) {
      const back: UnitSlot = { ...u, holder: stationId, taken: true, epoch: r.epoch + 1, move: { id: newId(), kind: 'reclaim', from: r.to_station, to: stationId, at, task: u.move.task } };
      reclaims.push({ write: replaceVersion('Slot', there, unitSlotToFhir(centreId, back)), release: r, unit: back });
    }
  }
  const statuses = reclaims.length > 0 ? await sendWrites(client, reclaims.map((x) => x.write)) : [];
  ensureOpen(db);
  db.transaction(() => {
    for (const s of settled) {
      setReleaseState(db, s.id, s.state, at);
      if (s.state === 'accepted') report.accepted++;
    }
    reclaims.forEach((x, i) => {
      // Not taken by the receiver: the backend now says it is ours again, so it is.
      if (!isOk(statuses[i]!)) return;
      const u = x.unit;
      acceptCapacityTransfers(db, stationId, [{ id: u.move.id, slotId: u.slotId, unit: u.unit, from: x.release.to_station, to: stationId, epoch: u.epoch, releasedAt: u.move.at }], now);
      setReleaseState(db, x.release.transfer_id, 'reclaimed', at);
      report.reclaimed++;
    });
  }).immediate();
}
