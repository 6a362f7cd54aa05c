import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { StaffMember } from '../../../src/shared/api/staff';
import { openTestStation, signedInCall } from '../../support/station';

/** A supervisor sets or changes a person's NIHDI number (staff.update), with the rules of staff.create. */
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function desk() {
  const station = openTestStation({ clock: new ManualClock('2026-03-02T09:30:00+01:00') });
  cleanup = station.cleanup;
  const supervisor = signedInCall(station, 'supervisor', { language: 'fr' });
  const update = (args: Record<string, unknown>) => station.dispatch('staff.update', args, supervisor) as Promise<CallEnvelope>;
  const created = (await station.dispatch('staff.create', { displayName: 'Lea Desk', code: 'CHK77', roles: ['checkin'], pin: '480213' }, supervisor)) as CallEnvelope;
  if (!created.ok) throw new Error(created.error.code);
  return { station, supervisor, update, lea: created.result as StaffMember };
}

describe('staff.update sets an NIHDI number', () => {
  it('takes a printed number as digits, records the change, and then lets the person become a vaccinator', async () => {
    const { station, update, lea } = await desk();
    expect(await update({ staffId: lea.id, roles: ['checkin', 'vaccinator'] })).toMatchObject({ ok: false, error: { code: 'staff.nihdi_required' } });
    const set = await update({ staffId: lea.id, nihdi: '1-23456-78-901' });
    expect(set).toMatchObject({ ok: true, result: { nihdi: '12345678901' } });
    expect(await update({ staffId: lea.id, roles: ['checkin', 'vaccinator'] })).toMatchObject({ ok: true, result: { roles: ['checkin', 'vaccinator'] } });
    const changes = station.db.prepare(`SELECT what, detail FROM staff_changes WHERE staff_id = ? AND what = 'nihdi'`).all(lea.id);
    expect(changes).toEqual([{ what: 'nihdi', detail: JSON.stringify({ before: null, after: '12345678901' }) }]);
  });

  it('refuses a malformed number, one another person has, and none for a vaccinator; changes nothing then', async () => {
    const { station, supervisor, update, lea } = await desk();
    const bad = await update({ staffId: lea.id, nihdi: '1-2345' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    const nurse = signedInCall(station, 'vaccinator');
    expect(await update({ staffId: lea.id, nihdi: nurse.staff.nihdi })).toMatchObject({ ok: false, error: { code: 'staff.duplicate_nihdi', message: 'Un autre membre du personnel a déjà ce numéro INAMI.' } });
    expect(await update({ staffId: nurse.staff.id, nihdi: null })).toMatchObject({ ok: false, error: { code: 'staff.nihdi_required' } });
    const list = (await station.dispatch('staff.list', {}, supervisor)) as CallEnvelope & { result: { staff: StaffMember[] } };
    expect(list.result.staff.find((m) => m.id === lea.id)?.nihdi).toBeNull();
    expect(list.result.staff.find((m) => m.id === nurse.staff.id)?.nihdi).toBe(nurse.staff.nihdi);
  });

  it('is the supervisor’s: a vaccinator cannot change a number', async () => {
    const { station, lea } = await desk();
    const nurse = signedInCall(station, 'vaccinator');
    expect(await station.dispatch('staff.update', { staffId: lea.id, nihdi: '12345678901' }, nurse)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
  });
});
