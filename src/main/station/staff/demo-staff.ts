import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import { hashPin, hashPinSync, type PinHash } from '../../adapters/crypto/pin-hash';
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
  insertDemoStaff(db, clock, hashPinSync(DEMO_PIN));
}

/**
 * The same, hashing on libuv's thread pool: the caller seeds the demo calendar meanwhile. The staff
 * are written once `writable` settles (the seed's transaction done), never inside it.
 */
export async function seedDemoStaffConcurrently(db: Db, clock: Clock, writable: Promise<unknown> = Promise.resolve()): Promise<void> {
  if (staffCount(db) > 0) return;
  const pin = await hashPin(DEMO_PIN);
  await writable.catch(() => {});
  if (!db.open) return; // the station closed meanwhile, and wrote them itself (station.close)
  insertDemoStaff(db, clock, pin);
}

/**
 * Every demo PIN is the documented 1234: one hash (one scrypt, about a second) serves all three,
 * where one per person cost two more seconds of every new demo folder. Real staff PINs are hashed
 * one by one, each with its own salt.
 */
function insertDemoStaff(db: Db, clock: Clock, pin: PinHash): void {
  db.transaction(() => {
    if (staffCount(db) > 0) return;
    DEMO_STAFF.forEach((s) => insertStaff(db, { ...s, pin }, 'system:demo', clock.now()));
  })();
}
