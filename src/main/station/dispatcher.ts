import * as z from 'zod';
import { isMethodName, methods, permissionOf, type MethodName } from '../../shared/contract';
import { describeIssues, type CallEnvelope } from '../../shared/envelope';
import { isDoseDeskError, type ErrorParams } from '../../shared/errors';
import { isDiskFull } from '../adapters/sqlite/database';
import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/languages';
import { auditAction, type MethodPermission } from '../../shared/access';
import type { Db } from '../adapters/sqlite/database';
import { isAwaiting, type CallInfo, type Handlers } from './base/handlers';
import { CallUnit, type CallAudit } from './base/unit-of-work';

export type Dispatch = (method: unknown, args: unknown, call: CallInfo) => Promise<CallEnvelope>;

export function errorEnvelope(code: string, language: Language, params: ErrorParams = {}): CallEnvelope {
  return { ok: false, error: { code, message: translate(language, `error.${code}`, params), params } };
}

/** The station's staff check and audit trail (src/main/station/staff/security.ts), and its database. */
export interface DispatchGuard {
  readonly db: Db;
  /** Refuses the call (DoseDeskError staff.*) or returns the CallInfo the handler sees, with its staff actor. */
  admit(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo): CallInfo;
  /** The writer of the call's audit entry, for methods that touch personal data or are security events. */
  auditCall(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo): CallAudit;
}

type AnyHandler = (args: unknown, call: CallInfo) => unknown;

/**
 * The single gate every transport goes through: the method must exist in the contract and carry
 * its permission (src/shared/access.ts), the caller's staff session must allow it, its arguments
 * must match the schema, and the handler's result must match the schema before it leaves.
 * Expected failures keep their code; anything else becomes `internal` without leaking internals.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void = () => {}, guard?: DispatchGuard): Dispatch {
  return async (method, args, call) => {
    if (!isMethodName(method)) return errorEnvelope('unknown_method', call.language, { method: String(method).slice(0, 80) });
    const permission = permissionOf(method);
    if (!permission) {
      // The type requires a permission; this guards a definition built around the types.
      log(`${method} has no permission in its definition: refused`);
      return errorEnvelope('internal', call.language, { reason: 'no_permission_entry', method });
    }
    const spec = methods[method as MethodName];
    try {
      // Who may call comes before what the arguments look like: a caller outside the method's roles
      // is refused as such (staff.*), and learns nothing about the arguments the method takes.
      const admitted = guard ? guard.admit(method, permission, args ?? {}, call) : call;
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) return errorEnvelope('validation', call.language, { detail: describeIssues(parsed.error) });
      const handler = handlers[method] as AnyHandler;
      const result = guard ? await inUnitOfWork(guard, method, permission, parsed.data, admitted, handler) : await handler(parsed.data, admitted);
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        log(`result of ${method} broke the contract: ${describeIssues(checked.error)}`);
        return errorEnvelope('internal', call.language);
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (isDoseDeskError(error)) return errorEnvelope(error.code, call.language, error.params);
      if (error instanceof z.ZodError) return errorEnvelope('validation', call.language, { detail: describeIssues(error) });
      if (isDiskFull(error)) {
        // The transaction rolled back: nothing of the action was kept; staff must free space.
        log(`${method} refused: the disk is full (${(error as Error).message})`);
        return errorEnvelope('db.full', call.language);
      }
      log(`${method} failed: ${(error as Error).stack ?? String(error)}`);
      return errorEnvelope('internal', call.language);
    }
  };
}

/**
 * Runs the call as one unit of work. A method that writes or is audited runs in one IMMEDIATE
 * transaction that also holds its audit entry; a handler declared `awaiting` opens that
 * transaction itself, through `call.work`, once it has what it waited for. Plain reads that are
 * not audited run without a transaction.
 */
function inUnitOfWork(guard: DispatchGuard, method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo, handler: AnyHandler): unknown {
  const audit = auditAction(permission) ? guard.auditCall(method, permission, args, call) : null;
  const unit = new CallUnit(guard.db, audit);
  const withWork: CallInfo = { ...call, work: unit };
  if (isAwaiting(handler)) return unit.runAwaiting(async () => handler(args, withWork));
  if (audit || permission.writes) return unit.run(() => handler(args, withWork));
  return handler(args, withWork);
}
