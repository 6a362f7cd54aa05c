import { createHash, randomUUID } from 'node:crypto';

/** A new record id, generated on this station (so records are unique before any sync). */
export function newId(): string {
  return randomUUID();
}

/** DoseDesk's UUID namespace for name-based ids (RFC 4122 version 5). */
const NAMESPACE = Buffer.from('6d0b4f6e2f2a4c1e9a0c3b7e5d4a2f10', 'hex');

/**
 * A name-based UUID (v5): the same name gives the same id on every station. Used for calendar
 * entries (sessions, slots) that every station of the centre must agree on without talking.
 */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sessionIdFor(centreId: string, date: string, productCode: string, startLocal: string): string {
  return nameUuid(`session:${centreId}:${date}:${productCode}:${startLocal}`);
}

export function slotIdFor(sessionId: string, startIso: string): string {
  return nameUuid(`slot:${sessionId}:${new Date(startIso).toISOString()}`);
}

/** Instants are kept to the second, so a record imported from a card matches its original. */
export function isoSeconds(at: Date | string): string {
  const ms = new Date(at).getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
