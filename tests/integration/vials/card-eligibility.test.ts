import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { makeTempDir } from '../../support/temp-dir';
import { openTestStation, signedInCall, type TestStation } from '../../support/station';

/**
 * A person comes to a station of the centre that never saw their first dose (given at another
 * station, not synced here): the appointment card's dose counts for eligibility at check-in AND
 * before a vial is opened, not only at "dose given" after the injection.
 */
const START = '2026-03-03T09:30:00+01:00'; // a Tuesday with Comirnaty sessions in the demo calendar
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const PEETERS = '90110202242'; // demo citizen invited for Comirnaty, no dose yet

const temp = makeTempDir('dosedesk-card-eligibility-');
const clock = new ManualClock(START);
let a: TestStation;
let b: TestStation;
let cardToken = '';

function open(stationId: string): TestStation {
  const s = openTestStation({ dir: temp.dir, stationId, clock, lockAfterSeconds: 100 * 24 * 3600 });
  seedDemoCentre(s.ctx.db, clock, stationId, { days: 40 });
  return s;
}

async function call<T>(s: TestStation, method: string, args: unknown): Promise<{ ok: true; result: T } | { ok: false; code: string }> {
  const answer = await s.dispatch(method, args, signedInCall(s, 'vaccinator', { language: 'en', displayName: 'Dr. An Peeters' }));
  return answer.ok ? { ok: true, result: answer.result as T } : { ok: false, code: answer.error.code };
}

const vialCount = (s: TestStation) => (s.ctx.db.prepare('SELECT COUNT(*) AS n FROM vials').get() as { n: number }).n;

beforeAll(async () => {
  a = open('station-1');
  b = open('station-2');
  const vial = await call<{ lot: { lotId: string }; vial: { id: string } }>(a, 'vials.use', { text: COMIRNATY, ssin: PEETERS });
  if (!vial.ok) throw new Error(vial.code);
  const given = await call<{ next: { kind: string; card?: { token: string } | null } }>(a, 'booking.administer', { ssin: PEETERS, lotId: vial.result.lot.lotId, vialId: vial.result.vial.id });
  if (!given.ok || given.result.next.kind !== 'booked' || !given.result.next.card) throw new Error(`dose 2 not booked at station-1: ${JSON.stringify(given).slice(0, 600)}`);
  cardToken = given.result.next.card.token;
});
afterAll(() => {
  a.close();
  b.close();
  temp.cleanup();
});

describe('an appointment card from another station counts before the vial', () => {
  it('the same day: check-in says dose today and blocks, and the vial is refused while still closed', async () => {
    const found = await call<{ nextDoseNumber: number | null; warnings: { code: string }[]; vaccination: { allowed: boolean; products: string[] } }>(b, 'checkin.scan', { text: cardToken, source: 'scanner' });
    if (!found.ok) throw new Error(found.code);
    expect(found.result.nextDoseNumber).toBe(2);
    expect(found.result.warnings.map((w) => w.code)).toContain('dose_today');
    expect(found.result.vaccination).toMatchObject({ allowed: false, products: ['comirnaty'] });

    const before = vialCount(b);
    expect(await call(b, 'vials.use', { text: COMIRNATY, ssin: PEETERS, cardToken })).toEqual({ ok: false, code: 'vials.dose_today' });
    expect(vialCount(b)).toBe(before);
  });

  it('ten days later: too early, with the first allowed day; three weeks later: allowed', async () => {
    clock.set('2026-03-13T09:30:00+01:00');
    const early = await call<{ warnings: { code: string }[]; earliestNextDose: string | null }>(b, 'checkin.scan', { text: cardToken, source: 'scanner' });
    if (!early.ok) throw new Error(early.code);
    expect(early.result.warnings.map((w) => w.code)).toContain('too_early');
    expect(early.result.earliestNextDose).toBe('2026-03-22'); // the demo Comirnaty's minimum interval, 19 days
    const before = vialCount(b);
    expect(await call(b, 'vials.use', { text: COMIRNATY, ssin: PEETERS, cardToken })).toEqual({ ok: false, code: 'vials.too_early' });
    expect(vialCount(b)).toBe(before);

    clock.set('2026-03-24T09:30:00+01:00');
    const due = await call<{ warnings: { code: string }[]; vaccination: { allowed: boolean } }>(b, 'checkin.scan', { text: cardToken, source: 'scanner' });
    if (!due.ok) throw new Error(due.code);
    expect(due.result.warnings.map((w) => w.code)).not.toContain('too_early');
    expect(due.result.vaccination.allowed).toBe(true);
    const used = await call<{ opened: boolean }>(b, 'vials.use', { text: COMIRNATY, ssin: PEETERS, cardToken });
    expect(used.ok).toBe(true);
  });

  it('a card that does not verify adds no dose (and does not stop the vial check)', async () => {
    const forged = cardToken.slice(0, -3) + (cardToken.endsWith('AAA') ? 'BBB' : 'AAA');
    const used = await call(b, 'vials.use', { text: COMIRNATY, ssin: PEETERS, cardToken: forged });
    expect(used.ok).toBe(true);
  });
});
