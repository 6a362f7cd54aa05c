import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { FederalClient } from '../../adapters/federal/client';

/** Timings of rebalancing through the backend (Clock time). */
export interface CentreSyncOptions {
  /** Days from today whose capacity is published and rebalanced. */
  horizonDays: number;
  /** How often a station runs its round (publish, answer requests, take units) while online. */
  roundEveryMs: number;
  /** How often a supervisor-role station plans on its own while online (0: only when asked). */
  planEveryMs: number;
  /** A station whose heartbeat is older than this is not connected: nothing is planned with it. */
  freshMs: number;
  /** A transfer request not handled within this time is refused by its giver. */
  taskTtlMs: number;
  /** A released unit its receiver has not taken within this time goes back to the giver. */
  reclaimAfterMs: number;
  /** Units of slots starting sooner than this are not moved (too late to book elsewhere). */
  leadMs: number;
}

export const DEFAULT_CENTRE_SYNC: CentreSyncOptions = {
  horizonDays: 42,
  roundEveryMs: 60_000,
  planEveryMs: 10 * 60_000,
  freshMs: 5 * 60_000,
  taskTtlMs: 15 * 60_000,
  reclaimAfterMs: 30 * 60_000,
  leadMs: 15 * 60_000,
};

/** One station's side of a round. */
export interface CentreDeps {
  db: Db;
  clock: Clock;
  client: FederalClient;
  centreId: string;
  stationId: string;
  options: CentreSyncOptions;
  log: (line: string) => void;
}

/** Thrown when the station closed its database while a request was under way. */
export class StationClosed extends Error {
  constructor() {
    super('the station closed during a centre-sync round');
  }
}

export function ensureOpen(db: Db): void {
  if (!db.open) throw new StationClosed();
}
