import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffCeiling, effectiveBackoff } from '../../../../../src/main/station/sync/backoff';
import { AdaptiveBatchSize } from '../../../../../src/main/station/sync/batch-size';
import { CircuitBreaker, DEFAULT_BREAKER } from '../../../../../src/main/station/sync/breaker';
import { FederalError } from '../../../../../src/main/adapters/federal/errors';
import { seededRandom } from '../../../../../src/federal-sim/faults';
import { ManualClock } from '../../../../../src/main/adapters/clock';

describe('circuit breaker on a flaky backend', () => {
  it('stays closed through long runs of failed rounds while a fair share of requests is answered', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(DEFAULT_BREAKER, () => 0.5);
    const chance = seededRandom(21);
    for (let i = 0; i < 40; i++) b.record(true, clock.now()); // a station that was working
    // 2,000 requests: reads failing 30% of the time (5xx), transactions 65% (5xx, then half the
    // answers lost); a round fails when its request does.
    for (let i = 0; i < 2_000; i++) {
      const answered = chance() >= (i % 2 === 0 ? 0.3 : 0.65);
      b.record(answered, clock.now());
      if (answered) b.onSuccess();
      else b.onFailure(clock.now());
      expect(b.state).toBe('closed');
      clock.advance(100);
    }
  });

  it('opens once the window holds (almost) nothing but failures, even after a long healthy run', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(DEFAULT_BREAKER, () => 0.5);
    for (let i = 0; i < 50; i++) {
      b.record(true, clock.now());
      b.onSuccess();
    }
    let rounds = 0;
    while (b.state === 'closed' && rounds < 100) {
      b.record(false, clock.now()); // two reads of one round, both unanswered
      b.record(false, clock.now());
      b.onFailure(clock.now());
      rounds++;
    }
    expect(b.state).toBe('open');
    expect(rounds).toBe(19); // 38 of the last 40 requests failed, before 30 failed rounds
    expect(b.answering).toBe(false);
  });

  it('opens after 30 failed rounds in a row even while reads are answered (every write failing)', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(DEFAULT_BREAKER, () => 0.5);
    for (let round = 1; round <= 30; round++) {
      b.record(true, clock.now()); // the read before sending
      b.record(false, clock.now()); // the transaction
      b.onFailure(clock.now());
      expect(b.answering).toBe(true);
      expect(b.state).toBe(round < 30 ? 'closed' : 'open');
    }
  });

  it('forgets answers older than 30 s: a quiet station whose backend died goes offline after 3 failed rounds', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(DEFAULT_BREAKER, () => 0.5);
    for (let i = 0; i < 40; i++) b.record(true, clock.now());
    clock.advance(31_000);
    for (let round = 1; round <= 3; round++) {
      b.record(false, clock.now());
      b.onFailure(clock.now());
      clock.advance(2_000);
    }
    expect(b.state).toBe('open');
  });

  it('forgets the failures before the pause once a probe gets through', () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const b = new CircuitBreaker(DEFAULT_BREAKER, () => 0);
    for (let i = 0; i < 3; i++) {
      b.record(false, clock.now());
      b.onFailure(clock.now());
    }
    expect(b.state).toBe('open');
    clock.advance(10_000);
    expect(b.gate(clock.now())).toBe('probe');
    b.record(true, clock.now());
    b.onSuccess();
    expect(b.windowFailureRate).toBe(0);
    expect(b.answering).toBe(true);
  });
});

describe('backoff while the backend answers', () => {
  it('caps the full-jitter ceiling lower while the backend answers, and keeps the long cap in an outage', () => {
    expect(backoffCeiling(9, effectiveBackoff(DEFAULT_BACKOFF, true))).toBe(4_000);
    expect(backoffCeiling(9, effectiveBackoff(DEFAULT_BACKOFF, false))).toBe(5 * 60_000);
    expect(backoffCeiling(1, effectiveBackoff(DEFAULT_BACKOFF, true))).toBe(2_000);
    const noLowerCap = { baseMs: 1_000, capMs: 60_000 };
    expect(effectiveBackoff(noLowerCap, true)).toEqual(noLowerCap);
  });
});

describe('adaptive batch size', () => {
  it('halves on a timeout, shrinks by a quarter on other failures, doubles on success, within bounds', () => {
    const size = new AdaptiveBatchSize(250, 10);
    expect(size.current).toBe(250);
    size.onFailure(new FederalError('timeout', 'transaction: timed out'));
    expect(size.current).toBe(125);
    size.onFailure(new FederalError('server', 'transaction: HTTP 503'));
    expect(size.current).toBe(93);
    for (let i = 0; i < 20; i++) size.onFailure(new FederalError('network', 'transaction: reset'));
    expect(size.current).toBe(10);
    size.onSuccess();
    expect(size.current).toBe(20);
    for (let i = 0; i < 10; i++) size.onSuccess();
    expect(size.current).toBe(250);
  });

  it('never goes below one nor above the largest batch, even with a minimum above it', () => {
    const size = new AdaptiveBatchSize(1, 10);
    size.onFailure(new FederalError('timeout', 'x'));
    expect(size.current).toBe(1);
    size.onSuccess();
    expect(size.current).toBe(1);
  });
});
