import type { Appointment } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { STATION_RECORD_SYSTEM, token } from '../../../src/domain/fhir/systems';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import type { ResultOf } from '../../../src/shared/contract';
import { fastOptions } from '../../support/federal/harness';
import { signedInCall } from '../../support/station';
import { allocationSchedule, CentreWorld, post, type WorldStation } from './support';

/**
 * Issue 15: a session a supervisor closes or shortens on one station reaches the centre's other
 * stations through the backend (outbox -> Schedule `session:<id>` -> their next pull), and each
 * moves its own bookings in what was removed to its follow-up desk, once.
 */
const TODAY = '2026-03-02';
const D = addDays(TODAY, 21); // the dose-2 day of Comirnaty given today
let world: CentreWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string } };

async function ok<T>(st: WorldStation, method: string, args: unknown): Promise<T> {
  const answer = (await st.dispatch(method, args, signedInCall(st, 'supervisor'))) as Answer;
  if (!answer.ok) throw new Error(`${method}: ${answer.error?.code} ${answer.error?.message}`);
  return answer.result as T;
}

/** Stations A and B; one session on day D 09:00-11:00, slots of 30 min, unit 0 A's and unit 1 B's. */
async function twoStations(): Promise<{ w: CentreWorld; a: WorldStation; b: WorldStation; sessionId: string }> {
  const w = (world = await CentreWorld.start({ stationIds: ['station-a', 'station-b'], start: localInstant(TODAY, '09:00') }));
  await post(
    w.sim,
    allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '11:00', session: { slotMinutes: 30, capacityPerSlot: 2 }, share: { stationId: 'station-a', units: [0] } }),
  );
  await post(w.sim, allocationSchedule({ centreId: 'heysel', productCode: 'comirnaty', date: D, start: '09:00', end: '11:00', share: { stationId: 'station-b', units: [1] } }));
  const a = w.station('station-a');
  const b = w.station('station-b');
  await w.pull(a);
  await w.pull(b);
  const [session] = await ok<ResultOf<'capacity.sessions'>>(a, 'capacity.sessions', { from: D, to: D });
  return { w, a, b, sessionId: session!.sessionId };
}

/** Sends a station's records to the backend, as its sync worker does. */
async function send(w: CentreWorld, st: WorldStation): Promise<void> {
  const worker = new SyncWorker({ db: st.db, clock: w.clock, client: st.client, centreId: w.centreId }, fastOptions({ pullOnStart: false }));
  await worker.drain(20);
}

const appointmentsOf = (st: WorldStation) =>
  st.db.prepare(`SELECT a.id, a.status, a.start_at FROM appointments a ORDER BY a.start_at`).all() as { id: string; status: string; start_at: string }[];

const reasonsOf = (st: WorldStation, id: string) =>
  (st.db.prepare(`SELECT reason FROM appointment_events WHERE appointment_id = ? AND reason IS NOT NULL AND reason != ''`).all(id) as { reason: string }[]).map((r) => r.reason);

const outboxCount = (st: WorldStation) => (st.db.prepare(`SELECT count(*) AS n FROM outbox`).get() as { n: number }).n;

async function atBackend(w: CentreWorld, recordId: string): Promise<Appointment[]> {
  const reader = w.stations[0]!.client;
  return reader.search<Appointment>('Appointment', { identifier: token(STATION_RECORD_SYSTEM, recordId) });
}

describe('a session closed or changed on one station, at the others', () => {
  it('station A closes a session in which B has two bookings: after B pulls, both are on B’s follow-up desk, cancelled at the backend once, and the slot is not bookable at B', async () => {
    const { w, a, b, sessionId } = await twoStations();
    expect([w.vaccinate(b).kind, w.vaccinate(b).kind]).toEqual(['booked', 'booked']);
    await send(w, b);
    const booked = appointmentsOf(b);
    expect(booked.map((x) => x.status)).toEqual(['booked', 'booked']);

    // A has none of them: its screen can only count its own.
    const closed = await ok<ResultOf<'capacity.closeSession'>>(a, 'capacity.closeSession', { sessionId, bookings: 'followUp' });
    expect(closed).toMatchObject({ affected: 0, moved: 0 });
    expect((await w.round(a)).sessionChanges).toBe(1);

    const pulled = await w.pull(b);
    expect(pulled.sessionChanges).toEqual({ applied: 1, moved: 2, unknown: 0 });
    expect(appointmentsOf(b).map((x) => x.status)).toEqual(['cancelled', 'cancelled']);
    for (const x of booked) expect(reasonsOf(b, x.id)).toContain('session-closed-by-centre');
    const desk = await ok<ResultOf<'booking.toBeBooked'>>(b, 'booking.toBeBooked', {});
    expect(desk).toHaveLength(2);
    const [seen] = await ok<ResultOf<'capacity.sessions'>>(b, 'capacity.sessions', { from: D, to: D });
    expect(seen).toMatchObject({ sessionId, status: 'cancelled', booked: 0 });

    await send(w, b);
    for (const x of booked) {
      const copies = await atBackend(w, x.id);
      expect(copies.map((c) => c.status)).toEqual(['cancelled']);
    }
    // The closed session offers B nothing any more.
    expect(w.vaccinate(b).kind).not.toBe('booked');

    // Applying the same change twice changes nothing: pulled again, and published again as a new version.
    const outbox = outboxCount(b);
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 0, moved: 0, unknown: 0 });
    await ok(a, 'capacity.closeSession', { sessionId, bookings: 'followUp' });
    expect((await w.round(a)).sessionChanges).toBe(1);
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 1, moved: 0, unknown: 0 });
    expect(outboxCount(b)).toBe(outbox);
    expect(await ok<ResultOf<'booking.toBeBooked'>>(b, 'booking.toBeBooked', {})).toHaveLength(3);
    // A reads its own change back without effect.
    expect((await w.pull(a)).sessionChanges).toMatchObject({ moved: 0 });
  });

  it('a session shortened by one hour moves only the bookings in the removed hour', async () => {
    const { w, a, b, sessionId } = await twoStations();
    expect([1, 2, 3, 4].map(() => w.vaccinate(b).kind)).toEqual(['booked', 'booked', 'booked', 'booked']);
    const before = appointmentsOf(b);
    expect(before.map((x) => x.start_at)).toEqual(['09:00', '09:30', '10:00', '10:30'].map((t) => localInstant(D, t)));

    const changed = await ok<ResultOf<'capacity.changeSession'>>(a, 'capacity.changeSession', { sessionId, end: '10:00', capacityPerSlot: 2, bookings: 'followUp', stationIds: ['station-a'] });
    expect(changed).toMatchObject({ affected: 0, slots: 2 });
    await w.round(a);
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 1, moved: 2, unknown: 0 });
    expect(appointmentsOf(b).map((x) => x.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled']);
    for (const x of before.slice(2)) expect(reasonsOf(b, x.id)).toContain('session-changed-by-centre');
    const [seen] = await ok<ResultOf<'capacity.sessions'>>(b, 'capacity.sessions', { from: D, to: D });
    expect(seen).toMatchObject({ status: 'open', end: '10:00', booked: 2 });
    expect(await ok<ResultOf<'booking.toBeBooked'>>(b, 'booking.toBeBooked', {})).toHaveLength(2);
    // Twice: nothing more.
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 0, moved: 0, unknown: 0 });
    expect(appointmentsOf(b).map((x) => x.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled']);
  });

  it('offline, the local close applies at once and the others get it when the backend is reachable again', async () => {
    const { w, a, b, sessionId } = await twoStations();
    w.vaccinate(b);
    a.proxy.cut();
    await ok(a, 'capacity.closeSession', { sessionId, bookings: 'followUp' });
    const [local] = await ok<ResultOf<'capacity.sessions'>>(a, 'capacity.sessions', { from: D, to: D });
    expect(local!.status).toBe('cancelled');
    await expect(w.round(a)).rejects.toThrow();
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 0, moved: 0, unknown: 0 });
    a.proxy.heal();
    expect((await w.round(a)).sessionChanges).toBe(1);
    expect((await w.pull(b)).sessionChanges).toEqual({ applied: 1, moved: 1, unknown: 0 });
  });
});
