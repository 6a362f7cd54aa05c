import type { z } from 'zod';
import type { MethodPermission } from './access';

/**
 * One API method: its argument and result schemas, checked on both sides of every transport, and
 * who may call it (src/shared/access.ts). The permission is required: a method without it does not compile.
 */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
  readonly permission: MethodPermission;
}

export function defineMethod<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, permission: MethodPermission): MethodSpec<A, R> {
  return { args, result, permission };
}
