import { z } from 'zod';
import { isMethodName, methods, type MethodName } from '../../shared/contract';
import { describeIssues, type CallEnvelope } from '../../shared/envelope';
import { isDoseDeskError, type ErrorParams } from '../../shared/errors';
import { translate } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/languages';
import type { CallInfo, Handlers } from './handlers';

export type Dispatch = (method: unknown, args: unknown, call: CallInfo) => Promise<CallEnvelope>;

export function errorEnvelope(code: string, language: Language, params: ErrorParams = {}): CallEnvelope {
  return { ok: false, error: { code, message: translate(language, `error.${code}`, params), params } };
}

/**
 * The single gate every transport goes through: the method must exist in the contract, its
 * arguments must match the schema, and so must the handler's result before it leaves. Expected
 * failures keep their code; anything else becomes `internal` without leaking internals.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void = () => {}): Dispatch {
  return async (method, args, call) => {
    if (!isMethodName(method)) return errorEnvelope('unknown_method', call.language, { method: String(method).slice(0, 80) });
    const spec = methods[method as MethodName];
    const parsed = spec.args.safeParse(args ?? {});
    if (!parsed.success) return errorEnvelope('validation', call.language, { detail: describeIssues(parsed.error) });
    try {
      const handler = handlers[method] as (a: unknown, c: CallInfo) => unknown;
      const result = await handler(parsed.data, call);
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        log(`result of ${method} broke the contract: ${describeIssues(checked.error)}`);
        return errorEnvelope('internal', call.language);
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (isDoseDeskError(error)) return errorEnvelope(error.code, call.language, error.params);
      if (error instanceof z.ZodError) return errorEnvelope('validation', call.language, { detail: describeIssues(error) });
      log(`${method} failed: ${(error as Error).stack ?? String(error)}`);
      return errorEnvelope('internal', call.language);
    }
  };
}
