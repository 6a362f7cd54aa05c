import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { openTestStation, signedInCall } from '../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock('2026-03-02T16:00:00+01:00');
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  ensureProducts(s.ctx.db, DEFAULT_PRODUCTS, clock.now());
  const checkin = signedInCall(s, 'checkin');
  const add = (args: Record<string, unknown>) => s.dispatch('standby.add', args, checkin);
  const count = () => (s.ctx.db.prepare('SELECT COUNT(*) AS n FROM standby').get() as { n: number }).n;
  return { s, add, count };
}

describe('standby.add: an entry can be called for a vaccine', () => {
  it('refuses "abc" as a phone number with standby.phone_invalid and saves nothing', async () => {
    const { add, count } = station();
    const answer = await add({ displayName: 'Jan Peeters', phone: 'abc', productCodes: ['comirnaty'] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'standby.phone_invalid', params: { value: 'abc' } } });
    expect(count()).toBe(0);
  });

  it('stores Belgian and international numbers in E.164', async () => {
    const { add } = station();
    const be = await add({ displayName: 'Jan Peeters', phone: '0470 12 34 56', productCodes: ['comirnaty'] });
    expect(be).toMatchObject({ ok: true, result: { phone: '+32470123456' } });
    const fr = await add({ displayName: 'Marie Dubois', phone: '0033 6 12 34 56 78', productCodes: ['spikevax'] });
    expect(fr).toMatchObject({ ok: true, result: { phone: '+33612345678' } });
  });

  it('refuses an entry without a vaccine with standby.product_required instead of taking the first product', async () => {
    const { add, count } = station();
    const answer = await add({ displayName: 'Jan Peeters', phone: '0470 12 34 56', productCodes: [] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'standby.product_required' } });
    expect(count()).toBe(0);
  });
});
