import { createHash } from 'node:crypto';

/** A short, shareable fingerprint: stations of one centre must all show the same one. */
export function cardKeyFingerprint(key: Buffer): string {
  return createHash('sha256').update('dosedesk-card-key').update(key).digest('hex').slice(0, 16).replace(/(.{4})(?=.)/g, '$1-');
}
