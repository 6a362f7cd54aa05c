import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { drawDose, openVial } from '../../../src/main/station/vials/vials';
import { openTestStation, signedInCall } from '../../support/station';

const START = '2026-03-02T09:30:00+01:00';
/** Comirnaty (GTIN 05413868120110), expiry 2027-12-31, lot FE1234; a second lot FE5678. */
const VIAL = ']d2010541386812011017271231' + '10FE1234';
const OTHER_LOT = ']d2010541386812011017271231' + '10FE5678';
const EXPIRED_LOT = ']d2010541386812011017260101' + '10FE0001';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  ensureProducts(s.ctx.db, DEFAULT_PRODUCTS, clock.now());
  const nurse = signedInCall(s, 'vaccinator', { displayName: 'Dr. An Peeters' });
  const use = async (text: string, call = nurse) => {
    const answer = await s.dispatch('vials.use', { text }, call);
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.result as { lot: { lotId: string; lot: string; productCode: string }; vial: { id: string; dosesLeft: number; lotId: string; stationId: string; expired: boolean }; opened: boolean };
  };
  const vialCount = () => (s.ctx.db.prepare('SELECT COUNT(*) AS n FROM vials').get() as { n: number }).n;
  return { s, clock, nurse, use, vialCount };
}

describe('vials.use: the station decides which vial a scan means', () => {
  it('opens a vial on the first scan of a lot, in the signed-in vaccinator’s name, and reuses it on the next scans', async () => {
    const { s, use, vialCount } = station();
    const first = await use(VIAL);
    expect(first.opened).toBe(true);
    expect(first.lot).toMatchObject({ productCode: 'comirnaty', lot: 'FE1234' });
    expect(first.vial).toMatchObject({ lotId: first.lot.lotId, stationId: 'station-1', dosesLeft: 6, expired: false });
    const row = s.ctx.db.prepare('SELECT opened_by FROM vials WHERE id = ?').get(first.vial.id) as { opened_by: string };
    expect(row.opened_by).toBe('Dr. An Peeters');

    const again = await use(VIAL);
    expect(again).toMatchObject({ opened: false, vial: { id: first.vial.id } });
    expect(vialCount()).toBe(1);
  });

  it('opens a new vial when the open one is empty', async () => {
    const { s, clock, use, vialCount } = station();
    const first = await use(VIAL);
    for (let i = 0; i < 5; i++) drawDose(s.ctx.db, first.vial.id, 'comirnaty', first.lot.lotId, clock.now());
    expect(await use(VIAL)).toMatchObject({ opened: false, vial: { id: first.vial.id, dosesLeft: 1 } });
    drawDose(s.ctx.db, first.vial.id, 'comirnaty', first.lot.lotId, clock.now());
    const next = await use(VIAL);
    expect(next.opened).toBe(true);
    expect(next.vial.id).not.toBe(first.vial.id);
    expect(next.vial.dosesLeft).toBe(6);
    expect(vialCount()).toBe(2);
  });

  it('opens a new vial when the open one is past its hours after puncture, and never hands out the expired one', async () => {
    const { s, clock, nurse, use } = station();
    const first = await use(VIAL);
    clock.advance(6 * 3600_000 - 1);
    expect(await use(VIAL)).toMatchObject({ opened: false, vial: { id: first.vial.id } });
    clock.advance(1);
    const next = await use(VIAL);
    expect(next.opened).toBe(true);
    expect(next.vial.id).not.toBe(first.vial.id);
    expect(next.vial.expired).toBe(false);
    // The open vials the screen lists say which can still be drawn from: the station decides, not the screen.
    const listed = await s.dispatch('vials.list', {}, nurse);
    expect(listed.ok && listed.result).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: first.vial.id, expired: true, usable: false }), expect.objectContaining({ id: next.vial.id, usable: true })]),
    );
  });

  it('keeps lots and stations apart: another lot or another station’s open vial is not reused', async () => {
    const { s, clock, use } = station();
    const theirs = openVial(s.ctx.db, { stationId: 'station-2', lotId: (await use(OTHER_LOT)).lot.lotId, openedBy: 'elsewhere' }, clock.now());
    const mine = await use(VIAL);
    expect(mine.opened).toBe(true);
    const other = await use(OTHER_LOT);
    expect(other.opened).toBe(false);
    expect(other.vial.id).not.toBe(mine.vial.id);
    expect(other.vial.id).not.toBe(theirs.id);
    expect(other.vial.stationId).toBe('station-1');
  });

  it('refuses an expired lot or a code that is not a vial, in the staff’s language, and opens nothing', async () => {
    const { s, nurse, vialCount } = station();
    const expired = await s.dispatch('vials.use', { text: EXPIRED_LOT }, { ...nurse, language: 'fr' });
    expect(expired).toMatchObject({ ok: false, error: { code: 'vials.lot_expired' } });
    if (!expired.ok) expect(expired.error.message).toContain('FE0001');
    const person = await s.dispatch('vials.use', { text: '85073003328' }, nurse);
    expect(person).toMatchObject({ ok: false, error: { code: 'vials.not_a_vial' } });
    expect(vialCount()).toBe(0);
  });

  it('refuses a check-in agent (role) and a call without a session, before anything is written', async () => {
    const { s, vialCount } = station();
    const agent = signedInCall(s, 'checkin');
    expect(await s.dispatch('vials.use', { text: VIAL }, agent)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await s.dispatch('vials.use', { text: VIAL }, { language: 'en', transport: 'http' })).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(vialCount()).toBe(0);
    expect((s.ctx.db.prepare('SELECT COUNT(*) AS n FROM lots').get() as { n: number }).n).toBe(0);
  });
});
