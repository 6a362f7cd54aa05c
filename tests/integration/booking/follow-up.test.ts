import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { demoVialCode } from '../../../src/main/station/reports/demo-guide';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { EndOfDayReport } from '../../../src/shared/api/reports';
import { openTestStation, signedInCall } from '../../support/station';

/**
 * The follow-up desk: everyone whose next dose is not booked, "book everyone who fits now", and
 * no-shows (session end, day close, a late arrival the same day). Roles are on; the station's
 * clock is a ManualClock: a Wednesday in Brussels (UTC+1 until 29 March 2026).
 */
const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

const A = demoSsin('1985-07-30', 4);
const B = demoSsin('1990-11-02', 22);
const C = demoSsin('1972-09-08', 48);

interface Appointment {
  id: string;
  ssin: string;
  status: string;
  version: number;
  localDate: string;
  start: string;
}
interface Waiting {
  ssin: string;
  reason: string;
  latestDate: string;
  person: { language: string } | null;
  contact: { email: string | null; phone: string | null };
  missedAppointment: Appointment | null;
}

async function centre(days: number) {
  const clock = new ManualClock('2026-03-04T09:30:00Z');
  const station = openTestStation({ clock });
  stations.push(station);
  seedDemoCentre(station.ctx.db, clock, 'station-1', { days });
  const nurse = signedInCall(station, 'vaccinator');
  const desk = signedInCall(station, 'checkin');
  const boss = signedInCall(station, 'supervisor');
  /** Weeks pass between two calls: sessions lock when idle, so staff sign in again at that moment. */
  const at = (iso: string) => {
    clock.set(iso);
    Object.assign(nurse, signedInCall(station, 'vaccinator'));
    Object.assign(desk, signedInCall(station, 'checkin'));
    Object.assign(boss, signedInCall(station, 'supervisor'));
  };
  const call = async <T,>(info: CallInfo, method: string, args: unknown): Promise<T> => {
    const envelope = (await station.dispatch(method, args, info)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as T;
  };
  const code = async (info: CallInfo, method: string, args: unknown) => {
    const envelope = (await station.dispatch(method, args, info)) as CallEnvelope;
    return envelope.ok ? 'ok' : envelope.error.code;
  };
  const { lotId } = await call<{ lotId: string }>(nurse, 'vials.scan', { text: demoVialCode('05413868120110', '2049-12-31', 'DEMOCOM01') });
  const give = (ssin: string, administeredAt?: string) =>
    call<{ next: { kind: string; reason?: string; appointment?: Appointment }; fulfilledAppointmentId: string | null }>(nurse, 'booking.administer', {
      ssin,
      lotId,
      print: false,
      ...(administeredAt ? { administeredAt } : {}),
    });
  const outbox = (ssin: string) =>
    (station.ctx.db.prepare('SELECT kind, payload FROM outbox WHERE person_key = ? ORDER BY seq').all(ssin) as { kind: string; payload: string }[]).map((r) => {
      const p = JSON.parse(r.payload) as { status: string; version: number };
      return `${r.kind}:${p.status}:${p.version}`;
    });
  return { at, station, nurse, desk, boss, call, code, give, outbox };
}

describe('the follow-up desk', () => {
  it('lists who waits with reason, window, language and contact, and books everyone who fits, window ending first, never overbooking', async () => {
    // Ten days of calendar: a dose 2 three weeks later finds no session.
    const { desk, nurse, boss, call, code, give, outbox, station } = await centre(10);
    station.ctx.db.prepare('UPDATE citizens SET phone = ?, email = ? WHERE ssin = ?').run('+32470123456', 'anneleen@example.org', B);
    expect((await give(A, '2026-03-04T09:00:00Z')).next).toMatchObject({ kind: 'to_be_booked', reason: 'no_session' });
    expect((await give(B, '2026-03-02T09:00:00Z')).next).toMatchObject({ kind: 'to_be_booked', reason: 'no_session' });
    expect((await give(C, '2026-03-03T09:00:00Z')).next).toMatchObject({ kind: 'to_be_booked', reason: 'no_session' });

    const list = await call<Waiting[]>(desk, 'booking.toBeBooked', {});
    expect(list.map((w) => w.ssin)).toEqual([B, C, A]);
    expect(list[0]).toMatchObject({ reason: 'no_session', latestDate: '2026-04-13', person: { language: 'nl' }, contact: { phone: '+32470123456', email: 'anneleen@example.org' }, missedAppointment: null });
    expect(await call<Waiting[]>(desk, 'booking.toBeBooked', { productCode: 'spikevax' })).toEqual([]);
    // A's window opens on 23 March: a filter ending the 22nd leaves A out.
    expect((await call<Waiting[]>(desk, 'booking.toBeBooked', { to: '2026-03-22' })).map((w) => w.ssin)).toEqual([B, C]);
    expect(await code(desk, 'booking.toBeBooked', { from: '2026-04-01', to: '2026-03-22' })).toBe('booking.window_filter_reversed');
    const reversed = (await station.dispatch('booking.bookAllThatFit', { from: '2026-04-01', to: '2026-03-22' }, { ...desk, language: 'nl' })) as CallEnvelope;
    expect(reversed).toMatchObject({ ok: false, error: { code: 'booking.window_filter_reversed', message: expect.stringContaining('Verwissel') } });

    // New capacity: one slot, two units for this station.
    await call(boss, 'capacity.addSession', { date: '2026-03-25', productCode: 'comirnaty', start: '09:00', end: '09:15', slotMinutes: 15, capacityPerSlot: 2, stationIds: ['station-1'] });
    expect(await code(nurse, 'booking.bookAllThatFit', {})).toBe('staff.forbidden');
    const first = await call<{ booked: number; left: number; appointments: Appointment[] }>(desk, 'booking.bookAllThatFit', {});
    expect(first).toMatchObject({ booked: 2, left: 1 });
    expect(first.appointments.map((a) => a.ssin)).toEqual([B, C]);
    expect(first.appointments.every((a) => a.localDate === '2026-03-25' && a.status === 'booked')).toBe(true);
    expect(outbox(B)).toEqual(['dose:completed:1', 'appointment:booked:1']);
    const again = await call<{ booked: number; left: number }>(desk, 'booking.bookAllThatFit', {});
    expect(again).toMatchObject({ booked: 0, left: 1 });
    const shares = await call<{ productCode: string; start: string; stations: { stationId: string; units: number; booked: number; free: number }[] }[]>(boss, 'capacity.shares', { date: '2026-03-25' });
    const added = shares.find((s) => s.start === '09:00' && s.stations.some((x) => x.units === 2))!;
    expect(added.stations.find((x) => x.stationId === 'station-1')).toMatchObject({ units: 2, booked: 2, free: 0 });

    // A cancellation from the person card puts B back on the list; the freed unit goes to B (window ends first), not A.
    const bAppointment = first.appointments[0]!;
    await call(desk, 'booking.cancel', { appointmentId: bAppointment.id, reason: 'cannot come that day' });
    const waiting = await call<Waiting[]>(desk, 'booking.toBeBooked', {});
    expect(waiting.map((w) => [w.ssin, w.reason])).toEqual([
      [B, 'cancelled'],
      [A, 'no_session'],
    ]);
    expect(waiting[0]!.missedAppointment).toMatchObject({ id: bAppointment.id, status: 'cancelled' });
    expect(await call(desk, 'booking.bookAllThatFit', {})).toMatchObject({ booked: 1, left: 1 });
    expect(outbox(B)).toEqual(['dose:completed:1', 'appointment:booked:1', 'appointment-update:cancelled:2', 'appointment:booked:1']);
    expect((await call<Waiting[]>(desk, 'booking.toBeBooked', {})).map((w) => w.ssin)).toEqual([A]);
  });
});

describe('no-shows', () => {
  it('marks a missed appointment when its session ends, lists it, counts it, and undoes it for a late arrival that day', async () => {
    const { at, desk, boss, call, give, outbox } = await centre(60);
    const given = await give(A);
    expect(given.next.kind).toBe('booked');
    const appointment = given.next.appointment!;
    // 10:30 local: back around 10:30 on 25 March, in the 09:00-12:30 session (ends 11:30 UTC).
    expect(appointment.localDate).toBe('2026-03-25');

    at('2026-03-25T11:29:00Z');
    expect(await call<Waiting[]>(desk, 'booking.toBeBooked', {})).toEqual([]);
    at('2026-03-25T11:31:00Z');
    const list = await call<Waiting[]>(desk, 'booking.toBeBooked', {});
    expect(list.map((w) => [w.ssin, w.reason])).toEqual([[A, 'noshow']]);
    expect(list[0]!.missedAppointment).toMatchObject({ id: appointment.id, status: 'noshow', version: 2 });
    expect(outbox(A)).toEqual(['dose:completed:1', 'appointment:booked:1', 'appointment-update:noshow:2']);
    const report = await call<{ report: EndOfDayReport }>(boss, 'reports.endOfDay', { date: '2026-03-25', format: 'json' });
    expect(report.report.appointments).toMatchObject({ noShow: 1, fulfilled: 0, open: 0 });

    // The person comes late that afternoon: check-in still shows the day's appointment, as missed.
    at('2026-03-25T14:00:00Z');
    const found = await call<{ appointment: Appointment | null; vaccination: { allowed: boolean } }>(desk, 'checkin.scan', { text: A, source: 'typed' });
    expect(found.appointment).toMatchObject({ id: appointment.id, status: 'noshow' });
    expect(found.vaccination.allowed).toBe(true);
    // Served: the no-show undone and synced again.
    const late = await give(A);
    expect(late.fulfilledAppointmentId).toBe(appointment.id);
    expect(outbox(A).slice(2)).toEqual(['appointment-update:noshow:2', 'dose:completed:1', 'appointment-update:fulfilled:3']);
    expect(await call<Waiting[]>(desk, 'booking.toBeBooked', {})).toEqual([]);
    const after = await call<{ report: EndOfDayReport }>(boss, 'reports.endOfDay', { date: '2026-03-25', format: 'json' });
    expect(after.report.appointments).toMatchObject({ noShow: 0, fulfilled: 1 });
  });

  it('closes the day: the appointments still open become no-shows, rebooked from the desk', async () => {
    const { at, desk, boss, nurse, call, code, give, outbox } = await centre(60);
    at('2026-03-04T14:30:00Z');
    const given = await give(B);
    const appointment = given.next.appointment!;
    // 15:30 local: the afternoon session of 25 March (13:30-17:00).
    expect(appointment.localDate).toBe('2026-03-25');

    at('2026-03-25T13:00:00Z');
    expect(await call<Waiting[]>(desk, 'booking.toBeBooked', {})).toEqual([]);
    expect(await code(desk, 'booking.closeDay', { date: '2026-03-25' })).toBe('staff.forbidden');
    expect(await code(boss, 'booking.closeDay', { date: '2026-03-26' })).toBe('booking.day_not_over');
    expect(await call(boss, 'booking.closeDay', { date: '2026-03-25' })).toEqual({ date: '2026-03-25', noShows: 1 });
    expect(await call(boss, 'booking.closeDay', {})).toEqual({ date: '2026-03-25', noShows: 0 });
    expect(outbox(B).at(-1)).toBe('appointment-update:noshow:2');
    // The day plan's list shows it; the booth does not read it.
    const day = await call<{ appointment: Appointment; person: { familyName: string } | null }[]>(boss, 'booking.dayAppointments', { date: '2026-03-25' });
    expect(day.map((d) => [d.appointment.id, d.appointment.status, d.person?.familyName])).toEqual([[appointment.id, 'noshow', 'Peeters']]);
    expect(await code(nurse, 'booking.dayAppointments', { date: '2026-03-25' })).toBe('staff.forbidden');

    // From the desk: propose slots for B and book one.
    const proposals = await call<{ slots: { slotId: string; localDate: string }[] }>(desk, 'booking.proposeSlots', { ssin: B, limit: 3 });
    expect(proposals.slots.length).toBeGreaterThan(0);
    const booked = await call<{ kind: string; appointment: Appointment }>(desk, 'booking.book', { ssin: B, slotId: proposals.slots[0]!.slotId, print: false });
    expect(booked.kind).toBe('booked');
    expect(booked.appointment.localDate >= '2026-03-25').toBe(true);
    expect(outbox(B).at(-1)).toBe('appointment:booked:1');
    expect(await call<Waiting[]>(desk, 'booking.toBeBooked', {})).toEqual([]);
  });
});
