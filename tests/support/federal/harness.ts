import { join } from 'node:path';
import { startFederalSim, type FederalSim, type FederalSimOptions } from '../../../src/federal-sim';
import { openDatabase, type Db } from '../../../src/main/adapters/sqlite/database';
import { ManualClock, type Clock } from '../../../src/main/adapters/clock';
import { createFederalClient, type FederalClient } from '../../../src/main/adapters/federal/client';
import { SyncWorker, type SyncWorkerOptions } from '../../../src/main/station/sync/worker';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { makeTempDir } from '../temp-dir';

/** A stand-in backend and a station database in fresh temp folders, cleaned up together. */
export interface SyncHarness {
  sim: FederalSim;
  dir: string;
  dbFile: string;
  db: Db;
  client: FederalClient;
  cleanup(): Promise<void>;
}

export async function startHarness(simOptions: Partial<FederalSimOptions> = {}, clientTimeoutMs = 2_000): Promise<SyncHarness> {
  const temp = makeTempDir('dosedesk-sync-');
  const sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal'), ...simOptions });
  const dbFile = join(temp.dir, 'station', 'station.sqlite');
  const db = openDatabase(dbFile);
  const client = createFederalClient({ baseUrl: sim.url, timeoutMs: clientTimeoutMs, transactionTimeoutMs: clientTimeoutMs });
  return {
    sim,
    dir: temp.dir,
    dbFile,
    db,
    client,
    async cleanup() {
      client.close();
      if (db.open) db.close();
      await sim.close();
      temp.cleanup();
    },
  };
}

/** Worker options that make tests fast and deterministic. */
export function fastOptions(overrides: Partial<SyncWorkerOptions> = {}): Partial<SyncWorkerOptions> {
  let seed = 42;
  return {
    batchSize: 50,
    backoff: { baseMs: 1_000, capMs: 60_000 },
    breaker: { failureThreshold: 3, openMs: 5_000, maxOpenMs: 60_000 },
    pullIntervalMs: 60 * 60_000,
    idlePollMs: 20,
    random: () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    },
    ...overrides,
  };
}

export function makeWorker(h: SyncHarness, clock: Clock, options: Partial<SyncWorkerOptions> = {}): SyncWorker {
  return new SyncWorker({ db: h.db, clock, client: h.client, centreId: 'heysel' }, fastOptions(options));
}

export const startClock = () => new ManualClock('2026-03-01T08:00:00.000Z');

/** Exact number of resources of a type holding the station identifier, at the stand-in. */
export function countAtBackend(h: SyncHarness, type: string): Promise<number> {
  return h.client.count(type, { identifier: `${STATION_RECORD_SYSTEM}|` });
}

/** Ticks with the clock moving `stepMs` each time until nothing is waiting (or `max` ticks). */
export async function drainWithClock(worker: SyncWorker, clock: ManualClock, db: Db, stepMs = 1_000, max = 2_000): Promise<number> {
  for (let i = 0; i < max; i++) {
    const left = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('waiting', 'sending')`).get() as { n: number }).n;
    if (left === 0) return i;
    await worker.tick();
    clock.advance(stepMs);
  }
  throw new Error('outbox did not drain');
}
