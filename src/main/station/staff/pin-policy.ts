import { randomInt } from 'node:crypto';
import type { SecurityPolicy } from '../../../shared/api/staff';
import { DoseDeskError } from '../../../shared/errors';
import { isWeakPin } from '../../adapters/crypto/pin-hash';

/** Digits of a one-time PIN: long enough that the screen's lock-out makes guessing it hopeless. */
export const ONE_TIME_PIN_DIGITS = 8;

/** Refuses a PIN a person chooses that the station's policy does not accept. */
export function checkPinPolicy(pin: string, policy: SecurityPolicy): void {
  if (pin.length < policy.pinMinDigits) throw new DoseDeskError('staff.pin_too_short', { digits: policy.pinMinDigits });
  if (isWeakPin(pin)) throw new DoseDeskError('staff.weak_pin');
}

/** A random one-time PIN from the system's secure generator, never a weak one, at least as long as the policy asks. */
export function oneTimePin(policy: SecurityPolicy, nextDigit: () => number = () => randomInt(10)): string {
  const digits = Math.max(ONE_TIME_PIN_DIGITS, policy.pinMinDigits);
  for (;;) {
    const pin = Array.from({ length: digits }, () => String(nextDigit())).join('');
    if (!isWeakPin(pin)) return pin;
  }
}
