import { randomInt } from 'node:crypto';
import type { Db } from '../../src/main/adapters/sqlite/database';
import type { Clock } from '../../src/main/adapters/clock';
import { hashPinSync, type ScryptParams } from '../../src/main/adapters/crypto/pin-hash';
import type { SignedInStaff, StaffRole } from '../../src/shared/api/staff';
import { insertStaff, rolesOf } from '../../src/main/station/staff/staff-store';

/** Cheap parameters for staff created by tests only (real staff get PIN_HASH_PARAMS). */
export const TEST_PIN_PARAMS: ScryptParams = { alg: 'scrypt', N: 1024, r: 8, p: 1, keylen: 32 };
export const TEST_PIN = '1234';

/** A staff member for tests (signedInCall in station.ts): unique NIHDI (unless given) and staff number. */
export function createTestStaff(db: Db, clock: Clock, roles: StaffRole[], displayName?: string, nihdiGiven?: string): SignedInStaff {
  const nihdi = nihdiGiven?.replace(/\D/g, '') ?? Array.from({ length: 11 }, () => randomInt(10)).join('');
  const code = `T${randomInt(1e9)}`;
  const row = db.transaction(() =>
    insertStaff(db, { displayName: displayName ?? `Test ${roles.join('+')}`, code, nihdi, roles, pin: hashPinSync(TEST_PIN, TEST_PIN_PARAMS) }, 'system:test', clock.now()),
  )() as ReturnType<typeof insertStaff>;
  return { id: row.id, displayName: row.display_name, nihdi: row.nihdi, roles: rolesOf(row), mustChangePin: false };
}
