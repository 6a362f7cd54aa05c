import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { createTestStaff, TEST_PIN } from '../../../../support/test-staff';
import { DEMO_PIN, DEMO_STAFF } from '../../../../../src/main/station/staff/demo-staff';
import { lockoutMinutes } from '../../../../../src/main/station/staff/security';
import type { CallInfo } from '../../../../../src/main/station/base/handlers';
import type { StaffRole } from '../../../../../src/shared/api/staff';
import { LANGUAGES } from '../../../../../src/shared/i18n/languages';
import { translate } from '../../../../../src/shared/i18n/translate';
import { openTestStation, signedInCall } from '../../../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const anonymous: CallInfo = { language: 'en', transport: 'http' };

function station(enforceRoles = true) {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const s = openTestStation({ clock, enforceRoles });
  cleanup = s.cleanup;
  return { s, clock };
}

async function signIn(s: ReturnType<typeof station>['s'], login: string, pin: string, call: CallInfo = anonymous) {
  const answer = await s.dispatch('staff.signIn', { login, pin }, call);
  if (!answer.ok) return { ok: false as const, code: answer.error.code, params: answer.error.params };
  const result = answer.result as { sessionId: string; session: { state: string; staff: { id: string; roles: StaffRole[] } } };
  return { ok: true as const, result, call: { ...call, sessionId: result.sessionId, sessionKind: 'tab' as const } };
}

describe('roles enforced by the dispatcher', () => {
  it('is off on test stations by default, so existing tests need no session', async () => {
    const { s } = station(false);
    expect(s.security.enforceRoles).toBe(false);
    expect((await s.dispatch('audit.verify', {}, anonymous)).ok).toBe(true);
  });

  it('refuses non-public methods without a session, and lets public ones through', async () => {
    const { s } = station();
    expect(await s.dispatch('audit.verify', {}, anonymous)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await s.dispatch('checkin.lookup', { ssin: '85073100145' }, anonymous)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await s.dispatch('staff.list', {}, { ...anonymous, sessionId: 'x'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect((await s.dispatch('station.status', {}, anonymous)).ok).toBe(true);
    expect((await s.dispatch('settings.update', { language: 'fr' }, anonymous)).ok).toBe(true);
    expect(await s.dispatch('settings.update', { role: 'checkin' }, anonymous)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
  });

  it('refuses a role the method does not allow, and ignores a staff actor smuggled in by a transport', async () => {
    const { s } = station();
    const checkin = signedInCall(s, 'checkin');
    expect(await s.dispatch('staff.list', {}, checkin)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    // The role is checked before the arguments: a caller outside the roles is told so, not what the method takes.
    expect(await s.dispatch('booking.administer', {}, checkin)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await s.dispatch('booking.administer', {}, signedInCall(s, 'vaccinator'))).toMatchObject({ ok: false, error: { code: 'validation' } });
    const forged = { ...anonymous, staff: { id: checkin.staff.id, displayName: 'x', nihdi: null, roles: ['supervisor' as const], mustChangePin: false } };
    expect(await s.dispatch('staff.list', {}, forged)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    const supervisor = signedInCall(s, 'supervisor');
    expect((await s.dispatch('staff.list', {}, supervisor)).ok).toBe(true);
    expect((await s.dispatch('settings.update', { role: 'checkin' }, supervisor)).ok).toBe(true);
  });

  it('gives handlers the signed-in person as call.staff', async () => {
    const { s } = station();
    const vaccinator = signedInCall(s, 'vaccinator', { displayName: 'Dr. Test' });
    const seen: CallInfo[] = [];
    const original = s.handlers['staff.current'];
    (s.handlers as Record<string, unknown>)['staff.current'] = (args: unknown, call: CallInfo) => {
      seen.push(call);
      return original({}, call);
    };
    // The dispatcher was built on the same handler map object.
    await s.dispatch('staff.current', {}, vaccinator);
    expect(seen.at(-1)?.staff).toMatchObject({ id: vaccinator.staff.id, displayName: 'Dr. Test', roles: ['vaccinator'] });
    expect(seen.at(-1)?.staff?.nihdi).toMatch(/^\d{11}$/);
  });
});

describe('sign-in, lock and switch', () => {
  it('signs in by NIHDI number (any separators), by staff number and by id, with the PIN', async () => {
    const { s } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['vaccinator']);
    const nihdi = staff.nihdi!;
    const printed = `${nihdi[0]}-${nihdi.slice(1, 6)}-${nihdi.slice(6, 8)}-${nihdi.slice(8)}`;
    const byNihdi = await signIn(s, printed, TEST_PIN);
    expect(byNihdi.ok && byNihdi.result.session).toMatchObject({ state: 'active', staff: { id: staff.id, roles: ['vaccinator'] } });
    expect(byNihdi.ok && byNihdi.result.sessionId.length).toBeGreaterThanOrEqual(32);
    expect((await signIn(s, staff.id, TEST_PIN)).ok).toBe(true);
    const code = (s.ctx.db.prepare('SELECT code FROM staff WHERE id = ?').get(staff.id) as { code: string }).code;
    expect((await signIn(s, code.toLowerCase(), TEST_PIN)).ok).toBe(true);
    // A good sign-in upgrades the cheap test hash to today's parameters.
    const params = JSON.parse((s.ctx.db.prepare('SELECT pin_params FROM staff WHERE id = ?').get(staff.id) as { pin_params: string }).pin_params);
    expect(params.N).toBe(131072);
  });

  it('answers a wrong PIN and an unknown number the same way', async () => {
    const { s } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['checkin']);
    expect(await signIn(s, staff.id, '9999')).toMatchObject({ ok: false, code: 'staff.bad_credentials' });
    expect(await signIn(s, '99999999999', '9999')).toMatchObject({ ok: false, code: 'staff.bad_credentials' });
    expect(await signIn(s, 'NOBODY', TEST_PIN)).toMatchObject({ ok: false, code: 'staff.bad_credentials' });
  });

  it('locks an account out after 5 wrong PINs for 5 minutes, then twice as long each time', async () => {
    const { s, clock } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['checkin']);
    for (let i = 0; i < 4; i++) expect(await signIn(s, staff.id, '0000')).toMatchObject({ code: 'staff.bad_credentials' });
    expect(await signIn(s, staff.id, '0000')).toMatchObject({ code: 'staff.locked_out', params: { minutes: 5 } });
    // Even the right PIN is refused while locked out.
    expect(await signIn(s, staff.id, TEST_PIN)).toMatchObject({ code: 'staff.locked_out' });
    clock.advance(5 * 60_000 + 1000);
    for (let i = 0; i < 4; i++) await signIn(s, staff.id, '0000');
    expect(await signIn(s, staff.id, '0000')).toMatchObject({ code: 'staff.locked_out', params: { minutes: 10 } });
    clock.advance(10 * 60_000 + 1000);
    expect((await signIn(s, staff.id, TEST_PIN)).ok).toBe(true);
    expect(s.ctx.db.prepare('SELECT failed_attempts, lockouts, locked_until FROM staff WHERE id = ?').get(staff.id)).toEqual({ failed_attempts: 0, lockouts: 0, locked_until: null });
    expect([1, 2, 3, 7, 20].map(lockoutMinutes)).toEqual([5, 10, 20, 320, 480]);
  });

  it('does not let parallel guesses slip past the lock-out', async () => {
    const { s } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['checkin']);
    const answers = await Promise.all(Array.from({ length: 12 }, () => signIn(s, staff.id, '0000')));
    const codes = answers.map((a) => (a.ok ? 'ok' : a.code));
    expect(codes.filter((c) => c === 'staff.bad_credentials')).toHaveLength(4);
    expect(codes.filter((c) => c === 'staff.locked_out')).toHaveLength(8);
  });

  it('lets a supervisor lift a lock-out', async () => {
    const { s } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['checkin']);
    for (let i = 0; i < 5; i++) await signIn(s, staff.id, '0000');
    const supervisor = signedInCall(s, 'supervisor');
    expect((await s.dispatch('staff.unlock', { staffId: staff.id }, supervisor)).ok).toBe(true);
    expect((await signIn(s, staff.id, TEST_PIN)).ok).toBe(true);
  });

  it('locks the screen after the idle time: personal data refused with staff.locked until the PIN is given again', async () => {
    const { s, clock } = station();
    const staff = createTestStaff(s.ctx.db, s.ctx.clock, ['supervisor']);
    const first = await signIn(s, staff.id, TEST_PIN);
    if (!first.ok) throw new Error(first.code);
    expect((await s.dispatch('audit.recent', {}, first.call)).ok).toBe(true);
    clock.advance(119_000);
    expect((await s.dispatch('audit.recent', {}, first.call)).ok).toBe(true);
    clock.advance(119_000); // activity reset the idle timer: still open
    expect((await s.dispatch('staff.list', {}, first.call)).ok).toBe(true);
    clock.advance(120_000);
    expect(await s.dispatch('audit.recent', {}, first.call)).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    expect(await s.dispatch('checkin.lookup', { ssin: '85073100145' }, first.call)).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    const current = await s.dispatch('staff.current', {}, first.call);
    expect(current).toMatchObject({ ok: true, result: { state: 'locked', staff: { id: staff.id }, lockAfterSeconds: 120 } });
    const again = await signIn(s, staff.id, TEST_PIN, first.call);
    if (!again.ok) throw new Error(again.code);
    expect((await s.dispatch('audit.recent', {}, again.call)).ok).toBe(true);
    // The old id of this tab is gone.
    expect(await s.dispatch('audit.recent', {}, first.call)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
  });

  it('locks on demand, signs out, and switches person on the same tab or window', async () => {
    const { s } = station();
    const a = createTestStaff(s.ctx.db, s.ctx.clock, ['supervisor']);
    const b = createTestStaff(s.ctx.db, s.ctx.clock, ['checkin']);
    const window: CallInfo = { language: 'en', transport: 'electron', sessionId: 'window-session-7', sessionKind: 'window' };
    const asA = await signIn(s, a.id, TEST_PIN, window);
    if (!asA.ok) throw new Error(asA.code);
    expect(asA.result.sessionId).toBe('window-session-7');
    expect(await s.dispatch('staff.lock', {}, window)).toMatchObject({ ok: true, result: { state: 'locked' } });
    expect(await s.dispatch('staff.list', {}, window)).toMatchObject({ ok: false, error: { code: 'staff.locked' } });
    const asB = await signIn(s, b.id, TEST_PIN, window);
    expect(asB.ok && asB.result.session.staff.id).toBe(b.id);
    expect(await s.dispatch('staff.list', {}, window)).toMatchObject({ ok: false, error: { code: 'staff.forbidden' } });
    expect(await s.dispatch('staff.signOut', {}, window)).toMatchObject({ ok: true, result: { state: 'none', staff: null } });
    expect(await s.dispatch('sync.status', {}, window)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
  });

  it('signs a deactivated person out at once and keeps the last supervisor', async () => {
    const { s } = station();
    const supervisor = signedInCall(s, 'supervisor');
    const nurse = signedInCall(s, 'vaccinator');
    expect((await s.dispatch('sync.status', {}, nurse)).ok).toBe(true);
    expect((await s.dispatch('staff.update', { staffId: nurse.staff.id, active: false }, supervisor)).ok).toBe(true);
    expect(await s.dispatch('sync.status', {}, nurse)).toMatchObject({ ok: false, error: { code: 'staff.required' } });
    expect(await s.dispatch('staff.update', { staffId: supervisor.staff.id, roles: ['checkin'] }, supervisor)).toMatchObject({ ok: false, error: { code: 'staff.last_supervisor' } });
  });

  it('creates staff with a strong PIN only, and a vaccinator only with an NIHDI number', async () => {
    const { s } = station();
    const supervisor = signedInCall(s, 'supervisor');
    const create = (args: object) => s.dispatch('staff.create', args, supervisor);
    expect(await create({ displayName: 'A', roles: ['checkin'], pin: '1234' })).toMatchObject({ ok: false, error: { code: 'staff.weak_pin' } });
    expect(await create({ displayName: 'A', roles: ['vaccinator'], pin: '482916' })).toMatchObject({ ok: false, error: { code: 'staff.nihdi_required' } });
    const made = await create({ displayName: 'Dr. B', roles: ['vaccinator'], nihdi: '2-34567-89-012', pin: '482916' });
    expect(made).toMatchObject({ ok: true, result: { nihdi: '23456789012', roles: ['vaccinator'], active: true } });
    expect(await create({ displayName: 'C', roles: ['vaccinator'], nihdi: '23456789012', pin: '593027' })).toMatchObject({ ok: false, error: { code: 'staff.duplicate_nihdi' } });
    const row = s.ctx.db.prepare(`SELECT pin_hash, pin_salt, pin_params FROM staff WHERE nihdi = '23456789012'`).get() as Record<string, string>;
    expect(row.pin_hash).not.toContain('482916');
    expect(JSON.parse(row.pin_params!)).toEqual({ alg: 'scrypt', N: 131072, r: 8, p: 1, keylen: 32 });
    expect((await signIn(s, '2.34567.89.012', '482916')).ok).toBe(true);
  });

  it('seeds the demo staff once, each with PIN 1234', async () => {
    const { s } = station();
    s.seedDemo();
    s.seedDemo();
    expect((s.ctx.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(DEMO_STAFF.length);
    const vaccinator = await signIn(s, '1-23456-78-901', DEMO_PIN);
    expect(vaccinator.ok && vaccinator.result.session.staff.roles).toEqual(['vaccinator']);
    expect((await signIn(s, 'CHK01', DEMO_PIN)).ok).toBe(true);
    expect((await signIn(s, 'SUP01', DEMO_PIN)).ok).toBe(true);
  });

  it('has a message for every staff code in the four languages', () => {
    const codes = ['staff.required', 'staff.forbidden', 'staff.locked', 'staff.bad_credentials', 'staff.locked_out', 'staff.weak_pin', 'staff.nihdi_required', 'staff.duplicate_nihdi', 'staff.duplicate_code', 'staff.not_found', 'staff.last_supervisor'];
    for (const code of codes) for (const lang of LANGUAGES) expect(translate(lang, `error.${code}`, { minutes: 5 }), `${lang} ${code}`).not.toBe(`error.${code}`);
    expect(translate('nl', 'error.staff.locked_out', { minutes: 10 })).toContain('10 minuten');
  });
});
