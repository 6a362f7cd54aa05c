import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundLoop } from '../../../../../src/main/station/base/round-loop';

/** A round the test finishes by hand, answering when the next is due. */
function manualRounds() {
  const started: Array<(next: number | null) => void> = [];
  return {
    round: () => new Promise<number | null>((resolve) => started.push(resolve)),
    get count() {
      return started.length;
    },
    finish(next: number | null) {
      started[started.length - 1]!(next);
    },
  };
}

describe('RoundLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a round at start, the next when the round says, and one straight after a wake during a round', async () => {
    const rounds = manualRounds();
    const loop = new RoundLoop({ round: rounds.round, onError: () => 1000, isOpen: () => true });
    expect(loop.start()).toBe(true);
    expect(loop.start()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds.count).toBe(1);
    expect(loop.busy).toBe(true);

    loop.wake(); // during the round: another one right after it, not after the 5 s pause
    rounds.finish(5000);
    await vi.advanceTimersByTimeAsync(0);
    expect(rounds.count).toBe(2);

    rounds.finish(5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(rounds.count).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds.count).toBe(3);
    rounds.finish(5000);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(rounds.count).toBe(3);
    expect(loop.stopped).toBe(true);
  });

  it('ends by itself when a round answers null or the database is closed, and tells the owner', async () => {
    const rounds = manualRounds();
    let open = true;
    const onEnd = vi.fn();
    const loop = new RoundLoop({ round: rounds.round, onError: () => 1000, isOpen: () => open, onEnd });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    open = false;
    rounds.finish(10);
    await vi.advanceTimersByTimeAsync(100);
    expect(rounds.count).toBe(1);
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(loop.stopped).toBe(true);
    loop.wake();
    await vi.advanceTimersByTimeAsync(100);
    expect(rounds.count).toBe(1);

    open = true;
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    rounds.finish(null);
    await vi.advanceTimersByTimeAsync(100);
    expect(rounds.count).toBe(2);
    expect(onEnd).toHaveBeenCalledTimes(2);
  });

  it('waits the pause the error handler gives after a round that threw, then goes on', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const loop = new RoundLoop({
      round: () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('printer gone')) : Promise.resolve(60_000);
      },
      onError: (error) => {
        errors.push(error);
        return 2000;
      },
      isOpen: () => true,
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toBe(1);
    expect((errors[0] as Error).message).toBe('printer gone');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await loop.stop();
  });
});
