import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { openTestStation, signedInCall } from '../../support/station';

const START = '2026-03-03T09:30:00+01:00';
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const VAXZEVRIA = '0105000456789011' + '17491231' + '10DEMOVAX01';
const JANSSENS = '58041903361'; // invited for Vaxzevria
const PEETERS = '90110202242'; // invited for Comirnaty

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 2 });
  const nurse = signedInCall(s, 'vaccinator');
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const answer = await s.dispatch(method, args, nurse);
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.result as T;
  };
  const give = async (ssin: string, vial: string, administration?: unknown) => {
    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: vial, ssin });
    return call<{ dose: { id: string; administration: unknown } }>('booking.administer', { ssin, lotId: used.lot.lotId, vialId: used.vial.id, print: false, ...(administration ? { administration } : {}) });
  };
  const payloadOf = (doseId: string) => JSON.parse((s.ctx.db.prepare(`SELECT payload FROM outbox WHERE record_id = ? AND kind = 'dose'`).get(doseId) as { payload: string }).payload) as { administration?: unknown };
  return { s, call, give, payloadOf };
}

describe('site, side, route and volume of a dose', () => {
  it('records the product’s usual way when nothing was changed: left deltoid, intramuscular, its volume', async () => {
    const { call, give, payloadOf } = station();
    const products = await call<{ code: string; administration?: unknown }[]>('products.list', {});
    expect(products.find((p) => p.code === 'comirnaty')?.administration).toEqual({ site: '35259002', side: 'left', route: 'IM', doseMl: 0.3 });
    const r = await give(PEETERS, COMIRNATY);
    expect(r.dose.administration).toEqual({ site: '35259002', side: 'left', route: 'IM', doseMl: 0.3 });
    expect(payloadOf(r.dose.id).administration).toEqual({ site: '35259002', side: 'left', route: 'IM', doseMl: 0.3 });
  });

  it('records what the vaccinator changed on the confirm step, the rest from the product', async () => {
    const { give, payloadOf } = station();
    const r = await give(JANSSENS, VAXZEVRIA, { side: 'right', site: '50092008' });
    expect(r.dose.administration).toEqual({ site: '50092008', side: 'right', route: 'IM', doseMl: 0.5 });
    expect(payloadOf(r.dose.id).administration).toEqual({ site: '50092008', side: 'right', route: 'IM', doseMl: 0.5 });
  });

  it('refuses a site or route outside the profile’s value sets, recording nothing', async () => {
    const { s, call } = station();
    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: COMIRNATY, ssin: PEETERS });
    const nurse = signedInCall(s, 'vaccinator');
    const bad = await s.dispatch('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, print: false, administration: { site: '74300007' } }, nurse);
    expect(!bad.ok && bad.error.code).toBe('validation');
    const route = await s.dispatch('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, print: false, administration: { route: 'IO' } }, nurse);
    expect(!route.ok && route.error.code).toBe('validation');
    expect((s.ctx.db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE ssin = ?').get(PEETERS) as { n: number }).n).toBe(0);
  });
});
