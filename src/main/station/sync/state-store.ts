import type { Db } from '../../adapters/sqlite/database';
import type { SyncMode } from '../../../shared/api/station';
import type { LearnedSize } from './transaction-size';

/** The worker's last known state, kept in sync_state so it survives restarts. */
export interface PersistedSyncState {
  mode: SyncMode;
  offlineSince: string | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastPullAt: string | null;
  lastPullError: string | null;
  federalUrl: string | null;
  /** Per backend base URL: the transaction size it accepts, learned from its size refusals. */
  transactionSizes: Record<string, LearnedSize>;
}

export const EMPTY_STATE: PersistedSyncState = {
  mode: 'offline',
  offlineSince: null,
  lastSuccessAt: null,
  lastAttemptAt: null,
  lastError: null,
  lastPullAt: null,
  lastPullError: null,
  federalUrl: null,
  transactionSizes: {},
};

const KEY = 'worker';

export function readSyncState(db: Db): PersistedSyncState {
  const r = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!r) return { ...EMPTY_STATE, transactionSizes: {} };
  try {
    const state = { ...EMPTY_STATE, ...(JSON.parse(r.value) as Partial<PersistedSyncState>) };
    return { ...state, transactionSizes: { ...(typeof state.transactionSizes === 'object' && state.transactionSizes !== null ? state.transactionSizes : {}) } };
  } catch {
    return { ...EMPTY_STATE, transactionSizes: {} };
  }
}

export function writeSyncState(db: Db, state: PersistedSyncState, now: Date): void {
  db.prepare(
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(KEY, JSON.stringify(state), now.toISOString());
}

/** Whether the sync tables exist (schema 20 or later): a read-only tool must not create them. */
export function hasSyncState(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'`).get() !== undefined;
}
