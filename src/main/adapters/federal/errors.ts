import { outcomeSummary } from '../../../domain/fhir/outcome';

/**
 * Every failure of a call to the federal backend, sorted by what the sync worker must do:
 * - `network` / `timeout` / `server` (5xx, 408, 429) / `protocol` (unreadable answer): transient,
 *   try again later; the request may or may not have been applied (ifNoneExist makes a repeat safe);
 * - `auth` (401, 403): the station's credentials are refused; nothing to do with one record;
 * - `config` (404, 405, 406, 415 and other 4xx about the endpoint): wrong URL or a backend that
 *   does not serve this interaction; nothing to do with one record either;
 * - `refused` (400, 409, 410, 412, 413, 422): the backend refused this content; sending the same
 *   content again is useless, a person must look at it.
 */
export type FederalErrorKind = 'network' | 'timeout' | 'server' | 'protocol' | 'auth' | 'config' | 'refused';

const CONTENT_REFUSALS = new Set([400, 409, 410, 412, 413, 422]);

export class FederalError extends Error {
  constructor(
    readonly kind: FederalErrorKind,
    message: string,
    readonly status: number | null = null,
    /** The OperationOutcome (or other body) the backend answered with, if any. */
    readonly body: unknown = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FederalError';
  }

  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'protocol';
  }
}

function retryAfter(headers: unknown): number | null {
  const value = headers instanceof Headers ? headers.get('retry-after') : null;
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export function kindOfStatus(status: number): FederalErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'server';
  if (CONTENT_REFUSALS.has(status)) return 'refused';
  if (status >= 400) return 'config';
  return 'protocol';
}

/** Turns whatever fetch or fhir-kit-client threw into a FederalError. */
export function toFederalError(error: unknown, what: string): FederalError {
  if (error instanceof FederalError) return error;
  const e = error as { name?: string; message?: string; response?: { status?: number; data?: unknown }; config?: { headers?: unknown }; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return new FederalError('timeout', `${what}: no answer in time`);
  const status = e?.response?.status;
  if (typeof status === 'number') {
    const data = e.response?.data;
    const detail = outcomeSummary(data) ?? (typeof data === 'string' ? data.slice(0, 200) : '');
    const kind = status >= 200 && status < 300 ? 'protocol' : kindOfStatus(status);
    return new FederalError(kind, `${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`, status, data, retryAfter(e.config?.headers));
  }
  const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
  return new FederalError('network', `${what}: ${cause}`);
}
