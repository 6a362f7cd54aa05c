import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { EVENT_NAMES, METHOD_NAMES, methods, permissionOf } from '../../../src/shared/contract';
import { auditAction, isPublicCall, PERSONAL_EVENTS, rolesAllow, type MethodPermission } from '../../../src/shared/access';
import { defineMethod } from '../../../src/shared/define';
import { STAFF_ROLES } from '../../../src/shared/api/staff';
import { openTestStation } from '../../support/station';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** Every method's permission, as carried by its definition. */
const PERMISSIONS: Readonly<Record<string, MethodPermission>> = Object.fromEntries(METHOD_NAMES.map((m) => [m, methods[m].permission]));

describe('the permission map', () => {
  it('has an entry for every method of the contract (the third argument of defineMethod)', () => {
    const missing = METHOD_NAMES.filter((m) => !permissionOf(m));
    expect(missing, `methods without a permission: ${missing.join(', ')}`).toEqual([]);
  });

  it('is required by defineMethod: a method without a permission does not compile', () => {
    // @ts-expect-error the permission (third argument) is missing; `tsc` fails if it ever becomes optional.
    const spec = defineMethod(z.object({}).strict(), z.object({}));
    expect(spec.permission).toBeUndefined();
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
    // centre.create/join/firstSupervisor: first start, before anyone can sign in; their handlers
    // refuse them once a supervisor exists (tests/integration/centre/screens.test.ts).
    expect(open).toEqual(['centre.create', 'centre.firstSupervisor', 'centre.join', 'centre.status', 'reports.demoGuide', 'settings.get', 'staff.current', 'staff.lock', 'staff.signIn', 'staff.signOut', 'station.status']);
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
    // Only a definition built around the types can lack it; the dispatcher still refuses it.
    const spec = methods['station.status'] as { permission?: MethodPermission };
    const saved = spec.permission;
    delete spec.permission;
    try {
      const answer = await station.dispatch('station.status', {}, { language: 'en', transport: 'http' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'internal', params: { reason: 'no_permission_entry', method: 'station.status' } } });
    } finally {
      spec.permission = saved;
    }
    expect((await station.dispatch('station.status', {}, { language: 'en', transport: 'http' })).ok).toBe(true);
  });
});
