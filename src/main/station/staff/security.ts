import type { MethodName } from '../../../shared/contract';
import { DoseDeskError, isDoseDeskError } from '../../../shared/errors';
import { auditAction, isPublicCall, PERSONAL_EVENTS, rolesAllow, type MethodPermission } from '../../../shared/access';
import type { SessionView, SignedInStaff, SignInResult } from '../../../shared/api/staff';
import { hashPin, needsRehash, verifyPin, type PinHash } from '../../adapters/crypto/pin-hash';
import type { StationContext } from '../base/context';
import { workOf, type CallInfo } from '../base/handlers';
import type { Db } from '../../adapters/sqlite/database';
import { appendAudit, subjectKey, type AuditAction } from '../audit/audit-log';
import type { CallAudit } from '../base/unit-of-work';
import { collectSubjects } from '../audit/subjects';
import { readPolicy } from './policy';
import { SessionRegistry, type Session } from './sessions';
import { findByLogin, findStaff, lockOut, pinOf, recordChange, recordSignIn, rolesOf, setFailedAttempts, storeOwnPin, storePin, type StaffRow } from './staff-store';
import { checkPinPolicy } from './pin-policy';

export interface SecurityOptions {
  /** Refuse calls the caller's role does not allow. Production hosts: true; openTestStation: false. */
  enforceRoles: boolean;
  /** Overrides the stored policy's idle lock (tests). */
  lockAfterSeconds?: number;
  log?: (line: string) => void;
}

/** Lock-out: this many wrong PINs in a row block the account; each new block lasts twice as long. */
export const MAX_FAILURES = 5;
export const FIRST_LOCKOUT_MINUTES = 5;
export const MAX_LOCKOUT_MINUTES = 8 * 60;
/** What a session flagged "must change PIN" may call besides public methods (signing out, the session view). */
const WHILE_PIN_MUST_CHANGE: readonly MethodName[] = ['staff.changeOwnPin'];

/** Maintenance mode ends by itself after this long, or when its supervisor's session locks or ends. */
export const MAINTENANCE_MINUTES = 30;

export function lockoutMinutes(lockouts: number): number {
  return Math.min(FIRST_LOCKOUT_MINUTES * 2 ** Math.max(0, lockouts - 1), MAX_LOCKOUT_MINUTES);
}

/**
 * Staff sessions, the role check every call passes through, and the audit trail around calls that
 * touch personal data. One per station; the dispatcher calls `admit`, then `auditCall` for audited methods.
 */
export class StationSecurity {
  readonly sessions: SessionRegistry;
  readonly enforceRoles: boolean;
  private maintenance: { sessionId: string | undefined; until: number } | null = null;
  private lockAfterCache: number | null = null;
  private readonly attempts = new Map<string, Promise<unknown>>();
  private dummyPin: Promise<PinHash> | null = null;

  constructor(
    private readonly ctx: StationContext,
    private readonly options: SecurityOptions,
  ) {
    this.enforceRoles = options.enforceRoles;
    this.sessions = new SessionRegistry(ctx.clock, () => this.lockAfterSeconds() * 1000);
  }

  /** The station's database: the dispatcher runs each call's unit of work on it. */
  get db(): Db {
    return this.ctx.db;
  }

  lockAfterSeconds(): number {
    if (this.options.lockAfterSeconds !== undefined) return this.options.lockAfterSeconds;
    this.lockAfterCache ??= readPolicy(this.ctx.db).lockAfterSeconds;
    return this.lockAfterCache;
  }

  policyChanged(): void {
    this.lockAfterCache = null;
  }

  /** The signed-in person of an unlocked session, read fresh (roles or deactivation apply at once). */
  actorOf(session: Session | undefined): SignedInStaff | undefined {
    if (!session || session.locked) return undefined;
    const row = findStaff(this.ctx.db, session.staffId);
    if (!row || row.active !== 1) return undefined;
    return signedIn(row);
  }

  /**
   * The role check. Public calls pass (with the actor when someone is signed in). Otherwise the
   * session must exist, be unlocked and hold a role the method allows; a refused attempt at
   * personal data is itself audited. With enforceRoles off (tests) nothing is refused.
   */
  admit(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo): CallInfo {
    const { staff: _ignored, ...base } = call;
    const session = this.sessions.get(call.sessionId);
    const actor = this.actorOf(session);
    const withActor = (): CallInfo => (actor ? { ...base, staff: actor } : base);
    if (isPublicCall(permission, args)) return withActor();
    const refuse = (code: string): never => {
      const action = auditAction(permission);
      if (action) this.write(method, action, base, session?.staffId, [args], [], code);
      throw new DoseDeskError(code);
    };
    // A one-time PIN opens nothing but the choice of a new PIN, even where roles are not checked.
    if (actor?.mustChangePin && !WHILE_PIN_MUST_CHANGE.includes(method)) return refuse('staff.pin_change_required');
    if (!this.enforceRoles) {
      if (session && actor) this.sessions.touch(session);
      return withActor();
    }
    if (!session) return refuse('staff.required');
    if (session.locked) return refuse('staff.locked');
    if (!actor) {
      this.sessions.end(session.id);
      return refuse('staff.required');
    }
    if (!rolesAllow(permission, actor.roles)) return refuse('staff.forbidden');
    this.sessions.touch(session);
    return withActor();
  }

  /**
   * The audit entry of one call, for the dispatcher's unit of work. A call that wrote gets its
   * entry inside the transaction of its records, naming what it noted and queued for sync; a read,
   * or a call that wrote nothing, names the records of its result. A failed call is audited with
   * its error code once its writes were rolled back.
   */
  auditCall(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo): CallAudit {
    const action = auditAction(permission);
    if (!action) throw new Error(`${method} is not audited`);
    const sessionStaff = this.sessions.get(call.sessionId)?.staffId;
    const actor = call.staff?.id ?? sessionStaff;
    return {
      wrote: (records) => this.write(method, action, call, actor, [args], records, 'ok'),
      read: (result, records) => this.write(method, action, call, staffIdIn(result) ?? actor, [args, result], records, 'ok'),
      // A failed sign-in is nobody's yet: it is logged by the number typed, not by whoever was signed in before.
      failed: (error, records) => this.write(method, action, call, action === 'auth' && hasLogin(args) ? undefined : actor, [args], records, outcomeOf(error)),
    };
  }

  private write(method: string, action: AuditAction, call: CallInfo, staffId: string | undefined, values: unknown[], extra: readonly string[], outcome: string): void {
    // An administration entry says which staff member changed the station. Without one (a public
    // language switch, an anonymous attempt refused before anything ran) there is nothing to
    // attribute, and writing 'anonymous' rows would let anyone with the page token fill the trail.
    if (action === 'admin' && !staffId) return;
    const db = this.ctx.db;
    const settings = this.ctx.settings.get();
    const subjects = [...extra, ...collectSubjects(values, subjectKey(db, this.ctx.clock.now()), method.split('.')[0])];
    appendAudit(db, {
      at: this.ctx.clock.now(),
      stationId: settings.stationId,
      centreId: settings.centreId,
      actor: staffId ? `staff:${staffId}` : 'anonymous',
      sessionId: call.sessionId,
      transport: call.transport,
      method,
      action,
      subjects: [...new Set(subjects)],
      outcome,
    });
  }

  view(sessionId: string | undefined): SessionView {
    const session = this.sessions.get(sessionId);
    const row = session ? findStaff(this.ctx.db, session.staffId) : null;
    const base = { lockAfterSeconds: this.lockAfterSeconds(), maintenance: this.maintenanceActive() };
    if (!session || !row || row.active !== 1) return { state: 'none', staff: null, idleSeconds: 0, ...base };
    return {
      state: session.locked ? 'locked' : 'active',
      staff: signedIn(row),
      idleSeconds: Math.floor(this.sessions.idleMs(session) / 1000),
      ...base,
    };
  }

  /**
   * Sign-in by NIHDI number, staff number or id with the PIN. Attempts on one account run one at a
   * time, so parallel guesses cannot slip past the lock-out. An unknown number costs the same time
   * as a wrong PIN and gets the same answer. Signing in where someone else was signed in (or the
   * same person on a locked screen) replaces that session: the fast switch between staff.
   */
  async signIn(login: string, pin: string, call: CallInfo): Promise<SignInResult> {
    const row = findByLogin(this.ctx.db, login);
    if (!row || row.active !== 1) {
      await verifyPin(pin, await this.dummy());
      throw new DoseDeskError('staff.bad_credentials');
    }
    const staffId = row.id;
    const attempt = (this.attempts.get(staffId) ?? Promise.resolve()).catch(() => {}).then(() => this.attempt(staffId, pin, call));
    this.attempts.set(staffId, attempt);
    try {
      return await attempt;
    } finally {
      if (this.attempts.get(staffId) === attempt) this.attempts.delete(staffId);
    }
  }

  private async attempt(staffId: string, pin: string, call: CallInfo): Promise<SignInResult> {
    const db = this.ctx.db;
    const row = findStaff(db, staffId)!;
    const lockedUntil = row.locked_until ? Date.parse(row.locked_until) : 0;
    const before = this.ctx.clock.now().getTime();
    if (lockedUntil > before) throw new DoseDeskError('staff.locked_out', { minutes: Math.ceil((lockedUntil - before) / 60_000) });
    const stored = pinOf(row);
    const ok = await verifyPin(pin, stored);
    const now = this.ctx.clock.now();
    if (!ok) {
      const minutes = this.recordFailure(staffId, now);
      if (minutes !== null) throw new DoseDeskError('staff.locked_out', { minutes });
      throw new DoseDeskError('staff.bad_credentials');
    }
    db.transaction(() => {
      recordSignIn(db, staffId, now.toISOString());
    })();
    if (needsRehash(stored.params)) storePin(db, staffId, await hashPin(pin), now.toISOString());
    const previous = this.sessions.end(call.sessionId);
    if (previous && this.maintenance?.sessionId === previous.id) this.maintenance = null;
    const session =
      call.sessionKind === 'window' && call.sessionId ? this.sessions.open(staffId, 'window', call.sessionId) : this.sessions.open(staffId, 'tab');
    return { sessionId: session.id, session: this.view(session.id) };
  }

  /**
   * The signed-in person replaces their own PIN, proving the current one (the one-time PIN after a
   * reset). A wrong current PIN counts towards the lock-out like a wrong PIN at sign-in, and attempts
   * run one at a time per person for the same reason. The new PIN follows the station's PIN policy
   * and must differ from the current one.
   */
  async changeOwnPin(currentPin: string, newPin: string, call: CallInfo): Promise<SessionView> {
    const staffId = call.staff?.id;
    if (!staffId) throw new DoseDeskError('staff.required');
    const change = (this.attempts.get(staffId) ?? Promise.resolve()).catch(() => {}).then(() => this.changeAttempt(staffId, currentPin, newPin, call));
    this.attempts.set(staffId, change);
    try {
      return await change;
    } finally {
      if (this.attempts.get(staffId) === change) this.attempts.delete(staffId);
    }
  }

  private async changeAttempt(staffId: string, currentPin: string, newPin: string, call: CallInfo): Promise<SessionView> {
    const db = this.ctx.db;
    const row = findStaff(db, staffId)!;
    const lockedUntil = row.locked_until ? Date.parse(row.locked_until) : 0;
    const before = this.ctx.clock.now().getTime();
    if (lockedUntil > before) throw new DoseDeskError('staff.locked_out', { minutes: Math.ceil((lockedUntil - before) / 60_000) });
    if (!(await verifyPin(currentPin, pinOf(row)))) {
      const minutes = this.recordFailure(staffId, this.ctx.clock.now());
      if (minutes !== null) {
        // Locked out while changing: the session ends, as a sign-in would have been refused.
        this.sessions.endForStaff(staffId);
        throw new DoseDeskError('staff.locked_out', { minutes });
      }
      throw new DoseDeskError('staff.bad_credentials');
    }
    checkPinPolicy(newPin, readPolicy(db));
    if (newPin === currentPin) throw new DoseDeskError('staff.pin_unchanged');
    const hash = await hashPin(newPin);
    const at = this.ctx.clock.now().toISOString();
    workOf(call, db).transaction(() => {
      storeOwnPin(db, staffId, hash, at);
      setFailedAttempts(db, staffId, 0, at);
      recordChange(db, staffId, 'pin_own', `staff:${staffId}`, at, { afterReset: row.pin_must_change === 1 });
    });
    return this.view(call.sessionId);
  }

  /** Counts a wrong PIN; returns the minutes of the lock-out it caused, if it caused one. */
  private recordFailure(staffId: string, now: Date): number | null {
    const db = this.ctx.db;
    return db.transaction(() => {
      const row = findStaff(db, staffId)!;
      const failed = row.failed_attempts + 1;
      if (failed < MAX_FAILURES) {
        setFailedAttempts(db, staffId, failed, now.toISOString());
        return null;
      }
      const lockouts = row.lockouts + 1;
      const minutes = lockoutMinutes(lockouts);
      const until = new Date(now.getTime() + minutes * 60_000).toISOString();
      lockOut(db, staffId, lockouts, until, now.toISOString());
      return minutes;
    }).immediate() as number | null;
  }

  private dummy(): Promise<PinHash> {
    this.dummyPin ??= hashPin('0000000000');
    return this.dummyPin;
  }

  signOut(call: CallInfo): SessionView {
    const ended = this.sessions.end(call.sessionId);
    if (ended && this.maintenance?.sessionId === ended.id) this.maintenance = null;
    return this.view(undefined);
  }

  lock(call: CallInfo): SessionView {
    this.sessions.lock(call.sessionId);
    return this.view(call.sessionId);
  }

  /** Ends the session of a closed window (Electron). */
  endSession(sessionId: string): void {
    this.sessions.end(sessionId);
  }

  /** Personal-data events reach only windows whose session is unlocked and holds an allowed role. */
  canReceiveEvent(sessionId: string | undefined, event: string): boolean {
    if (!Object.prototype.hasOwnProperty.call(PERSONAL_EVENTS, event)) return true;
    if (!this.enforceRoles) return true;
    const actor = this.actorOf(this.sessions.get(sessionId));
    const roles = PERSONAL_EVENTS[event]!;
    return !!actor && actor.roles.some((r) => roles.includes(r));
  }

  setMaintenance(on: boolean, call: CallInfo): SessionView {
    this.maintenance = on ? { sessionId: call.sessionId, until: this.ctx.clock.now().getTime() + MAINTENANCE_MINUTES * 60_000 } : null;
    return this.view(call.sessionId);
  }

  /** True while a supervisor's maintenance mode runs: the kiosk then lets reload and quit keys through. */
  maintenanceActive(): boolean {
    const m = this.maintenance;
    if (!m) return false;
    const session = this.sessions.get(m.sessionId);
    if (!session || session.locked || this.ctx.clock.now().getTime() > m.until) {
      this.maintenance = null;
      return false;
    }
    return true;
  }
}

function signedIn(row: StaffRow): SignedInStaff {
  return { id: row.id, displayName: row.display_name, nihdi: row.nihdi, roles: rolesOf(row), mustChangePin: row.pin_must_change === 1 };
}

function hasLogin(args: unknown): boolean {
  return typeof args === 'object' && args !== null && 'login' in args;
}

function outcomeOf(error: unknown): string {
  return isDoseDeskError(error) ? error.code : 'internal';
}

/** After a sign-in, the actor is the person who just signed in. */
function staffIdIn(result: unknown): string | undefined {
  const staff = (result as { session?: { staff?: { id?: unknown } | null } } | null)?.session?.staff;
  return typeof staff?.id === 'string' ? staff.id : undefined;
}
