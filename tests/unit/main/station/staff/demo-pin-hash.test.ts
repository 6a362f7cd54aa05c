import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { needsRehash, PIN_HASH_PARAMS, verifyPin } from '../../../../../src/main/adapters/crypto/pin-hash';
import { DEMO_PIN, DEMO_PIN_HASH } from '../../../../../src/main/station/staff/demo-staff';

describe('the demo staff share one hash of the published demo PIN, worked out once', () => {
  it('is the scrypt of 1234 with its salt and the current parameters', async () => {
    expect(DEMO_PIN_HASH.params).toEqual(PIN_HASH_PARAMS);
    // Parameters raised in pin-hash.ts: write the new hash here (this test prints it when it fails).
    expect(needsRehash(DEMO_PIN_HASH.params)).toBe(false);
    const { N, r, p, keylen } = DEMO_PIN_HASH.params;
    const again = scryptSync(DEMO_PIN, Buffer.from(DEMO_PIN_HASH.salt, 'base64'), keylen, { N, r, p, maxmem: 256 * N * r * p + 1024 * 1024 }).toString('base64');
    expect(DEMO_PIN_HASH.hash).toBe(again);
    expect(await verifyPin(DEMO_PIN, DEMO_PIN_HASH)).toBe(true);
    expect(await verifyPin('1235', DEMO_PIN_HASH)).toBe(false);
  });
});
