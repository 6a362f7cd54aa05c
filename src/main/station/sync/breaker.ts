/**
 * Circuit breaker in front of the federal backend. Closed: requests go. After
 * `failureThreshold` consecutive transport failures it opens: nothing goes for a cool-down
 * (growing with each failed probe, capped, jittered so stations do not probe in step). Then
 * half-open: exactly one probe may go; success closes, failure opens again. Time comes from the
 * caller (the Clock port), so a test can live through a two-hour outage in milliseconds.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  failureThreshold: number;
  openMs: number;
  maxOpenMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 3, openMs: 10_000, maxOpenMs: 5 * 60_000 };

/** What the caller may do now: a normal request, one probe, or nothing. */
export type BreakerGate = 'request' | 'probe' | 'wait';

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private opens = 0;
  private openUntil = 0;
  private probing = false;
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

  onSuccess(): void {
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
    if (this.current === 'half-open' || this.failures >= this.policy.failureThreshold) this.open(now);
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
