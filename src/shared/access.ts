/**
 * Who may call a contract method, and what it does with personal data (GDPR art. 9: health data).
 * Every method carries its permission in its definition (`defineMethod(args, result, permission)`), so a
 * method nobody decided the roles of does not compile. This module is the vocabulary only: it
 * depends on no capability, so every contract map can use it.
 *
 * - roles 'public': anyone, even with nobody signed in (status bar, sign-in, language switch).
 * - roles 'staff': any signed-in staff member with an unlocked session.
 * - a list of roles: a signed-in staff member holding one of them.
 * - personal: what the method does with citizens' personal data; every such call is written to the
 *   hash-chained audit trail (who, which method and records, when, which station).
 * - security: staff and station administration that is audited although it touches no citizen data.
 * - publicIf: the call is public when its (parsed) arguments satisfy this, e.g. switching language.
 * - writes: a method that writes without being audited (audited methods run in a transaction anyway).
 */
export const STAFF_ROLES = ['checkin', 'vaccinator', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type PersonalDataUse = 'read' | 'create' | 'correct' | 'export';
export type SecurityEvent = 'auth' | 'admin' | 'purge';

export interface MethodPermission {
  readonly roles: 'public' | 'staff' | readonly StaffRole[];
  readonly personal: PersonalDataUse | false;
  readonly security?: SecurityEvent;
  readonly publicIf?: (args: unknown) => boolean;
  /** Writes although it is not audited (vials, print jobs): the dispatcher still runs it as one transaction. */
  readonly writes?: true;
}

export const C = 'checkin';
export const V = 'vaccinator';
export const S = 'supervisor';

/** Anyone, signed in or not. */
export const open = (extra: Partial<MethodPermission> = {}): MethodPermission => ({ roles: 'public', personal: false, ...extra });
/** Any signed-in staff member. */
export const staff = (personal: PersonalDataUse | false = false): MethodPermission => ({ roles: 'staff', personal });
/** A signed-in staff member holding one of these roles. */
export const only = (roles: readonly StaffRole[], personal: PersonalDataUse | false = false, security?: SecurityEvent): MethodPermission => ({
  roles,
  personal,
  ...(security ? { security } : {}),
});

/** Marks a method that writes records although it is not audited. */
export const writing = (permission: MethodPermission): MethodPermission => ({ ...permission, writes: true });

/**
 * Only the display language may change without a supervisor: it is how anyone at the desk switches
 * language. The patch must name the language: an empty patch is not a language switch.
 */
export const languageOnly = (args: unknown): boolean =>
  typeof args === 'object' && args !== null && !Array.isArray(args) && Object.keys(args).length === 1 && 'language' in args;

/** Events that carry personal data go only to windows whose session is unlocked and holds one of these roles. */
export const PERSONAL_EVENTS: Readonly<Record<string, readonly StaffRole[]>> = {
  'cardreader.card': [C, V, S],
};

/** True when the method needs nobody signed in for these arguments. */
export function isPublicCall(permission: MethodPermission, args: unknown): boolean {
  return permission.roles === 'public' || (permission.publicIf?.(args) ?? false);
}

/**
 * A public call that neither writes nor is audited (station status, the session view, settings):
 * what the Node host answers while the database's integrity check is still running.
 */
export function isPublicRead(permission: MethodPermission): boolean {
  return permission.roles === 'public' && !permission.writes && auditAction(permission) === null;
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
