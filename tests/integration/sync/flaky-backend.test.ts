import { afterEach, describe, expect, it } from 'vitest';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { seededRandom } from '../../../src/federal-sim/faults';
import { countAtBackend, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { dayOfRecords, dose, enqueue, outboxStates, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

const waitingCount = (h: SyncHarness) => (h.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('waiting', 'sending')`).get() as { n: number }).n;

describe('sync against a flaky backend (a third of requests failing, half the answers lost)', () => {
  // Before adaptive batches and the failure-share breaker these seeds took 692, 465 and 900 rounds.
  it.each([3, 5, 13])('keeps making progress: 150 waiting records all reach the backend exactly once within 150 rounds (fault seed %i)', async (seed) => {
    h = await startHarness({ faults: { errorRate: 0.3, dropAfterCommitRate: 0.5, latencyMs: 2, seed } });
    const clock = startClock();
    enqueue(h.db, dayOfRecords(100), clock.now()); // 100 doses + 50 appointments
    // The production backoff and breaker; batches of at most 20 so the records take many rounds;
    // chance is seeded and the clock is manual: one round = one tick, then one second.
    const worker = new SyncWorker(
      { db: h.db, clock, client: h.client, centreId: 'heysel' },
      { batchSize: 20, pullOnStart: false, pullIntervalMs: 24 * 3_600_000, random: seededRandom(5) },
    );
    const maxRounds = 150;
    let rounds = 0;
    while (rounds < maxRounds && waitingCount(h) > 0) {
      await worker.tick();
      clock.advance(1_000);
      rounds++;
    }
    const stats = h.sim.stats();
    const faults = stats.faults.errored + stats.faults.dropped;
    h.sim.setFaults({});
    const atBackend = (await countAtBackend(h, 'Immunization')) + (await countAtBackend(h, 'Appointment'));
    console.log(
      `adversarial sync: 150 records, ${atBackend} at the backend, ${stats.duplicates} duplicates, ${stats.requests.total} requests, ${faults} faults (${stats.faults.errored} errors, ${stats.faults.dropped} answers lost), ${rounds} rounds (seed ${seed})`,
    );
    expect(faults).toBeGreaterThan(10);
    expect(outboxStates(h.db)).toEqual({ synced: 150 });
    expect(rounds).toBeLessThan(maxRounds);
    expect(await countAtBackend(h, 'Immunization')).toBe(100);
    expect(await countAtBackend(h, 'Appointment')).toBe(50);
    expect(stats.duplicates).toBe(0);
  });

  it('sends rows that failed often alone but side by side with the batch, not one round each', async () => {
    h = await startHarness();
    const clock = startClock();
    enqueue(h.db, Array.from({ length: 15 }, (_, i) => dose(person(i + 1))), clock.now());
    h.db.prepare(`UPDATE outbox SET attempts = 8 WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT 5)`).run();
    const worker = makeWorker(h, clock);
    const report = await worker.tick();
    expect(report).toMatchObject({ kind: 'batch', batch: { claimed: 15, synced: 15, transport: null } });
    expect(outboxStates(h.db)).toEqual({ synced: 15 });
    // Each lone row was its own transaction: 5 of them plus the batch.
    expect(h.sim.stats().transactions.committed).toBe(6);
  });
});
