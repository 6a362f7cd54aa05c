import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { PinHash } from '../../adapters/crypto/pin-hash';
import type { StaffRole } from '../../../shared/api/staff';
import { insertStaff, staffCount } from './staff-store';

/** The demo centre's staff (documented in README): every PIN is 1234. */
export const DEMO_STAFF: readonly { displayName: string; code: string; nihdi: string | null; roles: StaffRole[] }[] = [
  { displayName: 'Dr. An Peeters', code: 'VAC01', nihdi: '12345678901', roles: ['vaccinator'] },
  { displayName: 'Sam Janssens', code: 'CHK01', nihdi: null, roles: ['checkin'] },
  { displayName: 'Marie Dubois', code: 'SUP01', nihdi: null, roles: ['supervisor'] },
];
export const DEMO_PIN = '1234';

/**
 * The scrypt hash of the published demo PIN, with the current parameters and a fixed salt, worked
 * out once (tests/unit/main/station/staff/demo-pin-hash.test.ts checks it and says how to redo it).
 * A hash of a PIN everyone knows hides nothing, so a new demo folder does not spend a scrypt
 * (0.3 s of CPU and 128 MiB, on a start that shares two cores with the browser) to make one. Real
 * staff PINs are hashed one by one, each with its own random salt; a sign-in with the demo PIN
 * still runs the full scrypt to check it.
 */
export const DEMO_PIN_HASH: PinHash = {
  hash: 'LWs+I4tsM0LxwSkbUn/+OYvEBWEqDbDFWWEC4L8LEjo=',
  salt: 'RG9zZURlc2sgZGVtbyBzdA==',
  params: { alg: 'scrypt', N: 2 ** 17, r: 8, p: 1, keylen: 32 },
};

/** Seeds the demo staff once, into a station that has no staff yet. */
export function seedDemoStaff(db: Db, clock: Clock): void {
  if (staffCount(db) > 0) return;
  insertDemoStaff(db, clock);
}

/** All three with the one demo PIN hash. */
function insertDemoStaff(db: Db, clock: Clock): void {
  db.transaction(() => {
    if (staffCount(db) > 0) return;
    DEMO_STAFF.forEach((s) => insertStaff(db, { ...s, pin: DEMO_PIN_HASH }, 'system:demo', clock.now()));
  })();
}
