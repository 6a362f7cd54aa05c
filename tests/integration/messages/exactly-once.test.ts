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
    messages: { retryMs: 20, maxRetryMs: 150, idleMs: 50, gatewayTimeoutMs: 3000 },
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
      const r = await desk.call<{ kind: string; appointment: { id: string; localDate: string } }>('booking.book', { ssin: p.ssin, print: false });
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
    await until('three e-mails', () => smtp.received.length >= 3);
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
});
