/**
 * An error crosses every boundary as a stable code plus a message in the caller's language (its
 * shape on the wire: wire-error.ts). Kept free of zod: the command line's first modules import it.
 */
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
