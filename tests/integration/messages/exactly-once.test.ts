import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { messagesServiceOf } from '../../../src/main/station/messages/handlers';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import type { Settings } from '../../../src/shared/settings';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { MessageStatus, MessageSummary } from '../../../src/shared/api/messages';
import { openTestStation, signedInCall } from '../../support/station';
import { makeTempDir } from '../../support/temp-dir';
import { smppGateway, smtpGateway, type LoopbackGateway } from './gateways';

/**
 * Citizen messages through a real SMTP server and a real SMPP server on loopback, started here:
 * each person receives each message exactly once, whether the gateways are down for a while, the
 * station restarts mid-queue, or a gateway cuts the connection after it took a message.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// Demo citizens whose first dose the demo seed recorded: their second dose can be booked.
const PEOPLE = [
  { ssin: demoSsin('1968-12-25', 137), email: 'noel.mertens@example.test', phone: '0470 11 22 33', sms: '32470112233' },
  { ssin: demoSsin('1993-07-14', 146), email: 'anais.gerard@example.test', phone: '+32 471/22.33.44', sms: '32471223344' },
  { ssin: demoSsin('1951-09-30', 152), email: 'baerbel.kreutzer@example.test', phone: '0032 472 33 44 55', sms: '32472334455' },
];

const START = '2026-03-04T09:30:00Z';

function settingsFor(smtp: LoopbackGateway, smppServer: LoopbackGateway): Partial<Settings> {
  return {
    messages: {
      email: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vaccination@centre.example.test' },
      sms: { kind: 'smpp', host: '127.0.0.1', port: smppServer.port, systemId: 'dosedesk', sender: 'DoseDesk' },
    },
  };
}

function open(dataDir: string | undefined, clock: ManualClock, settings: Partial<Settings>, seed: boolean) {
  const station = openTestStation({
    clock,
    settings,
    ...(dataDir ? { dataDir } : {}),
    lockAfterSeconds: 30 * 24 * 3600,
    // Short pauses so a gateway that comes back is tried again quickly; nothing here asserts a duration.
    messages: { retryMs: 20, maxRetryMs: 150, idleMs: 50, gatewayTimeoutMs: 3000, log: () => {} },
  });
  if (seed) station.seedDemo();
  const staff = signedInCall(station, ['checkin', 'supervisor']);
  const call = async <T,>(method: string, args: unknown): Promise<T> => {
    const envelope = (await station.dispatch(method, args, staff)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as T;
  };
  station.startServices();
  return { station, call, worker: () => messagesServiceOf(station.ctx)!.worker };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

async function gateways() {
  const smtp = await smtpGateway();
  const smppServer = await smppGateway();
  cleanups.push(() => smtp.down(), () => smppServer.down());
  return { smtp, smppServer };
}

describe('citizen messages through real SMTP and SMPP gateways on loopback', () => {
  it('waits while both gateways are down, survives a restart mid-queue, and delivers each message exactly once', async () => {
    const { smtp, smppServer } = await gateways();
    const temp = makeTempDir('dosedesk-messages-');
    cleanups.push(() => temp.cleanup());
    const clock = new ManualClock(START);
    const settings = settingsFor(smtp, smppServer);

    // Both gateways down: bookings still succeed, their messages wait.
    let desk = open(temp.dir, clock, settings, true);
    const booked: { ssin: string; appointmentId: string; localDate: string }[] = [];
    for (const p of PEOPLE) {
      await desk.call('messages.setContact', { ssin: p.ssin, email: p.email, phone: p.phone, consent: true });
      // The third person's appointment a fortnight ahead, so its reminder day comes after the booking
      // (the demo's Vaxzevria interval of the day aims at 56 days, which is today for this person).
      const preference = p === PEOPLE[2] ? { preference: { notBefore: '2026-03-20' } } : {};
      const r = await desk.call<{ kind: string; appointment: { id: string; localDate: string } }>('booking.book', { ssin: p.ssin, ...preference, print: false });
      expect(r.kind).toBe('booked');
      booked.push({ ssin: p.ssin, appointmentId: r.appointment.id, localDate: r.appointment.localDate });
    }
    await until('a failed attempt on each channel', async () => {
      const list = await desk.call<MessageSummary[]>('messages.list', {});
      return ['email', 'sms'].every((c) => list.some((m) => m.channel === c && m.problem === 'messages.problem.unreachable'));
    });
    expect(await desk.call<MessageStatus>('messages.status', {})).toMatchObject({ waiting: 6, sent: 0, uncertain: 0, channels: ['email', 'sms'] });
    expect(smtp.received).toEqual([]);
    expect(smppServer.received).toEqual([]);

    // The station stops mid-queue; the e-mail gateway comes back first, then the SMS gateway.
    desk.station.close();
    await smtp.up();
    desk = open(temp.dir, clock, settings, false);
    cleanups.push(() => desk.station.close());
    // The server holds a message a moment before the station has marked it sent: wait for both.
    await until('three e-mails received and marked sent', async () => smtp.received.length >= 3 && (await desk.call<MessageStatus>('messages.status', {})).sent === 3);
    expect((await desk.call<MessageStatus>('messages.status', {})).waiting).toBe(3);
    await smppServer.up();
    await until('three SMS', () => smppServer.received.length >= 3);
    await until('nothing waiting', async () => (await desk.call<MessageStatus>('messages.status', {})).waiting === 0);

    // A move and a cancellation tell the person once more each; the move does not also say "cancelled".
    const moved = await desk.call<{ next: { kind: string; appointment: { id: string } } }>('booking.rebook', { appointmentId: booked[0]!.appointmentId, reason: 'citizen away that day', print: false });
    expect(moved.next.kind).toBe('booked');
    await desk.call('booking.cancel', { appointmentId: booked[1]!.appointmentId, reason: 'moved abroad' });
    await until('five e-mails and five SMS', () => smtp.received.length >= 5 && smppServer.received.length >= 5);

    // Reminders: the day before the third person's appointment, from the station clock.
    clock.set(localInstant(addDays(booked[2]!.localDate, -1), '08:00'));
    desk.worker().wake();
    await until('the reminders', () => smtp.received.length >= 6 && smppServer.received.length >= 6);
    // Further rounds on the same day add nothing.
    for (let i = 0; i < 3; i++) {
      desk.worker().wake();
      await desk.worker().idle();
    }

    const ids = smtp.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(PEOPLE.map((p) => smtp.countFor(p.email))).toEqual([2, 2, 2]);
    expect(PEOPLE.map((p) => smppServer.countFor(p.sms))).toEqual([2, 2, 2]);
    const list = await desk.call<MessageSummary[]>('messages.list', {});
    expect(list.map((m) => `${m.kind}:${m.channel}:${m.state}`).sort()).toEqual(
      ['booked', 'booked', 'booked', 'rebooked', 'cancelled', 'reminder'].flatMap((k) => [`${k}:email:sent`, `${k}:sms:sent`]).sort(),
    );
    expect(await desk.call<MessageStatus>('messages.status', {})).toMatchObject({ waiting: 0, sent: 12, uncertain: 0, failed: 0 });

    // The texts are in the person's language, with the Brussels time and the code.
    const sms = (to: string) => smppServer.received.filter((r) => r.to === to).map((r) => r.text);
    expect(sms(PEOPLE[1]!.sms).join('\n')).toMatch(/annulé/);
    expect(sms(PEOPLE[2]!.sms).join('\n')).toMatch(/Erinnerung, Impfung morgen .* um \d\d:\d\d/);
    expect(sms(PEOPLE[0]!.sms).join('\n')).toMatch(/verplaatst naar/);
  }, 60_000);

  it('marks a message uncertain when the gateway cuts the connection after taking it, never resends it by itself, and lets the supervisor settle it', async () => {
    const { smtp, smppServer } = await gateways();
    await smtp.up();
    await smppServer.up();
    smtp.dropAnswers = true;
    smppServer.dropAnswers = true;
    const clock = new ManualClock(START);
    const desk = open(undefined, clock, settingsFor(smtp, smppServer), true);
    cleanups.push(() => desk.station.cleanup());
    const p = PEOPLE[0]!;
    await desk.call('messages.setContact', { ssin: p.ssin, email: p.email, phone: p.phone, consent: true });
    await desk.call('booking.book', { ssin: p.ssin, print: false });
    await until('both messages uncertain', async () => (await desk.call<MessageStatus>('messages.status', {})).uncertain === 2);
    // The gateways answer again: later rounds still leave the uncertain messages alone.
    smtp.dropAnswers = false;
    smppServer.dropAnswers = false;
    for (let i = 0; i < 3; i++) {
      desk.worker().retryNow();
      await desk.worker().idle();
    }
    expect([smtp.countFor(p.email), smppServer.countFor(p.sms)]).toEqual([1, 1]);
    const uncertain = await desk.call<MessageSummary[]>('messages.list', { states: ['uncertain'] });
    expect(uncertain.map((m) => m.problem)).toEqual(['messages.problem.lost_after_handover', 'messages.problem.lost_after_handover']);

    // The person has the e-mail: confirmed. The SMS did not arrive: resent as a new message, once.
    const email = uncertain.find((m) => m.channel === 'email')!;
    const text = uncertain.find((m) => m.channel === 'sms')!;
    expect(await desk.call<MessageSummary>('messages.resolve', { messageId: email.id, action: 'confirm' })).toMatchObject({ state: 'uncertain', resolution: 'confirmed' });
    const copy = await desk.call<MessageSummary>('messages.resolve', { messageId: text.id, action: 'resend' });
    expect(copy).toMatchObject({ resendOf: text.id, state: 'queued', channel: 'sms' });
    await until('the copy sent', async () => (await desk.call<MessageStatus>('messages.status', {})).waiting === 0);
    expect([smtp.countFor(p.email), smppServer.countFor(p.sms)]).toEqual([1, 2]);
    expect(await desk.call<MessageStatus>('messages.status', {})).toMatchObject({ uncertain: 0, sent: 1, waiting: 0 });
    // A settled message cannot be settled again (no second copy by a double click).
    const again = (await desk.station.dispatch('messages.resolve', { messageId: text.id, action: 'resend' }, signedInCall(desk.station, 'supervisor'))) as CallEnvelope;
    expect(again).toMatchObject({ ok: false, error: { code: 'messages.not_open' } });
  }, 60_000);

  it('turns a message the station was sending when it stopped into an uncertain one at the next start, not a second message', async () => {
    const { smtp, smppServer } = await gateways();
    await smtp.up();
    smtp.hangAnswers = true;
    const temp = makeTempDir('dosedesk-messages-stop-');
    cleanups.push(() => temp.cleanup());
    const clock = new ManualClock(START);
    const settings: Partial<Settings> = { messages: { email: settingsFor(smtp, smppServer).messages!.email, sms: null } };
    const first = open(temp.dir, clock, settings, true);
    const p = PEOPLE[1]!;
    await first.call('messages.setContact', { ssin: p.ssin, email: p.email, phone: null, consent: true });
    await first.call('booking.book', { ssin: p.ssin, print: false });
    await until('the server holds the message', () => smtp.received.length === 1);
    first.station.close();
    smtp.cutConnections();
    smtp.hangAnswers = false;

    const second = open(temp.dir, clock, settings, false);
    cleanups.push(() => second.station.close());
    for (let i = 0; i < 3; i++) {
      second.worker().retryNow();
      await second.worker().idle();
    }
    expect(smtp.countFor(p.email)).toBe(1);
    const [row] = await second.call<MessageSummary[]>('messages.list', {});
    expect(row).toMatchObject({ state: 'uncertain', problem: 'messages.problem.interrupted', attempts: 1 });
  }, 60_000);

  it('queues nothing for a person who refused messages or gave no contact, and nothing when no gateway is set up', async () => {
    const { smtp, smppServer } = await gateways();
    const clock = new ManualClock(START);
    const desk = open(undefined, clock, settingsFor(smtp, smppServer), true);
    cleanups.push(() => desk.station.cleanup());
    const [refusing, noPhone] = PEOPLE;
    const contact = await desk.call<{ reachableBy: string[] }>('messages.setContact', { ssin: refusing!.ssin, email: refusing!.email, phone: refusing!.phone, consent: false });
    expect(contact.reachableBy).toEqual([]);
    expect((await desk.call<{ reachableBy: string[] }>('messages.setContact', { ssin: noPhone!.ssin, email: noPhone!.email, phone: null, consent: true })).reachableBy).toEqual(['email']);
    await desk.call('booking.book', { ssin: refusing!.ssin, print: false });
    await desk.call('booking.book', { ssin: noPhone!.ssin, print: false });
    const list = await desk.call<MessageSummary[]>('messages.list', {});
    expect(list.map((m) => `${m.recipient}:${m.channel}`)).toEqual([`${noPhone!.email}:email`]);

    // A phone number no gateway could use is refused with a message for staff, and nothing changes.
    const bad = (await desk.station.dispatch('messages.setContact', { ssin: noPhone!.ssin, email: null, phone: 'abc', consent: true }, signedInCall(desk.station, 'checkin'))) as CallEnvelope;
    expect(bad).toMatchObject({ ok: false, error: { code: 'messages.phone_invalid' } });
    expect((await desk.call<{ email: string | null }>('messages.contact', { ssin: noPhone!.ssin })).email).toBe(noPhone!.email);

    const quiet = open(undefined, new ManualClock(START), {}, true);
    cleanups.push(() => quiet.station.cleanup());
    await quiet.call('messages.setContact', { ssin: noPhone!.ssin, email: noPhone!.email, phone: noPhone!.phone, consent: true });
    await quiet.call('booking.book', { ssin: noPhone!.ssin, print: false });
    expect(await quiet.call<MessageStatus>('messages.status', {})).toEqual({ waiting: 0, sent: 0, uncertain: 0, failed: 0, channels: [] });
  }, 60_000);

  it('reminds the day before only for appointments this station booked before that day', async () => {
    const { smtp, smppServer } = await gateways();
    await smtp.up();
    const clock = new ManualClock(START);
    const settings: Partial<Settings> = { messages: { email: settingsFor(smtp, smppServer).messages!.email, sms: null } };
    const desk = open(undefined, clock, settings, true);
    cleanups.push(() => desk.station.cleanup());
    const [mertens, gerard, kreutzer] = PEOPLE;
    const book = async (p: (typeof PEOPLE)[number], notBefore: string | null) => {
      await desk.call('messages.setContact', { ssin: p.ssin, email: p.email, phone: null, consent: true });
      const r = await desk.call<{ kind: string; appointment: { id: string; localDate: string } }>('booking.book', { ssin: p.ssin, preference: { notBefore }, print: false });
      if (r.kind !== 'booked') throw new Error(`${p.ssin} not booked`);
      return r.appointment;
    };
    const dayBefore = (d: string) => addDays(d, -1);
    const remindOn = async (date: string) => {
      clock.set(localInstant(date, '09:00'));
      for (let i = 0; i < 2; i++) {
        desk.worker().wake();
        await desk.worker().idle();
      }
    };
    // After the other appointment, so the reminder rounds go forward in time.
    const own = await book(kreutzer!, '2026-03-25');
    const other = await book(mertens!, '2026-03-20');
    // As if the second had been booked by another station of the centre and learned through centre sync.
    desk.station.ctx.db.prepare(`UPDATE appointments SET station_id = 'station-2' WHERE id = ?`).run(other.id);
    await until('two booking e-mails', () => smtp.received.length === 2);

    // Booked the day before the appointment: the booking's own e-mail, no reminder on top.
    clock.set(localInstant('2026-03-15', '09:00'));
    const late = await book(gerard!, '2026-03-16');
    expect(late.localDate).toBe('2026-03-16');
    await remindOn('2026-03-15');
    await remindOn(dayBefore(other.localDate));
    await remindOn(dayBefore(own.localDate));
    await until('the reminder', () => smtp.received.length === 4);
    expect([smtp.countFor(kreutzer!.email), smtp.countFor(mertens!.email), smtp.countFor(gerard!.email)]).toEqual([2, 1, 1]);
    const who = (id: string) => (id === own.id ? 'own' : id === other.id ? 'other' : 'late');
    const kinds = (await desk.call<MessageSummary[]>('messages.list', {})).map((m) => `${who(m.appointmentId)}:${m.kind}`).sort();
    expect(kinds).toEqual(['late:booked', 'other:booked', 'own:booked', 'own:reminder']);
  }, 60_000);
});
