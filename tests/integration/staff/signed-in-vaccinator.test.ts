import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { openTestStation, signedInCall } from '../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function demoStation() {
  const station = openTestStation({ clock: new ManualClock('2026-03-02T09:30:00+01:00'), enforceRoles: true });
  cleanup = station.cleanup;
  station.seedDemo();
  const lot = station.ctx.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty'`).get() as { id: string };
  const person = { familyName: 'Dupont', givenNames: 'Élise', birthDate: null, sex: 'F' as const, language: 'fr' as const };
  return { station, lotId: lot.id, person };
}

describe('a dose is recorded in the name of the signed-in vaccinator', () => {
  it('refuses a vaccinator other than the one signed in, and records nothing', async () => {
    const { station, lotId, person } = demoStation();
    const call = signedInCall(station, 'vaccinator');
    const answer = await station.dispatch('booking.administer', { ssin: '85073003328', person, lotId, vaccinator: { nihdi: '99999999999', name: 'Someone Else' } }, call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'booking.vaccinator_not_signed_in' } });
    if (!answer.ok) expect(answer.error.message).toContain(call.staff.displayName);
    const doses = station.ctx.db.prepare(`SELECT COUNT(*) AS n FROM dose_records WHERE ssin = '85073003328'`).get() as { n: number };
    expect(doses.n).toBe(0);
  });

  it('records the signed-in vaccinator, whatever name the screen sent with the right number', async () => {
    const { station, lotId, person } = demoStation();
    const call = signedInCall(station, 'vaccinator', { displayName: 'Dr. An Peeters' });
    const answer = await station.dispatch('booking.administer', { ssin: '85073003328', person, lotId, vaccinator: { nihdi: call.staff.nihdi!, name: 'typed name' } }, call);
    expect(answer.ok).toBe(true);
    const row = station.ctx.db.prepare(`SELECT vaccinator_nihdi, vaccinator_name FROM dose_records WHERE ssin = '85073003328'`).get() as { vaccinator_nihdi: string; vaccinator_name: string };
    expect(row).toEqual({ vaccinator_nihdi: call.staff.nihdi, vaccinator_name: 'Dr. An Peeters' });
  });

  it('needs no vaccinator from the screen: the session says who gave the dose', async () => {
    const { station, lotId, person } = demoStation();
    const call = signedInCall(station, 'vaccinator', { displayName: 'Dr. Jan Claes' });
    const answer = await station.dispatch('booking.administer', { ssin: '85073003328', person, lotId }, call);
    expect(answer.ok).toBe(true);
    const row = station.ctx.db.prepare(`SELECT vaccinator_nihdi, vaccinator_name FROM dose_records WHERE ssin = '85073003328'`).get() as { vaccinator_nihdi: string; vaccinator_name: string };
    expect(row).toEqual({ vaccinator_nihdi: call.staff.nihdi, vaccinator_name: 'Dr. Jan Claes' });
    const dose = station.ctx.db.prepare(`SELECT id FROM dose_records WHERE ssin = '85073003328'`).get() as { id: string };
    const voided = await station.dispatch('booking.voidDose', { doseId: dose.id, reason: 'wrong person' }, call);
    expect(voided).toMatchObject({ ok: true, result: { dose: { status: 'entered-in-error' } } });
  });

  it('refuses a check-in agent outright (role) before any rule runs', async () => {
    const { station, lotId, person } = demoStation();
    const call = signedInCall(station, 'checkin');
    const answer = await station.dispatch('booking.administer', { ssin: '85073003328', person, lotId, vaccinator: { nihdi: '1', name: 'x' } }, call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
  });
});
