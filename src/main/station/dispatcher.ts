import { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/contract';
import { describeIssues, type CallEnvelope } from '../../shared/envelope';
import { isDoseDeskError, type ErrorParams } from '../../shared/errors';
import { isDiskFull } from '../adapters/sqlite/database';
import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/languages';
import { permissionOf, type MethodPermission } from '../../shared/api/permissions';
import type { CallInfo, Handlers } from './handlers';

export type Dispatch = (method: unknown, args: unknown, call: CallInfo) => Promise<CallEnvelope>;

export function errorEnvelope(code: string, language: Language, params: ErrorParams = {}): CallEnvelope {
  return { ok: false, error: { code, message: translate(language, `error.${code}`, params), params } };
}

/** The station's staff check and audit trail (src/main/station/staff/security.ts). */
export interface DispatchGuard {
  /** Refuses the call (DoseDeskError staff.*) or returns the CallInfo the handler sees, with its staff actor. */
  admit(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo): CallInfo;
  /** Runs the handler, writing the audit entry for methods that touch personal data. */
  around(method: MethodName, permission: MethodPermission, args: unknown, call: CallInfo, invoke: () => Promise<unknown>): Promise<unknown>;
}

/**
 * The single gate every transport goes through: the method must exist in the contract and have a
 * permission entry (src/shared/api/permissions.ts), its arguments must match the schema, the
 * caller's staff session must allow it, and the handler's result must match the schema before it
 * leaves. Expected failures keep their code; anything else becomes `internal` without leaking internals.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void = () => {}, guard?: DispatchGuard): Dispatch {
  return async (method, args, call) => {
    if (!isMethodName(method)) return errorEnvelope('unknown_method', call.language, { method: String(method).slice(0, 80) });
    const permission = permissionOf(method);
    if (!permission) {
      // A method nobody decided the roles of is not callable (see tests/unit/security/permissions.test.ts).
      log(`${method} has no entry in src/shared/api/permissions.ts: refused`);
      return errorEnvelope('internal', call.language, { reason: 'no_permission_entry', method });
    }
    const spec = methods[method as MethodName];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) return errorEnvelope('validation', call.language, { detail: describeIssues(parsed.error) });
    try {
      const handler = handlers[method] as (a: unknown, c: CallInfo) => unknown;
      const admitted = guard ? guard.admit(method, permission, parsed.data, call) : call;
      const invoke = async () => handler(parsed.data, admitted);
      const result = guard ? await guard.around(method, permission, parsed.data, admitted, invoke) : await invoke();
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
