import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { readMeta, writeMeta, writeMetaIfAbsent } from '../shell/station-meta-store';

/**
 * The centre-wide key that signs appointment cards. Every station of a centre must hold the same
 * key, or a card printed at one station cannot be verified at another. All key handling goes
 * through this file so that a real key store (the OS keychain through Electron's safeStorage,
 * provisioned by the supervisor) can replace station_meta without touching the use cases.
 */
const META_KEY = 'booking.card_key';

export function readCardKey(db: Db): Buffer | null {
  const value = readMeta(db, META_KEY);
  return value !== undefined ? Buffer.from(value, 'base64url') : null;
}

export function setCardKey(db: Db, key: Buffer, now: Date): void {
  if (key.length < 32) throw new Error('card key must be at least 32 bytes');
  writeMeta(db, META_KEY, key.toString('base64url'), now.toISOString());
}

/**
 * The key to sign with. A station that was never given one makes its own, so that it keeps
 * printing cards (its own cards verify on it); a centre with several stations provisions one key
 * on all of them (the demo seed does so with `demoCardKey`).
 */
export function cardKey(db: Db, now: Date): Buffer {
  const existing = readCardKey(db);
  if (existing) return existing;
  const key = randomBytes(32);
  writeMetaIfAbsent(db, META_KEY, key.toString('base64url'), now.toISOString());
  return readCardKey(db)!;
}

/** DEMO ONLY: the same key on every demo station of a centre, derived from its id. */
export function demoCardKey(centreId: string): Buffer {
  return createHmac('sha256', 'dosedesk-demo-card-key-not-for-production').update(centreId).digest();
}
