import type { StaffRole } from './staff';

/**
 * Who may call each contract method, and what it does with personal data (GDPR art. 9: health
 * data). The dispatcher refuses a method that has no entry here with `internal`, and a unit test
 * (tests/unit/security/permissions.test.ts) lists every contract method that lacks one: a new
 * method is not callable until someone decides who may call it.
 *
 * - roles 'public': anyone, even with nobody signed in (status bar, sign-in, language switch).
 * - roles 'staff': any signed-in staff member with an unlocked session.
 * - a list of roles: a signed-in staff member holding one of them.
 * - personal: what the method does with citizens' personal data; every such call is written to the
 *   hash-chained audit trail (who, which method and records, when, which station).
 * - security: staff and station administration that is audited although it touches no citizen data.
 * - publicIf: the call is public when its (parsed) arguments satisfy this, e.g. switching language.
 */
export type PersonalDataUse = 'read' | 'create' | 'correct' | 'export';
export type SecurityEvent = 'auth' | 'admin' | 'purge';

export interface MethodPermission {
  readonly roles: 'public' | 'staff' | readonly StaffRole[];
  readonly personal: PersonalDataUse | false;
  readonly security?: SecurityEvent;
  readonly publicIf?: (args: unknown) => boolean;
}

const C = 'checkin';
const V = 'vaccinator';
const S = 'supervisor';

const open = (extra: Partial<MethodPermission> = {}): MethodPermission => ({ roles: 'public', personal: false, ...extra });
const staff = (personal: PersonalDataUse | false = false): MethodPermission => ({ roles: 'staff', personal });
const only = (roles: readonly StaffRole[], personal: PersonalDataUse | false = false, security?: SecurityEvent): MethodPermission => ({
  roles,
  personal,
  ...(security ? { security } : {}),
});

/**
 * Only the display language may change without a supervisor: it is how anyone at the desk switches
 * language. The patch must name the language: an empty patch is not a language switch.
 */
const languageOnly = (args: unknown): boolean =>
  typeof args === 'object' && args !== null && !Array.isArray(args) && Object.keys(args).length === 1 && 'language' in args;

export const PERMISSIONS: Readonly<Record<string, MethodPermission>> = {
  // Station shell
  'station.status': open(),
  'settings.get': open(),
  'settings.update': { roles: [S], personal: false, security: 'admin', publicIf: languageOnly },

  // Identification and check-in
  'cardreader.status': staff(),
  'identity.parse': staff(),
  'checkin.scan': only([C, V, S], 'read'),
  'checkin.lookup': only([C, V, S], 'read'),
  'checkin.confirm': only([C, S], 'create'),

  // Booking, doses, vials
  'booking.products': staff(),
  'booking.configureProduct': only([S], false, 'admin'),
  'booking.scanVial': only([V, S]),
  'booking.registerLot': only([V, S]),
  'booking.administer': only([V], 'create'),
  'booking.verifyCard': only([C, V, S], 'read'),
  'booking.proposeSlots': only([C, V, S], 'read'),
  'booking.book': only([C, V, S], 'create'),
  'booking.rebook': only([C, V, S], 'correct'),
  'booking.cancel': only([C, V, S], 'correct'),
  'booking.reprintCard': only([C, V, S], 'export'),
  'booking.correctDose': only([V, S], 'correct'),
  'booking.voidDose': only([V, S], 'correct'),
  'booking.dayPlan': staff(),
  'booking.toBeBooked': only([C, V, S], 'read'),
  'booking.openVial': only([V, S]),
  'booking.openVials': staff(),
  'booking.closeVial': only([V, S]),
  'booking.standbyAdd': only([C, V, S], 'create'),
  'booking.standbyList': only([C, V, S], 'read'),
  'booking.standbyUpdate': only([C, V, S], 'correct'),
  'booking.capacityShares': only([S]),
  'booking.capacitySplit': only([S], false, 'admin'),
  'booking.addSession': only([S], false, 'admin'),
  'booking.setDayOpen': only([S], false, 'admin'),
  'booking.capacityView': staff(),
  'booking.capacityRelease': only([S], false, 'admin'),
  'booking.capacityAccept': only([S], false, 'admin'),
  'booking.rebalance': only([S], false, 'admin'),

  // Printing (a card carries the citizen's name and appointment)
  'printing.preview': staff('read'),
  'printing.testPage': staff(),
  'printing.reprint': only([C, V, S], 'export'),
  'printing.confirm': staff(),
  'printing.jobs': staff('read'),

  // Sync with the federal backend
  'sync.status': staff(),
  'sync.now': staff(),
  'sync.review': only([S], 'read'),
  'sync.resolveReview': only([S], 'correct'),

  // Staff and sessions
  'staff.signIn': open({ security: 'auth' }),
  'staff.signOut': open({ security: 'auth' }),
  'staff.current': open(),
  'staff.lock': open({ security: 'auth' }),
  'staff.list': only([S]),
  'staff.create': only([S], false, 'admin'),
  'staff.setPin': only([S], false, 'admin'),
  'staff.update': only([S], false, 'admin'),
  'staff.unlock': only([S], false, 'admin'),
  'staff.setMaintenance': only([S], false, 'admin'),

  // Security administration
  'security.policy': only([S]),
  'security.setPolicy': only([S], false, 'admin'),
  'audit.verify': only([S]),
  'audit.recent': only([S], false, 'admin'),
  'retention.run': only([S], false, 'purge'),

  // End-of-day report (figures, no citizen data) and the demo centre's guide (fictitious people, demo mode only)
  'reports.endOfDay': only([S]),
  'reports.demoGuide': open(),
};

/** Events that carry personal data go only to windows whose session is unlocked and holds one of these roles. */
export const PERSONAL_EVENTS: Readonly<Record<string, readonly StaffRole[]>> = {
  'cardreader.card': [C, V, S],
};

/** The entry of a method, by own property only (so `__proto__` and friends have none). */
export function permissionOf(method: string): MethodPermission | undefined {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, method) ? PERMISSIONS[method] : undefined;
}

/** True when the method needs nobody signed in for these arguments. */
export function isPublicCall(permission: MethodPermission, args: unknown): boolean {
  return permission.roles === 'public' || (permission.publicIf?.(args) ?? false);
}

/** True when a person holding these roles may call the method (public methods: always). */
export function rolesAllow(permission: MethodPermission, roles: readonly StaffRole[]): boolean {
  if (permission.roles === 'public') return true;
  if (permission.roles === 'staff') return roles.length > 0;
  const allowed = permission.roles;
  return roles.some((r) => allowed.includes(r));
}

/** Whether the call is written to the audit trail, and as what. */
export function auditAction(permission: MethodPermission): PersonalDataUse | SecurityEvent | null {
  return permission.personal || permission.security || null;
}
