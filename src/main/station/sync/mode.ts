import type { SyncMode } from '../../../shared/api/station';
import type { BreakerState } from './breaker';

export interface ModeInfo {
  mode: SyncMode;
  /** ISO instant the backend stopped answering; null unless offline. */
  offlineSince: string | null;
}

export interface ModeInputs {
  breaker: BreakerState;
  consecutiveFailures: number;
  failingSince: Date | null;
  /** False until the backend answered once (or failed once) since the worker started. */
  contacted: boolean;
}

/**
 * The three modes staff see: online (the backend answers), degraded (some calls fail but the
 * breaker is still closed: records go, slowly), offline (breaker open or probing: records wait).
 */
export function deriveMode(i: ModeInputs): ModeInfo {
  if (!i.contacted) return { mode: 'offline', offlineSince: i.failingSince?.toISOString() ?? null };
  if (i.breaker !== 'closed') return { mode: 'offline', offlineSince: i.failingSince?.toISOString() ?? null };
  if (i.consecutiveFailures > 0) return { mode: 'degraded', offlineSince: null };
  return { mode: 'online', offlineSince: null };
}
