import { describe, expect, it } from 'vitest';
import { checkPinPolicy, oneTimePin } from '../../../../../src/main/station/staff/pin-policy';
import { DEFAULT_POLICY } from '../../../../../src/main/station/staff/policy';

/** Digits from a fixed list, as the secure generator would give them. */
function digits(list: number[]): () => number {
  let i = 0;
  return () => list[i++ % list.length]!;
}

describe('one-time PIN', () => {
  it('never hands out a weak PIN: a sequence is drawn again', () => {
    const pin = oneTimePin(DEFAULT_POLICY, digits([1, 2, 3, 4, 5, 6, 7, 8, 4, 8, 0, 2, 1, 3, 9, 7]));
    expect(pin).toBe('48021397');
  });

  it('is at least as long as the station asks of a PIN', () => {
    expect(oneTimePin({ ...DEFAULT_POLICY, pinMinDigits: 10 }, digits([4, 8, 0, 2, 1, 3, 9, 7, 6, 5]))).toBe('4802139765');
  });
});

describe('PIN policy', () => {
  it('refuses a PIN shorter than the policy with its length, and a weak one', () => {
    expect(() => checkPinPolicy('4802', { ...DEFAULT_POLICY, pinMinDigits: 6 })).toThrow(expect.objectContaining({ code: 'staff.pin_too_short', params: { digits: 6 } }));
    expect(() => checkPinPolicy('123456', DEFAULT_POLICY)).toThrow(expect.objectContaining({ code: 'staff.weak_pin' }));
    expect(() => checkPinPolicy('4802', DEFAULT_POLICY)).not.toThrow();
  });
});
