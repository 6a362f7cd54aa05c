import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import type { CallEnvelope } from '../../../src/shared/envelope';
import type { SignInResult, StaffMember } from '../../../src/shared/api/staff';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import { TEST_PIN } from '../../support/test-staff';
import { openTestStation, signedInCall } from '../../support/station';

/** A supervisor resets a PIN (staff.resetPin); the person chooses a new one at the next sign-in (staff.changeOwnPin). */
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

type Ok<T> = { ok: true; result: T };

function desk() {
  const station = openTestStation({ clock: new ManualClock('2026-03-02T09:30:00+01:00') });
  cleanup = station.cleanup;
  const supervisor = signedInCall(station, 'supervisor', { language: 'fr' });
  const nurse = signedInCall(station, 'vaccinator', { displayName: 'Dr. An Peeters', language: 'fr' });
  const call = (method: string, args: unknown, info: CallInfo) => station.dispatch(method as never, args as never, info) as Promise<CallEnvelope>;
  const signIn = async (pin: string) => call('staff.signIn', { login: nurse.staff.nihdi, pin }, { language: 'fr', transport: 'http' });
  const asSession = (answer: CallEnvelope): CallInfo => ({ language: 'fr', transport: 'http', sessionId: (answer as Ok<SignInResult>).result.sessionId });
  const reset = async () => {
    const answer = await call('staff.resetPin', { staffId: nurse.staff.id }, supervisor);
    if (!answer.ok) throw new Error(answer.error.code);
    return answer.result as { member: StaffMember; oneTimePin: string };
  };
  const audit = (method: string) => station.db.prepare('SELECT actor, outcome, subjects FROM audit_log WHERE method = ? ORDER BY seq').all(method) as { actor: string; outcome: string; subjects: string }[];
  return { station, supervisor, nurse, call, signIn, asSession, reset, audit };
}

describe('staff.resetPin', () => {
  it('gives the supervisor a one-time PIN once: the old PIN and the person’s open session stop at once, recorded and audited without the PIN', async () => {
    const { station, supervisor, nurse, call, signIn, reset, audit } = desk();
    expect((await call('booking.dayPlan', {}, nurse)).ok).toBe(true);

    const { member, oneTimePin } = await reset();
    expect(oneTimePin).toMatch(/^\d{8}$/);
    expect(member).toMatchObject({ id: nurse.staff.id, mustChangePin: true });

    expect(await call('booking.dayPlan', {}, nurse)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await signIn(TEST_PIN)).toMatchObject({ ok: false, error: { code: 'staff.bad_credentials' } });

    const changes = station.db.prepare(`SELECT by, what, detail FROM staff_changes WHERE staff_id = ? AND what = 'pin_reset'`).all(nurse.staff.id);
    expect(changes).toEqual([{ by: `staff:${supervisor.staff.id}`, what: 'pin_reset', detail: '{}' }]);
    expect(audit('staff.resetPin')).toEqual([{ actor: `staff:${supervisor.staff.id}`, outcome: 'ok', subjects: JSON.stringify([`staff:${nurse.staff.id}`]) }]);
    const row = station.db.prepare('SELECT pin_hash, pin_must_change FROM staff WHERE id = ?').get(nurse.staff.id) as { pin_hash: string; pin_must_change: number };
    expect(row.pin_must_change).toBe(1);
    expect(row.pin_hash).not.toContain(oneTimePin);
    const everything = JSON.stringify([station.db.prepare('SELECT * FROM audit_log').all(), station.db.prepare('SELECT * FROM staff_changes').all(), station.logs]);
    expect(everything).not.toContain(oneTimePin);
  });

  it('is the supervisor’s, and not for their own PIN', async () => {
    const { station, supervisor, nurse, call, audit } = desk();
    const other = signedInCall(station, 'checkin');
    expect(await call('staff.resetPin', { staffId: other.staff.id }, nurse)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await call('staff.resetPin', { staffId: supervisor.staff.id }, supervisor)).toMatchObject({
      ok: false,
      error: { code: 'staff.reset_own_pin', message: 'Vous ne pouvez pas réinitialiser votre propre code PIN : changez-le avec votre code actuel.' },
    });
    expect(audit('staff.resetPin').map((r) => r.outcome)).toEqual(['staff.forbidden', 'staff.reset_own_pin']);
    expect(station.db.prepare(`SELECT count(*) AS n FROM staff WHERE pin_must_change = 1`).get()).toEqual({ n: 0 });
  });
});

describe('the sign-in after a reset', () => {
  it('opens a session that may only choose a new PIN; everything else is refused in the person’s language', async () => {
    const { call, signIn, asSession, reset, audit } = desk();
    const { oneTimePin } = await reset();
    const signedIn = await signIn(oneTimePin);
    expect(signedIn).toMatchObject({ ok: true, result: { session: { state: 'active', staff: { mustChangePin: true } } } });
    const session = asSession(signedIn);
    expect(await call('booking.dayPlan', {}, session)).toMatchObject({
      ok: false,
      error: { code: 'staff.pin_change_required', message: 'Choisissez d’abord un nouveau code PIN : un superviseur a réinitialisé votre code.' },
    });
    expect(await call('staff.current', {}, session)).toMatchObject({ ok: true, result: { staff: { mustChangePin: true } } });
    expect(audit('booking.dayPlan')).toEqual([]);
  });

  it('takes a new PIN that follows the policy; then the person works, and neither the old nor the one-time PIN opens a session', async () => {
    const { station, nurse, call, signIn, asSession, reset, audit } = desk();
    const { oneTimePin } = await reset();
    const session = asSession(await signIn(oneTimePin));
    const change = (currentPin: string, newPin: string) => call('staff.changeOwnPin', { currentPin, newPin }, session);

    expect(await change('13572468', '480213')).toMatchObject({ ok: false, error: { code: 'staff.bad_credentials' } });
    expect(await change(oneTimePin, '5555')).toMatchObject({ ok: false, error: { code: 'staff.weak_pin' } });
    expect(await change(oneTimePin, oneTimePin)).toMatchObject({ ok: false, error: { code: 'staff.pin_unchanged' } });
    expect(await change(oneTimePin, '12a4')).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await change(oneTimePin, '480213')).toMatchObject({ ok: true, result: { state: 'active', staff: { id: nurse.staff.id, mustChangePin: false } } });
    expect((await call('booking.dayPlan', {}, session)).ok).toBe(true);

    expect(await signIn(oneTimePin)).toMatchObject({ ok: false, error: { code: 'staff.bad_credentials' } });
    expect(await signIn(TEST_PIN)).toMatchObject({ ok: false, error: { code: 'staff.bad_credentials' } });
    expect(await signIn('480213')).toMatchObject({ ok: true, result: { session: { staff: { mustChangePin: false } } } });

    const changes = station.db.prepare(`SELECT by, what, detail FROM staff_changes WHERE staff_id = ? AND what LIKE 'pin%' ORDER BY at, rowid`).all(nurse.staff.id);
    expect(changes).toEqual([
      { by: expect.stringMatching(/^staff:/), what: 'pin_reset', detail: '{}' },
      { by: `staff:${nurse.staff.id}`, what: 'pin_own', detail: JSON.stringify({ afterReset: true }) },
    ]);
    expect(audit('staff.changeOwnPin').map((r) => [r.actor, r.outcome])).toEqual([
      [`staff:${nurse.staff.id}`, 'staff.bad_credentials'],
      [`staff:${nurse.staff.id}`, 'staff.weak_pin'],
      [`staff:${nurse.staff.id}`, 'staff.pin_unchanged'],
      [`staff:${nurse.staff.id}`, 'ok'],
    ]);
    expect(JSON.stringify(station.db.prepare('SELECT * FROM audit_log').all())).not.toContain('480213');
  });

  it('audits a flagged supervisor’s refused call, and blocks the account after five wrong current PINs, ending the session', async () => {
    const { station, supervisor, call, audit } = desk();
    const second = signedInCall(station, 'supervisor');
    const answer = await call('staff.resetPin', { staffId: second.staff.id }, supervisor);
    const oneTimePin = (answer as Ok<{ oneTimePin: string }>).result.oneTimePin;
    const signedIn = await call('staff.signIn', { login: second.staff.id, pin: oneTimePin }, { language: 'fr', transport: 'http' });
    const session: CallInfo = { language: 'fr', transport: 'http', sessionId: (signedIn as Ok<SignInResult>).result.sessionId };
    expect(await call('staff.setPolicy', { lockAfterSeconds: 300 }, session)).toMatchObject({ ok: false, error: { code: 'staff.pin_change_required' } });
    expect(audit('staff.setPolicy')).toEqual([{ actor: `staff:${second.staff.id}`, outcome: 'staff.pin_change_required', subjects: '[]' }]);

    const wrong = () => call('staff.changeOwnPin', { currentPin: '13572468', newPin: '480213' }, session);
    for (let i = 0; i < 4; i++) expect(await wrong()).toMatchObject({ ok: false, error: { code: 'staff.bad_credentials' } });
    expect(await wrong()).toMatchObject({ ok: false, error: { code: 'staff.locked_out', message: expect.stringContaining('5 minutes') } });
    expect(await call('staff.changeOwnPin', { currentPin: oneTimePin, newPin: '480213' }, session)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(station.db.prepare('SELECT pin_must_change, locked_until IS NOT NULL AS blocked FROM staff WHERE id = ?').get(second.staff.id)).toEqual({ pin_must_change: 1, blocked: 1 });
  });

  it('refuses a new PIN shorter than the station’s policy asks', async () => {
    const { supervisor, call, signIn, asSession, reset } = desk();
    expect(await call('staff.setPolicy', { pinMinDigits: 6 }, supervisor)).toMatchObject({ ok: true, result: { pinMinDigits: 6 } });
    const { oneTimePin } = await reset();
    const session = asSession(await signIn(oneTimePin));
    expect(await call('staff.changeOwnPin', { currentPin: oneTimePin, newPin: '2580' }, session)).toMatchObject({
      ok: false,
      error: { code: 'staff.pin_too_short', message: 'Sur ce poste, un code PIN compte au moins 6 chiffres.' },
    });
    expect(await call('staff.changeOwnPin', { currentPin: oneTimePin, newPin: '258013' }, session)).toMatchObject({ ok: true });
  });
});
