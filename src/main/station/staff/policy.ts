import type { Db } from '../../adapters/sqlite/database';
import { readMetas, writeMeta } from '../shell/station-meta-store';
import { SecurityPolicy, type SecurityPolicy as Policy } from '../../../shared/api/staff';

export const DEFAULT_POLICY: Policy = { lockAfterSeconds: 120, retentionDays: 120, pinMinDigits: 4 };

const KEYS = { lockAfterSeconds: 'security.lock_after_seconds', retentionDays: 'security.retention_days', pinMinDigits: 'security.pin_min_digits' } as const;

/** The station's security policy, kept in station_meta so that it travels with the database. */
export function readPolicy(db: Db): Policy {
  const values = readMetas(db, Object.values(KEYS));
  const value = (key: string) => values.get(key);
  const parsed = SecurityPolicy.safeParse({
    lockAfterSeconds: Number(value(KEYS.lockAfterSeconds) ?? DEFAULT_POLICY.lockAfterSeconds),
    retentionDays: Number(value(KEYS.retentionDays) ?? DEFAULT_POLICY.retentionDays),
    pinMinDigits: Number(value(KEYS.pinMinDigits) ?? DEFAULT_POLICY.pinMinDigits),
  });
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export function writePolicy(db: Db, patch: Partial<Policy>, now: Date): Policy {
  const next = SecurityPolicy.parse({ ...readPolicy(db), ...patch });
  db.transaction(() => {
    for (const key of Object.keys(KEYS) as (keyof Policy)[]) writeMeta(db, KEYS[key], String(next[key]), now.toISOString());
  })();
  return next;
}
