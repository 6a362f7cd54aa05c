import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';
import { ManualClock } from '../../../src/main/adapters/clock';
import { ensureLot } from '../../../src/main/station/vials/lots';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { ResultOf } from '../../../src/shared/contract';
import { openTestStation, signedInCall } from '../../support/station';

/**
 * The calendar screen's back end (issue 15): sessions listed with their bookings, a session closed
 * with its people moved to the follow-up list (or the close refused), a weekly pattern over dates.
 */
/** An answer read loosely: a test looks at the error of a refusal without narrowing first. */
type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string; params?: Record<string, unknown> } };

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

// A Tuesday; comirnaty's dose 2 is due 19 to 42 days later, target 21: 22 December.
const TODAY = '2026-12-01T09:00:00+01:00';

async function centre() {
  const clock = new ManualClock(TODAY);
  const s = openTestStation({ clock, settings: { stationId: 'desk-1', centreId: 'bxl-heysel' }, lockAfterSeconds: 7 * 24 * 3600 });
  stations.push(s);
  const supervisor = signedInCall(s, 'supervisor');
  const vaccinator = signedInCall(s, 'vaccinator');
  const call = (method: string, args: unknown, info: CallInfo = supervisor) => s.dispatch(method, args, info) as Promise<Answer>;
  const ok = async <T,>(method: string, args: unknown, info: CallInfo = supervisor): Promise<T> => {
    const envelope = await call(method, args, info);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
    return envelope.result as T;
  };
  const rows = <T,>(sql: string, ...params: unknown[]) => s.ctx.db.prepare(sql).all(...params) as T[];
  // The centre's vaccines, as the set-up screen imports them.
  await ok('imports.products', { text: readFileSync(join(PROJECT_ROOT, 'resources', 'demo', 'products.csv'), 'utf8'), dryRun: false });
  return { s, clock, supervisor, vaccinator, call, ok, rows };
}

const CALENDAR = ['date,start,end,product,slot_minutes,capacity', '2026-12-22,09:00,10:00,comirnaty,15,2', ''].join('\n');

/** Three people vaccinated today, each booked for dose 2 in the one session of 22 December. */
async function threeBooked(t: Awaited<ReturnType<typeof centre>>) {
  await t.ok('imports.calendar', { text: CALENDAR, dryRun: false });
  const lot = ensureLot(t.s.ctx.db, { productCode: 'comirnaty', gtin: null, lot: 'LOTCLOSE', expiry: '2027-06-30' }, 'typed', t.clock.now());
  const ssins = [1, 2, 3].map((n) => demoSsin(`1980-0${n}-1${n}`, 100 + n));
  for (const [i, ssin] of ssins.entries()) {
    const done = await t.ok<ResultOf<'booking.administer'>>(
      'booking.administer',
      { ssin, person: { familyName: `Person${i}`, givenNames: 'Test', birthDate: null, sex: null, language: 'nl' }, lotId: lot.id, print: false },
      t.vaccinator,
    );
    expect(done.next.kind).toBe('booked');
  }
  const [session] = await t.ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2026-12-22', to: '2026-12-22' });
  return { ssins, session: session! };
}

describe('capacity.closeSession', () => {
  it('lists the session with its three bookings, and refusing leaves everything as it was', async () => {
    const t = await centre();
    const { session } = await threeBooked(t);
    expect(session).toMatchObject({ date: '2026-12-22', productCode: 'comirnaty', start: '09:00', end: '10:00', slots: 4, capacityPerSlot: 2, status: 'open', booked: 3, dayOpen: true });
    const refused = await t.call('capacity.closeSession', { sessionId: session.sessionId, bookings: 'refuse' });
    expect(refused.error).toMatchObject({ code: 'capacity.session_has_bookings', params: { count: 3 } });
    expect(refused.error?.message).toMatch(/^3 people/);
    expect(t.rows<{ status: string }>('SELECT status FROM appointments').map((r) => r.status)).toEqual(['booked', 'booked', 'booked']);
    expect(t.rows<{ status: string }>('SELECT status FROM sessions').map((r) => r.status)).toEqual(['open']);
  });

  it('moves the people to the follow-up list: appointments cancelled through the outbox with the reason, nobody lost', async () => {
    const t = await centre();
    const { ssins, session } = await threeBooked(t);
    const outboxBefore = t.rows<{ n: number }>('SELECT count(*) AS n FROM outbox')[0]!.n;
    const closed = await t.ok<ResultOf<'capacity.closeSession'>>('capacity.closeSession', { sessionId: session.sessionId, bookings: 'followUp' });
    expect(closed).toEqual({ sessionId: session.sessionId, affected: 3, moved: 3 });

    expect(t.rows<{ status: string }>('SELECT status FROM appointments').map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(t.rows<{ reason: string }>("SELECT DISTINCT reason FROM appointment_events WHERE reason IS NOT NULL AND reason != ''").map((r) => r.reason)).toContain('session-closed');
    const queued = t.rows<{ kind: string; payload: string }>('SELECT kind, payload FROM outbox ORDER BY seq').slice(outboxBefore);
    // Three cancellations, then the closed session itself for the centre's other stations.
    expect(queued.map((q) => q.kind)).toEqual(['appointment-update', 'appointment-update', 'appointment-update', 'centre-session']);
    expect(queued.slice(0, 3).map((q) => (JSON.parse(q.payload) as { status: string }).status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(JSON.parse(queued[3]!.payload)).toMatchObject({ sessionId: session.sessionId, active: false, date: '2026-12-22', start: '09:00', end: '10:00' });

    const followUp = await t.ok<ResultOf<'booking.toBeBooked'>>('booking.toBeBooked', {});
    expect(followUp.map((r) => r.ssin).sort()).toEqual([...ssins].sort());
    // Like any cancellation: the desk shows the cancelled appointment, whose history says why.
    expect(followUp.every((r) => r.doseNumber === 2 && r.reason === 'cancelled' && r.missedAppointment?.status === 'cancelled')).toBe(true);

    const [after] = await t.ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2026-12-22', to: '2026-12-22' });
    expect(after).toMatchObject({ status: 'cancelled', booked: 0 });
    // A closed session offers no place: booking again finds none, the person stays on the list.
    const again = await t.ok<ResultOf<'booking.book'>>('booking.book', { ssin: ssins[0]!, print: false });
    expect(again.kind).toBe('to_be_booked');
  });

  it('a day with bookings is not closed behind their backs: refused with the number of people', async () => {
    const t = await centre();
    const { session } = await threeBooked(t);
    const refused = await t.call('capacity.setDayOpen', { date: '2026-12-22', open: false, note: 'holiday' });
    expect(refused.error).toMatchObject({ code: 'capacity.day_has_bookings', params: { count: 3, date: '2026-12-22' } });
    expect(t.rows('SELECT * FROM centre_days')).toEqual([]);
    await t.ok('capacity.closeSession', { sessionId: session.sessionId, bookings: 'followUp' });
    expect(await t.ok('capacity.setDayOpen', { date: '2026-12-22', open: false, note: 'holiday' })).toEqual({ date: '2026-12-22', open: false });
  });

  it('closes a session without bookings at once, and is a supervisor’s only', async () => {
    const t = await centre();
    await t.ok('imports.calendar', { text: CALENDAR, dryRun: false });
    const [session] = await t.ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2026-12-01', to: '2026-12-31' });
    expect((await t.call('capacity.closeSession', { sessionId: session!.sessionId, bookings: 'refuse' }, t.vaccinator)).error?.code).toMatch(/^staff\./);
    expect(await t.ok('capacity.closeSession', { sessionId: session!.sessionId, bookings: 'refuse' })).toEqual({ sessionId: session!.sessionId, affected: 0, moved: 0 });
    expect((await t.call('capacity.closeSession', { sessionId: 'nope', bookings: 'refuse' })).error?.code).toBe('capacity.session_unknown');
  });
});

describe('capacity.applyPattern', () => {
  it('adds the sessions on the chosen weekdays, skips closed days, and adds nothing the second time', async () => {
    const t = await centre();
    await t.ok('capacity.setDayOpen', { date: '2027-01-06', open: false, note: 'holiday' });
    const pattern = {
      from: '2027-01-04',
      to: '2027-01-17',
      weekdays: ['mon', 'wed'],
      sessions: [
        { productCode: 'comirnaty', start: '09:00', end: '12:00', slotMinutes: 15, capacityPerSlot: 6 },
        { productCode: 'spikevax', start: '13:00', end: '16:00', slotMinutes: 20, capacityPerSlot: 4 },
      ],
      stationIds: ['desk-1'],
    };
    // Mondays 4 and 11, Wednesdays 6 (closed) and 13.
    expect(await t.ok('capacity.applyPattern', pattern)).toEqual({ days: 3, sessions: 6, unchanged: 0, closedDays: 1 });
    const listed = await t.ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2027-01-01', to: '2027-01-31' });
    expect([...new Set(listed.map((s) => s.date))]).toEqual(['2027-01-04', '2027-01-11', '2027-01-13']);
    expect(listed.find((s) => s.productCode === 'spikevax')).toMatchObject({ slots: 9, capacityPerSlot: 4 });
    // The station owns the places it created: they can be booked.
    const owned = t.rows<{ n: number }>("SELECT count(*) AS n FROM slot_units WHERE owner_station = 'desk-1'")[0]!.n;
    expect(owned).toBe(3 * (12 * 6 + 9 * 4));
    expect(await t.ok('capacity.applyPattern', pattern)).toEqual({ days: 3, sessions: 0, unchanged: 6, closedDays: 1 });
    expect((await t.call('capacity.applyPattern', { ...pattern, to: '2026-12-01' })).error?.code).toBe('capacity.range_invalid');
  });
});

describe('capacity.changeSession', () => {
  const appointments = (t: Awaited<ReturnType<typeof centre>>) =>
    t.rows<{ id: string; status: string; unit: number; start_local: string }>(
      "SELECT a.id, a.status, a.unit, strftime('%H:%M', a.start_at, '+1 hour') AS start_local FROM appointments a ORDER BY a.start_at, a.unit",
    );

  it('fewer places per slot: refused with the number of people on the places that go, or they move to follow-up', async () => {
    const t = await centre();
    const { session } = await threeBooked(t);
    const above = appointments(t).filter((a) => a.unit >= 1);
    expect(above.length).toBeGreaterThan(0);
    const change = { sessionId: session.sessionId, end: '10:00', capacityPerSlot: 1, stationIds: ['desk-1'] };
    const refused = await t.call('capacity.changeSession', { ...change, bookings: 'refuse' });
    expect(refused.error).toMatchObject({ code: 'capacity.session_has_bookings', params: { count: above.length } });
    expect(t.rows<{ capacity: number }>('SELECT capacity FROM slots').every((s) => s.capacity === 2)).toBe(true);

    expect(await t.ok('capacity.changeSession', { ...change, bookings: 'followUp' })).toEqual({ sessionId: session.sessionId, affected: above.length, moved: above.length, slots: 4 });
    const after = appointments(t);
    expect(after.filter((a) => a.status === 'cancelled').map((a) => a.id).sort()).toEqual(above.map((a) => a.id).sort());
    expect(after.filter((a) => a.status === 'booked').every((a) => a.unit === 0)).toBe(true);
    expect((await t.ok<ResultOf<'booking.toBeBooked'>>('booking.toBeBooked', {})).length).toBe(above.length);
    expect(t.rows<{ capacity: number }>('SELECT capacity FROM slots').every((s) => s.capacity === 1)).toBe(true);
  });

  it('an earlier end drops the later slots (capacity 0, never deleted) and moves the people booked in them', async () => {
    const t = await centre();
    const { session } = await threeBooked(t);
    const later = appointments(t).filter((a) => a.start_local >= '09:15');
    const moved = await t.ok<ResultOf<'capacity.changeSession'>>('capacity.changeSession', { sessionId: session.sessionId, end: '09:15', capacityPerSlot: 2, bookings: 'followUp', stationIds: ['desk-1'] });
    expect(moved).toEqual({ sessionId: session.sessionId, affected: later.length, moved: later.length, slots: 1 });
    expect(t.rows<{ capacity: number }>('SELECT capacity FROM slots ORDER BY start_at').map((s) => s.capacity)).toEqual([2, 0, 0, 0]);
    const [listed] = await t.ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2026-12-22', to: '2026-12-22' });
    expect(listed).toMatchObject({ end: '09:15', slots: 1, booked: 3 - later.length });
  });

  it('a later end and more places add slots and places this station owns, affecting nobody', async () => {
    const t = await centre();
    const { session } = await threeBooked(t);
    expect(await t.ok('capacity.changeSession', { sessionId: session.sessionId, end: '11:00', capacityPerSlot: 3, bookings: 'refuse', stationIds: ['desk-1'] })).toEqual({ sessionId: session.sessionId, affected: 0, moved: 0, slots: 8 });
    expect(t.rows<{ capacity: number }>('SELECT capacity FROM slots').map((s) => s.capacity)).toEqual(Array(8).fill(3));
    expect(t.rows<{ n: number }>("SELECT count(*) AS n FROM slot_units WHERE owner_station = 'desk-1'")[0]!.n).toBe(8 * 3);
    expect(appointments(t).every((a) => a.status === 'booked')).toBe(true);
    expect((await t.call('capacity.changeSession', { sessionId: session.sessionId, end: '08:00', capacityPerSlot: 3, bookings: 'refuse', stationIds: ['desk-1'] })).error?.code).toBe('capacity.session_invalid');
  });
});
