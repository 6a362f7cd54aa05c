/**
 * Retry delays with "full jitter": a uniform draw in [0, min(cap, base * 2^(attempt-1))).
 * The jitter spreads the retries of the hundreds of stations that lost the backend at the same
 * moment, so they do not all come back at the same second when it returns.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000 };

/** The ceiling of the draw for a given attempt (1 = first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 40));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

export function fullJitterDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const r = Math.min(Math.max(random(), 0), 0.999_999_999);
  return Math.floor(r * backoffCeiling(attempt, policy));
}
