/**
 * Retry delays with "full jitter": a uniform draw in [0, min(cap, base * 2^(attempt-1))).
 * The jitter spreads the retries of the hundreds of stations that lost the backend at the same
 * moment, so they do not all come back at the same second when it returns.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /**
   * Lower cap while the backend answers most requests (a fair share of errors, not an outage):
   * a failed batch says nothing about its records then, and a record that lost five coin tosses
   * in a row must not wait five minutes. Unset: `capMs` always.
   */
  whileAnsweringCapMs?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000, whileAnsweringCapMs: 4_000 };

/** The policy in force: the lower cap while the backend answers (see `whileAnsweringCapMs`). */
export function effectiveBackoff(policy: BackoffPolicy, backendAnswering: boolean): BackoffPolicy {
  if (!backendAnswering || policy.whileAnsweringCapMs === undefined) return policy;
  return { ...policy, capMs: Math.min(policy.capMs, policy.whileAnsweringCapMs) };
}

/** The ceiling of the draw for a given attempt (1 = first retry). */
export function backoffCeiling(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 40));
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

export function fullJitterDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const r = Math.min(Math.max(random(), 0), 0.999_999_999);
  return Math.floor(r * backoffCeiling(attempt, policy));
}
