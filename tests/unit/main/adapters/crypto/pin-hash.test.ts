import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashPin, isWeakPin, needsRehash, PIN_HASH_PARAMS, verifyPin } from '../../../../../src/main/adapters/crypto/pin-hash';
import { TEST_PIN_PARAMS } from '../../../../support/test-staff';

describe('PIN hashing', () => {
  it('uses scrypt at OWASP strength and records its parameters', () => {
    expect(PIN_HASH_PARAMS).toEqual({ alg: 'scrypt', N: 131072, r: 8, p: 1, keylen: 32 });
  });

  it('verifies the right PIN only, with a fresh salt per hash', async () => {
    const a = await hashPin('482916', TEST_PIN_PARAMS);
    const b = await hashPin('482916', TEST_PIN_PARAMS);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(await verifyPin('482916', a)).toBe(true);
    expect(await verifyPin('482917', a)).toBe(false);
    expect(await verifyPin('', a)).toBe(false);
  });

  it('hashes real PINs with the memory-hard parameters, far above the test ones', async () => {
    const real = await hashPin('482916');
    expect(real.params).toMatchObject({ alg: 'scrypt', N: 131072, r: 8, p: 1 });
    // scrypt needs 128 * N * r bytes per guess: 128 MiB for real PINs, 1 MiB for test staff.
    expect(128 * real.params.N * real.params.r).toBe(128 * 1024 * 1024);
    expect(128 * TEST_PIN_PARAMS.N * TEST_PIN_PARAMS.r).toBe(1024 * 1024);
    expect(await verifyPin('482916', real)).toBe(true);
  });

  it('asks for a rehash when stored parameters are weaker than today’s', () => {
    expect(needsRehash(TEST_PIN_PARAMS)).toBe(true);
    expect(needsRehash(PIN_HASH_PARAMS)).toBe(false);
  });

  it('calls repeated digits and straight runs weak, and other PINs not', () => {
    for (const pin of ['0000', '1111', '1234', '4321', '9012', '0123456789', '987654']) expect(isWeakPin(pin), pin).toBe(true);
    for (const pin of ['482916', '1243', '2580', '1357']) expect(isWeakPin(pin), pin).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 4, max: 12 }), (d, n) => isWeakPin(String(d).repeat(n))));
  });
});
