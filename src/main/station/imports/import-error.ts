import { DoseDeskError, type ErrorParams } from '../../../shared/errors';

/**
 * A refused import file: the error code and its parameters, with the file line it is about
 * (header = line 1; null when it is about the whole file, e.g. its size).
 */
export class ImportError extends DoseDeskError {
  readonly line: number | null;
  constructor(code: string, params: ErrorParams, line: number | null) {
    super(code, params, `${code} at line ${line ?? '-'}`);
    this.name = 'ImportError';
    this.line = line;
  }
}

export function isImportError(e: unknown): e is ImportError {
  return e instanceof ImportError;
}
