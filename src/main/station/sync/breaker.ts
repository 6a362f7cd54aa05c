/**
 * Circuit breaker in front of the federal backend. Closed: requests go. It opens on sustained
 * failure only: `failureThreshold` consecutive failed rounds AND at least `failureRate` of the
 * last `windowSize` requests failed, or `maxFailedRounds` failed rounds in a row. A backend that
 * fails a third of its requests still takes two thirds, so a fair share of errors never opens it
 * (the rounds go on, with smaller batches).
 * Open: nothing goes for a cool-down (growing with each failed probe, capped, jittered so
 * stations do not probe in step). Then half-open: exactly one probe may go; success closes,
 * failure opens again. Time comes from the caller (the Clock port), so a test can live through a
 * two-hour outage in milliseconds.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  /** Consecutive failed rounds (probe, pull or whole batch) before the window is consulted. */
  failureThreshold: number;
  openMs: number;
  maxOpenMs: number;
  /** How many of the latest requests the failure share is taken over (default 40). */
  windowSize?: number;
  /**
   * Requests older than this (Clock time) leave the window (default 30 s): a quiet station whose
   * backend died must not stay "degraded" on the strength of answers from long ago.
   */
  windowMs?: number;
  /** Share of failed requests in the window that means "down", not "flaky" (default 0.95). */
  failureRate?: number;
  /**
   * Consecutive failed rounds that open it whatever the window says (default 30): a backend
   * that answers every read but fails every write is of no use either.
   */
  maxFailedRounds?: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 3, openMs: 10_000, maxOpenMs: 5 * 60_000, windowSize: 40, windowMs: 30_000, failureRate: 0.95, maxFailedRounds: 30 };
const DEFAULT_WINDOW = 40;
const DEFAULT_WINDOW_MS = 30_000;
/**
 * At most two of 40 requests answered. A backend failing 65% of its requests (writes: 30% 5xx,
 * then half the answers lost) gets there by chance about once in 100,000 windows; a down one
 * after 38 requests.
 */
const DEFAULT_FAILURE_RATE = 0.95;
const DEFAULT_MAX_FAILED_ROUNDS = 30;

/** What the caller may do now: a normal request, one probe, or nothing. */
export type BreakerGate = 'request' | 'probe' | 'wait';

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private opens = 0;
  private openUntil = 0;
  private probing = false;
  /** Latest request outcomes, oldest first (ok = the backend answered; at = Clock ms). */
  private readonly window: { ok: boolean; at: number }[] = [];
  /** First failure of the current streak: when the backend stopped answering. */
  private streakStart: Date | null = null;

  constructor(
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly random: () => number = Math.random,
  ) {}

  get state(): BreakerState {
    return this.current;
  }
  get consecutiveFailures(): number {
    return this.failures;
  }
  get failingSince(): Date | null {
    return this.streakStart;
  }
  /**
   * Share of failed requests among the latest ones; 1 before any request (no evidence that the
   * backend answers).
   */
  get windowFailureRate(): number {
    if (this.window.length === 0) return 1;
    return this.window.filter((r) => !r.ok).length / this.window.length;
  }
  /** True while the failures look like a fair share of errors rather than an outage. */
  get answering(): boolean {
    return this.windowFailureRate < (this.policy.failureRate ?? DEFAULT_FAILURE_RATE);
  }
  /** When the next probe may go (only meaningful while open). */
  get retryAt(): Date | null {
    return this.current === 'open' ? new Date(this.openUntil) : null;
  }

  gate(now: Date): BreakerGate {
    if (this.current === 'closed') return 'request';
    if (this.current === 'open') {
      if (now.getTime() < this.openUntil) return 'wait';
      this.current = 'half-open';
      this.probing = false;
    }
    if (this.probing) return 'wait';
    this.probing = true;
    return 'probe';
  }

  /** One request's outcome: answered (even with a refusal) or failed (no usable answer). */
  record(answered: boolean, now: Date): void {
    this.window.push({ ok: answered, at: now.getTime() });
    this.prune(now);
  }

  private prune(now: Date): void {
    const size = this.policy.windowSize ?? DEFAULT_WINDOW;
    const oldest = now.getTime() - (this.policy.windowMs ?? DEFAULT_WINDOW_MS);
    while (this.window.length > size || (this.window[0] && this.window[0].at < oldest)) this.window.shift();
  }

  onSuccess(): void {
    // A probe that got through is fresh evidence: the failures before the pause are forgotten.
    if (this.current !== 'closed') {
      const probe = this.window.at(-1);
      this.window.length = 0;
      if (probe) this.window.push({ ok: true, at: probe.at });
    }
    this.current = 'closed';
    this.failures = 0;
    this.opens = 0;
    this.probing = false;
    this.streakStart = null;
  }

  onFailure(now: Date): void {
    this.failures++;
    this.streakStart ??= now;
    this.probing = false;
    this.prune(now);
    if (this.current === 'half-open') return this.open(now);
    if (this.failures >= (this.policy.maxFailedRounds ?? DEFAULT_MAX_FAILED_ROUNDS)) return this.open(now);
    if (this.failures >= this.policy.failureThreshold && !this.answering) this.open(now);
  }

  /** Restores the start of an outage that began before a restart. */
  resumeStreak(since: Date): void {
    this.streakStart = since;
  }

  private open(now: Date): void {
    this.opens++;
    const ceiling = Math.min(this.policy.maxOpenMs, this.policy.openMs * 2 ** Math.min(this.opens - 1, 30));
    // Half the cool-down is fixed, half jittered: never a probe storm, never a probe at once.
    const wait = Math.floor(ceiling / 2 + this.random() * (ceiling / 2));
    this.current = 'open';
    this.openUntil = now.getTime() + wait;
  }
}
