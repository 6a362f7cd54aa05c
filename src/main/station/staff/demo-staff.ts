import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import { hashPinSync } from '../../adapters/crypto/pin-hash';
import type { StaffRole } from '../../../shared/api/staff';
import { insertStaff, staffCount } from './staff-store';

/** The demo centre's staff (documented in README): every PIN is 1234. */
export const DEMO_STAFF: readonly { displayName: string; code: string; nihdi: string | null; roles: StaffRole[] }[] = [
  { displayName: 'Dr. An Peeters', code: 'VAC01', nihdi: '12345678901', roles: ['vaccinator'] },
  { displayName: 'Sam Janssens', code: 'CHK01', nihdi: null, roles: ['checkin'] },
  { displayName: 'Marie Dubois', code: 'SUP01', nihdi: null, roles: ['supervisor'] },
];
export const DEMO_PIN = '1234';

/** Seeds the demo staff once, into a station that has no staff yet. */
export function seedDemoStaff(db: Db, clock: Clock): void {
  if (staffCount(db) > 0) return;
  const hashes = DEMO_STAFF.map(() => hashPinSync(DEMO_PIN));
  db.transaction(() => {
    if (staffCount(db) > 0) return;
    DEMO_STAFF.forEach((s, i) => insertStaff(db, { ...s, pin: hashes[i]! }, 'system:demo', clock.now()));
  })();
}
