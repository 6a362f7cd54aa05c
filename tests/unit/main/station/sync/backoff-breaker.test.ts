import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, fullJitterDelay } from '../../../../../src/main/station/sync/backoff';
import { CircuitBreaker } from '../../../../../src/main/station/sync/breaker';
import { deriveMode } from '../../../../../src/main/station/sync/mode';
import { ManualClock } from '../../../../../src/main/adapters/clock';

describe('full-jitter backoff', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((a) => backoffCeiling(a, policy))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('draws uniformly below the ceiling: 0 for the lowest draw, just under the ceiling for the highest', () => {
    expect(fullJitterDelay(3, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(2_000);
    expect(fullJitterDelay(3, policy, () => 0.999999)).toBe(3_999);
    expect(fullJitterDelay(3, policy, () => 1)).toBeLessThan(4_000); // a generator returning 1 stays in range
  });

  it('always stays within [0, min(cap, base * 2^(attempt-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 600_000 }), (attempt, r, base, cap) => {
        const d = fullJitterDelay(attempt, { baseMs: base, capMs: cap }, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.max(1, Math.min(cap, base * 2 ** Math.min(attempt - 1, 40))));
        expect(Number.isInteger(d)).toBe(true);
      }),
    );
  });

  it('spreads retries: 1000 draws cover the whole range', () => {
    const draws = Array.from({ length: 1000 }, () => fullJitterDelay(6, policy));
    expect(Math.min(...draws)).toBeLessThan(3_200);
    expect(Math.max(...draws)).toBeGreaterThan(28_800);
  });
});

describe('circuit breaker', () => {
  const policy = { failureThreshold: 3, openMs: 10_000, maxOpenMs: 80_000 };

  it('opens after the threshold, waits out the cool-down, lets exactly one probe through, closes on success', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(policy, () => 1);
    expect(b.gate(clock.now())).toBe('request');
    b.onFailure(clock.now());
    clock.advance(1_000);
    b.onFailure(clock.now());
    expect(b.state).toBe('closed');
    b.onFailure(clock.now());
    expect(b.state).toBe('open');
    expect(b.failingSince?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(b.gate(clock.now())).toBe('wait');
    clock.advance(9_999);
    expect(b.gate(clock.now())).toBe('wait');
    clock.advance(1);
    expect(b.gate(clock.now())).toBe('probe');
    expect(b.state).toBe('half-open');
    expect(b.gate(clock.now())).toBe('wait'); // one probe at a time
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.failingSince).toBeNull();
    expect(b.gate(clock.now())).toBe('request');
  });

  it('lengthens the cool-down after each failed probe, up to the maximum, with jitter in its upper half', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(policy, () => 0); // lowest jitter: half the ceiling
    for (let i = 0; i < 3; i++) b.onFailure(clock.now());
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const opened = clock.now().getTime();
      let waited = 0;
      while (b.gate(clock.now()) === 'wait') {
        clock.advance(500);
        waited += 500;
      }
      waits.push(clock.now().getTime() - opened);
      expect(waited).toBeGreaterThan(0);
      b.onFailure(clock.now()); // the probe failed
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 40_000, 40_000]);
  });

  it('never grants two probes without an answer, whatever happens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('fail', 'ok', 'tick', 'gate'), { maxLength: 200 }), (steps) => {
        const clock = new ManualClock('2026-03-01T08:00:00Z');
        const b = new CircuitBreaker(policy, () => 0.5);
        let outstanding = 0;
        for (const step of steps) {
          if (step === 'tick') clock.advance(7_000);
          if (step === 'gate') {
            const g = b.gate(clock.now());
            if (g === 'probe') {
              expect(outstanding).toBe(0);
              outstanding++;
            }
            if (g === 'request') expect(b.state).toBe('closed');
          }
          if (step === 'fail') {
            b.onFailure(clock.now());
            outstanding = 0;
          }
          if (step === 'ok') {
            b.onSuccess();
            outstanding = 0;
          }
        }
      }),
    );
  });
});

describe('sync mode', () => {
  const since = new Date('2026-03-01T08:00:00Z');
  it('is online, degraded or offline with the time the outage began', () => {
    expect(deriveMode({ breaker: 'closed', consecutiveFailures: 0, failingSince: null, contacted: true })).toEqual({ mode: 'online', offlineSince: null });
    expect(deriveMode({ breaker: 'closed', consecutiveFailures: 2, failingSince: since, contacted: true })).toEqual({ mode: 'degraded', offlineSince: null });
    expect(deriveMode({ breaker: 'open', consecutiveFailures: 3, failingSince: since, contacted: true })).toEqual({ mode: 'offline', offlineSince: '2026-03-01T08:00:00.000Z' });
    expect(deriveMode({ breaker: 'half-open', consecutiveFailures: 3, failingSince: since, contacted: true }).mode).toBe('offline');
    expect(deriveMode({ breaker: 'closed', consecutiveFailures: 0, failingSince: null, contacted: false })).toEqual({ mode: 'offline', offlineSince: null });
  });
});
