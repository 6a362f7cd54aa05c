import * as z from 'zod';
import { defineMethod } from '../define';
import { Instant, NoArgs } from './common';
import { S, STAFF_ROLES as ROLES, only, open, staff } from '../access';

/**
 * Staff, their sessions and the station's security administration (audit trail, retention).
 * Sessions live in the back end: over HTTP the tab sends the id `staff.signIn` returned in the
 * `X-DoseDesk-Session` header; in Electron the session belongs to the window and needs no id.
 */
export const StaffRole = z.enum(ROLES);
export type StaffRole = z.infer<typeof StaffRole>;
export const STAFF_ROLES = StaffRole.options;

/** An NIHDI (RIZIV/INAMI) number as printed, `1-23456-78-901`, or its 11 digits. Stored as digits. */
export const NihdiNumber = z
  .string()
  .trim()
  .max(20)
  .transform((s) => s.replace(/[\s./-]/g, ''))
  .pipe(z.string().regex(/^\d{11}$/, '11 digits, e.g. 1-23456-78-901'));

/** Digits only: staff type it on a touch keypad. */
export const Pin = z.string().regex(/^\d{4,12}$/, '4 to 12 digits');

/** A short staff number for people without an NIHDI number (check-in agents), e.g. a badge number. */
export const StaffCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,19}$/, '2 to 20 letters, digits or dashes');

const DisplayName = z.string().trim().min(1).max(120);

export const StaffMember = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  displayName: z.string(),
  nihdi: z.string().nullable(),
  roles: z.array(StaffRole).min(1),
  active: z.boolean(),
  lockedUntil: Instant.nullable(),
  /** The PIN was reset: the person chooses a new one at the next sign-in. */
  mustChangePin: z.boolean(),
  lastSignInAt: Instant.nullable(),
  createdAt: Instant,
});
export type StaffMember = z.infer<typeof StaffMember>;

/** Who is signed in, as the screens may show it. */
export const SignedInStaff = z.object({
  id: z.uuid(),
  displayName: z.string(),
  nihdi: z.string().nullable(),
  roles: z.array(StaffRole).min(1),
  /** Signed in with a one-time PIN: only `staff.changeOwnPin` (and signing out) is allowed until then. */
  mustChangePin: z.boolean(),
});
export type SignedInStaff = z.infer<typeof SignedInStaff>;

/** `locked`: the person is still signed in but the screen must hide personal data until the PIN is given again. */
export const SessionView = z.object({
  state: z.enum(['none', 'active', 'locked']),
  staff: SignedInStaff.nullable(),
  lockAfterSeconds: z.number().int().positive(),
  idleSeconds: z.number().int().nonnegative(),
  maintenance: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SignInResult = z.object({
  /** Send it as `X-DoseDesk-Session` on every later call from this tab (HTTP only; keep it in sessionStorage). */
  sessionId: z.string().min(16),
  session: SessionView,
});
export type SignInResult = z.infer<typeof SignInResult>;

export const SecurityPolicy = z.object({
  /** A session locks itself after this many seconds without a call. */
  lockAfterSeconds: z.number().int().min(30).max(3600),
  /** Personal fields of records synced and untouched for this many days are pseudonymised. */
  retentionDays: z.number().int().min(7).max(3650),
  /** A PIN a person chooses (at creation, a supervisor's set, their own change) has at least this many digits. */
  pinMinDigits: z.number().int().min(4).max(12),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;


const StaffRef = z.object({ staffId: z.uuid() }).strict();

export const staffMethods = {
  /** By NIHDI number, staff number or staff id, with the person's PIN. Also unlocks a locked screen and switches person. */
  'staff.signIn': defineMethod(z.object({ login: z.string().trim().min(1).max(40), pin: Pin }).strict(), SignInResult, open({ security: 'auth' })),
  'staff.signOut': defineMethod(NoArgs, SessionView, open({ security: 'auth' })),
  'staff.current': defineMethod(NoArgs, SessionView, open()),
  /** Locks the screen now (the person leaves the desk for a moment). */
  'staff.lock': defineMethod(NoArgs, SessionView, open({ security: 'auth' })),
  'staff.list': defineMethod(z.object({ includeInactive: z.boolean().optional() }).strict(), z.object({ staff: z.array(StaffMember) }), only([S])),
  'staff.create': defineMethod(
    z
      .object({
        displayName: DisplayName,
        code: StaffCode.nullable().optional(),
        nihdi: NihdiNumber.nullable().optional(),
        roles: z.array(StaffRole).min(1).max(3),
        pin: Pin,
      })
      .strict(),
    StaffMember,
    only([S], false, 'admin'),
  ),
  /** Sets a new PIN and lifts a lock-out. */
  'staff.setPin': defineMethod(StaffRef.extend({ pin: Pin }).strict(), StaffMember, only([S], false, 'admin')),
  'staff.update': defineMethod(
    StaffRef.extend({
      displayName: DisplayName.optional(),
      roles: z.array(StaffRole).min(1).max(3).optional(),
      active: z.boolean().optional(),
      /** A vaccinator always keeps one: null is refused for them. */
      nihdi: NihdiNumber.nullable().optional(),
    }).strict(),
    StaffMember,
    only([S], false, 'admin'),
  ),
  /**
   * Replaces the person's PIN with a one-time PIN, returned once and never stored in clear: the old
   * PIN stops working, the person's sessions end, and the next sign-in must choose a new PIN.
   */
  'staff.resetPin': defineMethod(StaffRef, z.object({ member: StaffMember, oneTimePin: Pin }), only([S], false, 'admin')),
  /** The signed-in person replaces their own PIN, giving the current one; the only call a session flagged "must change PIN" may make. */
  'staff.changeOwnPin': defineMethod(z.object({ currentPin: Pin, newPin: Pin }).strict(), SessionView, { ...staff(), security: 'auth' }),
  /** Lifts a lock-out after repeated wrong PINs. */
  'staff.unlock': defineMethod(StaffRef, StaffMember, only([S], false, 'admin')),
  /** Maintenance lets the supervisor reload or quit the kiosk window while signed in (Electron). */
  'staff.setMaintenance': defineMethod(z.object({ on: z.boolean() }).strict(), SessionView, only([S], false, 'admin')),
  'staff.policy': defineMethod(NoArgs, SecurityPolicy, only([S])),
  'staff.setPolicy': defineMethod(SecurityPolicy.partial().strict(), SecurityPolicy, only([S], false, 'admin')),
};
