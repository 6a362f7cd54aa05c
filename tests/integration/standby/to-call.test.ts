import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { ensureSession } from '../../../src/main/station/capacity/calendar';
import { drawDose } from '../../../src/main/station/vials/vials';
import type { CallEnvelope } from '../../../src/shared/envelope';
import { openTestStation, signedInCall } from '../../support/station';

/** Comirnaty (GTIN 05413868120110), expiry 2027-12-31, lot FE1234. */
const VIAL = ']d2010541386812011017271231' + '10FE1234';

interface ToCall {
  sessionEndsAt: string | null;
  callNow: boolean;
  dosesLeft: { productCode: string; doses: number }[];
  people: { id: string; displayName: string; forProduct: string; callOutcome: string | null; status: string }[];
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** A Monday in Brussels (UTC+1): a Comirnaty session 09:00-17:00, a vial with 2 doses left at 16:00. */
async function endOfDay() {
  const clock = new ManualClock('2026-03-02T16:00:00+01:00');
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  ensureProducts(s.ctx.db, DEFAULT_PRODUCTS, clock.now());
  s.ctx.db.transaction(() => ensureSession(s.ctx.db, 'centre-1', { date: '2026-03-02', productCode: 'comirnaty', start: '09:00', end: '17:00', slotMinutes: 15, capacityPerSlot: 4 }, 'seed', clock.now())).immediate();
  const desk = signedInCall(s, 'checkin');
  const call = async <T,>(method: string, args: unknown, info: Parameters<typeof s.dispatch>[2] = desk): Promise<T> => {
    const envelope = (await s.dispatch(method, args, info)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code}`);
    return envelope.result as T;
  };
  const used = await call<{ vial: { id: string }; lot: { lotId: string } }>('vials.use', { text: VIAL }, signedInCall(s, 'vaccinator'));
  for (let i = 0; i < 4; i++) drawDose(s.ctx.db, used.vial.id, 'comirnaty', used.lot.lotId, clock.now());
  const add = async (displayName: string, productCodes: string[]) => {
    const added = await call<{ id: string }>('standby.add', { displayName, phone: '0470 12 34 56', productCodes });
    clock.advance(60_000);
    return added.id;
  };
  return { s, clock, call, add };
}

describe('standby.toCall: leftover doses call the standby list near the session end', () => {
  it('lists nobody while the session ends in more than 30 minutes, then as many people as doses left, earliest added first, matching product', async () => {
    const { clock, call, add } = await endOfDay();
    const spikevaxOnly = await add('Sofie Maes', ['spikevax']);
    const first = await add('Jan Peeters', ['comirnaty']);
    const second = await add('Marie Dubois', ['spikevax', 'comirnaty']);
    await add('Karl Schmitz', ['comirnaty']);

    const early = await call<ToCall>('standby.toCall', {});
    expect(early).toMatchObject({ callNow: false, sessionEndsAt: '2026-03-02T16:00:00.000Z', dosesLeft: [{ productCode: 'comirnaty', doses: 2 }], people: [] });

    clock.set('2026-03-02T16:30:00+01:00');
    const now = await call<ToCall>('standby.toCall', {});
    expect(now.callNow).toBe(true);
    expect(now.people.map((p) => [p.id, p.forProduct])).toEqual([
      [first, 'comirnaty'],
      [second, 'comirnaty'],
    ]);
    expect(now.people.map((p) => p.id)).not.toContain(spikevaxOnly);
  });

  it('calls the next person when one is not reachable (who stays waiting on the list) and keeps the one who is coming', async () => {
    const { clock, call, add } = await endOfDay();
    const first = await add('Jan Peeters', ['comirnaty']);
    const second = await add('Marie Dubois', ['comirnaty']);
    const third = await add('Karl Schmitz', ['comirnaty']);
    clock.set('2026-03-02T16:45:00+01:00');

    expect(await call('standby.callOutcome', { id: first, outcome: 'coming' })).toMatchObject({ status: 'called', callOutcome: 'coming' });
    expect(await call('standby.callOutcome', { id: second, outcome: 'unreachable' })).toMatchObject({ status: 'waiting', callOutcome: 'unreachable' });
    const list = await call<ToCall>('standby.toCall', {});
    expect(list.people.map((p) => [p.id, p.callOutcome])).toEqual([
      [first, 'coming'],
      [third, null],
    ]);
  });

  it('calls a person not reachable yesterday again the next day', async () => {
    const { s, clock, call, add } = await endOfDay();
    const first = await add('Jan Peeters', ['comirnaty']);
    clock.set('2026-03-02T16:45:00+01:00');
    await call('standby.callOutcome', { id: first, outcome: 'unreachable' });
    expect((await call<ToCall>('standby.toCall', {})).people).toEqual([]);

    clock.set('2026-03-03T16:45:00+01:00');
    s.ctx.db.transaction(() => ensureSession(s.ctx.db, 'centre-1', { date: '2026-03-03', productCode: 'comirnaty', start: '09:00', end: '17:00', slotMinutes: 15, capacityPerSlot: 4 }, 'seed', clock.now())).immediate();
    await call('vials.use', { text: VIAL }, signedInCall(s, 'vaccinator'));
    // A new day, a new sign-in.
    const nextDay = await call<ToCall>('standby.toCall', {}, signedInCall(s, 'checkin'));
    expect(nextDay.people.map((p) => [p.id, p.callOutcome])).toEqual([[first, 'unreachable']]);
  });

  it('lists nobody once the session has ended', async () => {
    const { clock, call, add } = await endOfDay();
    await add('Jan Peeters', ['comirnaty']);
    clock.set('2026-03-02T17:00:00+01:00');
    expect(await call<ToCall>('standby.toCall', {})).toMatchObject({ callNow: false, sessionEndsAt: null, people: [] });
  });

  it('refuses an unknown entry with standby.unknown', async () => {
    const { s } = await endOfDay();
    const answer = await s.dispatch('standby.callOutcome', { id: 'no-such-entry', outcome: 'coming' }, signedInCall(s, 'supervisor'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'standby.unknown' } });
  });
});
