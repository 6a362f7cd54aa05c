import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP, CLI) as a stable code plus a message already translated
 * into the caller's language. Codes are the contract; messages are for people.
 */
export const WireError = z.object({
  code: z.string().min(1),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type WireError = z.infer<typeof WireError>;

export type ErrorParams = Record<string, string | number | boolean | null>;

/** An expected, explainable failure. Anything else is reported as `internal`. */
export class DoseDeskError extends Error {
  readonly code: string;
  readonly params: ErrorParams;
  constructor(code: string, params: ErrorParams = {}, detail?: string) {
    super(detail ?? code);
    this.name = 'DoseDeskError';
    this.code = code;
    this.params = params;
  }
}

export function isDoseDeskError(e: unknown): e is DoseDeskError {
  return e instanceof DoseDeskError;
}
