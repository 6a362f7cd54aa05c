import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES } from '../../../src/shared/contract';
import { auditAction, isPublicCall, PERMISSIONS, PERSONAL_EVENTS, permissionOf, rolesAllow } from '../../../src/shared/api/permissions';
import { STAFF_ROLES } from '../../../src/shared/api/staff';
import { openTestStation } from '../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the permission map', () => {
  it('has an entry for every method of the contract (add yours to src/shared/api/permissions.ts)', () => {
    const missing = METHOD_NAMES.filter((m) => !permissionOf(m));
    expect(missing, `methods without an entry in src/shared/api/permissions.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only real roles, and never makes a personal-data method public', () => {
    for (const [method, p] of Object.entries(PERMISSIONS)) {
      if (Array.isArray(p.roles)) {
        expect(p.roles.length, method).toBeGreaterThan(0);
        for (const r of p.roles) expect(STAFF_ROLES, method).toContain(r);
      } else {
        expect(['public', 'staff'], method).toContain(p.roles);
      }
      if (p.personal) {
        expect(p.roles, `${method} touches personal data`).not.toBe('public');
        expect(p.publicIf, method).toBeUndefined();
      }
    }
  });

  it('keeps the public surface small and deliberate', () => {
    const open = METHOD_NAMES.filter((m) => PERMISSIONS[m]!.roles === 'public').sort();
    // reports.demoGuide: the demo centre's fictitious staff and citizens, empty lists outside demo mode.
    expect(open).toEqual(['reports.demoGuide', 'settings.get', 'staff.current', 'staff.lock', 'staff.signIn', 'staff.signOut', 'station.status']);
  });

  it('lets anyone switch the language but only a supervisor change other settings', () => {
    const p = permissionOf('settings.update')!;
    expect(isPublicCall(p, { language: 'nl' })).toBe(true);
    expect(isPublicCall(p, {})).toBe(false); // an empty patch is not a language switch
    expect(isPublicCall(p, { language: 'nl', kiosk: false })).toBe(false);
    expect(isPublicCall(p, { role: 'supervisor' })).toBe(false);
    expect(rolesAllow(p, ['vaccinator', 'checkin'])).toBe(false);
    expect(rolesAllow(p, ['supervisor'])).toBe(true);
  });

  it('audits what touches personal data and security events, nothing else', () => {
    expect(auditAction(permissionOf('booking.administer')!)).toBe('create');
    expect(auditAction(permissionOf('checkin.lookup')!)).toBe('read');
    expect(auditAction(permissionOf('booking.reprintCard')!)).toBe('export');
    expect(auditAction(permissionOf('staff.signIn')!)).toBe('auth');
    expect(auditAction(permissionOf('station.status')!)).toBeNull();
  });

  it('knows no inherited names and covers only real events', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(permissionOf(name)).toBeUndefined();
    for (const event of Object.keys(PERSONAL_EVENTS)) expect(EVENT_NAMES as string[]).toContain(event);
  });

  it('makes the dispatcher refuse a method that has no entry, with internal and its name', async () => {
    const station = openTestStation();
    cleanup = station.cleanup;
    const table = PERMISSIONS as Record<string, unknown>;
    const saved = table['station.status'];
    delete table['station.status'];
    try {
      const answer = await station.dispatch('station.status', {}, { language: 'en', transport: 'http' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'internal', params: { reason: 'no_permission_entry', method: 'station.status' } } });
    } finally {
      table['station.status'] = saved;
    }
    expect((await station.dispatch('station.status', {}, { language: 'en', transport: 'http' })).ok).toBe(true);
  });
});
