import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { DEFAULT_PRODUCTS } from '../../../src/domain/vaccines/products';
import { ensureProducts } from '../../../src/main/station/products/products';
import { drawDose } from '../../../src/main/station/vials/vials';
import { openTestStation, signedInCall } from '../../support/station';

/** Comirnaty (GTIN 05413868120110), expiry 2027-12-31, lot FE1234. */
const VIAL = ']d2010541386812011017271231' + '10FE1234';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function stationWithOpenVial() {
  const clock = new ManualClock('2026-03-02T16:30:00+01:00');
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  ensureProducts(s.ctx.db, DEFAULT_PRODUCTS, clock.now());
  const supervisor = signedInCall(s, 'supervisor');
  const used = await s.dispatch('vials.use', { text: VIAL }, signedInCall(s, 'vaccinator'));
  if (!used.ok) throw new Error(used.error.code);
  const { vial, lot } = used.result as { vial: { id: string }; lot: { lotId: string } };
  for (let i = 0; i < 4; i++) drawDose(s.ctx.db, vial.id, 'comirnaty', lot.lotId, clock.now());
  const row = () => s.ctx.db.prepare('SELECT status, waste_reason, doses_wasted, closed_reason FROM vials WHERE id = ?').get(vial.id);
  const auditOf = () => s.ctx.db.prepare(`SELECT method, action, outcome, subjects FROM audit_log WHERE method = 'vials.close' ORDER BY seq`).all() as { method: string; action: string; outcome: string; subjects: string }[];
  return { s, supervisor, vialId: vial.id, row, auditOf };
}

describe('vials.close: doses left are thrown away only with a reason', () => {
  it('refuses to close a vial with doses left without a reason (vials.reason_required) and leaves it open', async () => {
    const { s, supervisor, vialId, row } = await stationWithOpenVial();
    const answer = await s.dispatch('vials.close', { vialId }, supervisor);
    expect(answer).toMatchObject({ ok: false, error: { code: 'vials.reason_required', params: { left: 2 } } });
    expect(row()).toEqual({ status: 'open', waste_reason: null, doses_wasted: null, closed_reason: null });
  });

  it('records the reason and the doses left, and audits who closed which vial', async () => {
    const { s, supervisor, vialId, row, auditOf } = await stationWithOpenVial();
    const answer = await s.dispatch('vials.close', { vialId, reason: 'contaminated' }, supervisor);
    expect(answer).toMatchObject({ ok: true, result: { status: 'discarded', wasteReason: 'contaminated', dosesWasted: 2 } });
    expect(row()).toEqual({ status: 'discarded', waste_reason: 'contaminated', doses_wasted: 2, closed_reason: null });
    const audit = auditOf();
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['admin', 'ok']]);
    expect(JSON.parse(audit[0]!.subjects)).toContain(`vial:${vialId}`);
  });

  it('needs a note for "other" (vials.note_required), then keeps it', async () => {
    const { s, supervisor, vialId, row } = await stationWithOpenVial();
    expect(await s.dispatch('vials.close', { vialId, reason: 'other' }, supervisor)).toMatchObject({ ok: false, error: { code: 'vials.note_required' } });
    expect(row()).toMatchObject({ status: 'open' });
    await s.dispatch('vials.close', { vialId, reason: 'other', note: 'Stopper came loose' }, supervisor);
    expect(row()).toEqual({ status: 'discarded', waste_reason: 'other', doses_wasted: 2, closed_reason: 'Stopper came loose' });
  });

  it('refuses the check-in role and a second close of the same vial', async () => {
    const { s, supervisor, vialId } = await stationWithOpenVial();
    expect(await s.dispatch('vials.close', { vialId, reason: 'end_of_session' }, signedInCall(s, 'checkin'))).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await s.dispatch('vials.close', { vialId, reason: 'end_of_session' }, supervisor)).toMatchObject({ ok: true });
    expect(await s.dispatch('vials.close', { vialId, reason: 'end_of_session' }, supervisor)).toMatchObject({ ok: false, error: { code: 'vials.closed' } });
  });
});
