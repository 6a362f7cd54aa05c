import { join } from 'node:path';
import type { Benchmark } from '../harness';
import { openDatabase } from '../../src/main/adapters/sqlite/database';
import { ManualClock } from '../../src/main/adapters/clock';
import { createFederalClient } from '../../src/main/adapters/federal/client';
import { DEFAULT_WORKER_OPTIONS, SyncWorker } from '../../src/main/station/sync/worker';
import { appointment, dose, enqueue, person } from '../../tests/support/federal/records';
import { makeTempDir } from '../../tests/support/temp-dir';
import { startStandIn } from '../../src/devices/federal-stand-in/process';


let nextSerial = 1;

/**
 * Drains `records` waiting outbox rows (half doses, half the dose-2 bookings of the same people,
 * as a day leaves them) from a fresh station database to the stand-in; returns the drain time.
 * People are new each call, so the backend's duplicate-elsewhere check never fires.
 */
export async function drainOnce(url: string, records: number, batchSize = DEFAULT_WORKER_OPTIONS.batchSize): Promise<number> {
  const temp = makeTempDir('dosedesk-bench-sync-');
  const db = openDatabase(join(temp.dir, 'station.sqlite'));
  const client = createFederalClient({ baseUrl: url, timeoutMs: 60_000, transactionTimeoutMs: 60_000 });
  try {
    const clock = new ManualClock('2026-03-01T18:00:00.000Z');
    const payloads = [];
    for (let i = 0; i < records / 2; i++) {
      const p = person(nextSerial++);
      payloads.push(dose(p), appointment(p));
    }
    enqueue(db, payloads, clock.now());
    const worker = new SyncWorker({ db, clock, client, centreId: 'heysel' }, { batchSize, pullOnStart: false, pullIntervalMs: 24 * 3_600_000, idlePollMs: 10 });
    const start = performance.now();
    const reports = await worker.drain(1_000_000);
    const elapsed = performance.now() - start;
    const last = reports[reports.length - 1];
    const synced = (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'synced'`).get() as { n: number }).n;
    if (synced !== records) throw new Error(`only ${synced} of ${records} synced (last tick ${JSON.stringify(last)})`);
    return elapsed;
  } finally {
    client.close();
    db.close();
    temp.cleanup();
  }
}

function drainBench(name: string, records: number, budgetMs: number, latencyMs: number): Benchmark {
  return {
    name,
    budgetMs,
    percentile: 95,
    samples: 3,
    warmup: 0,
    async setup() {
      const temp = makeTempDir('dosedesk-bench-standin-');
      const standIn = await startStandIn(join(temp.dir, 'federal'), latencyMs);
      return {
        sample: () => drainOnce(standIn.url, records),
        teardown: async () => {
          await standIn.stop();
          temp.cleanup();
        },
      };
    },
  };
}

/** A day's backlog after an outage (~10,000 doses and bookings at a Heysel-sized centre), on loopback. */
export const syncDrain10k = drainBench('sync: drain 10,000 waiting records to the stand-in on loopback', 10_000, 5_000, 0);

/** The same backlog with 25 ms added to every request (a backend across the country). */
export const syncDrain10kLatency = drainBench('sync: drain 10,000 waiting records, 25 ms latency per request', 10_000, 10_000, 25);

/**
 * Batches of 50 (the worker's default) against one record per request, 500 records each. The two
 * run back to back in every sample, so both meet the same load on a shared machine; the ratio is
 * of their medians.
 */
export const syncBatchedVsOneByOne: Benchmark = (() => {
  const oneByOne: number[] = [];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    name: 'sync: 500 records batched (station default) vs one by one',
    budgetMs: 1_000,
    percentile: 50,
    samples: 3,
    warmup: 0,
    async setup() {
      const temp = makeTempDir('dosedesk-bench-standin-');
      const standIn = await startStandIn(join(temp.dir, 'federal'));
      oneByOne.length = 0;
      await drainOnce(standIn.url, 100, 1); // warm both paths
      await drainOnce(standIn.url, 100);
      return {
        sample: async () => {
          oneByOne.push(await drainOnce(standIn.url, 500, 1));
          return drainOnce(standIn.url, 500);
        },
        teardown: async () => {
          await standIn.stop();
          temp.cleanup();
        },
      };
    },
    extra(durations) {
      const batched = median(durations);
      const single = median(oneByOne);
      const ratio = single / batched;
      return { pass: ratio >= 10, note: `one by one ${Math.round(single)} ms, batched ${Math.round(batched)} ms: ${ratio.toFixed(1)}x faster (need >= 10x)` };
    },
  };
})();
