import * as z from 'zod';
import { WireError } from './wire-error';

/** Every call's answer over any transport: a result, or an error code with its message. */
export const CallEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireError }),
]);
export type CallEnvelope = z.infer<typeof CallEnvelope>;

/** Turns a zod failure into one short line staff and engineers can both read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`)
    .join('; ');
}
