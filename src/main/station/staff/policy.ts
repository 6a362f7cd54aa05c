import type { Db } from '../../adapters/sqlite/database';
import { SecurityPolicy, type SecurityPolicy as Policy } from '../../../shared/api/staff';

export const DEFAULT_POLICY: Policy = { lockAfterSeconds: 120, retentionDays: 120 };

const KEYS = { lockAfterSeconds: 'security.lock_after_seconds', retentionDays: 'security.retention_days' } as const;

/** The station's security policy, kept in station_meta so that it travels with the database. */
export function readPolicy(db: Db): Policy {
  const rows = db.prepare(`SELECT key, value FROM station_meta WHERE key IN (?, ?)`).all(KEYS.lockAfterSeconds, KEYS.retentionDays) as { key: string; value: string }[];
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const parsed = SecurityPolicy.safeParse({
    lockAfterSeconds: Number(value(KEYS.lockAfterSeconds) ?? DEFAULT_POLICY.lockAfterSeconds),
    retentionDays: Number(value(KEYS.retentionDays) ?? DEFAULT_POLICY.retentionDays),
  });
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export function writePolicy(db: Db, patch: Partial<Policy>, now: Date): Policy {
  const next = SecurityPolicy.parse({ ...readPolicy(db), ...patch });
  const upsert = db.prepare(
    `INSERT INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const key of Object.keys(KEYS) as (keyof Policy)[]) upsert.run(KEYS[key], String(next[key]), now.toISOString());
  })();
  return next;
}
