import { afterEach, describe, expect, it } from 'vitest';
import { countAtBackend, drainWithClock, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { dayOfRecords, dose, enqueue, outboxStates, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

describe('sync sends every record exactly once', () => {
  it('drains a day of records to the stand-in, then sending them all again creates nothing', async () => {
    h = await startHarness();
    const clock = startClock();
    const records = dayOfRecords(120); // 120 doses + 60 appointments
    enqueue(h.db, records, clock.now());
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db);
    expect(outboxStates(h.db)).toEqual({ synced: 180 });
    expect(await countAtBackend(h, 'Immunization')).toBe(120);
    expect(await countAtBackend(h, 'Appointment')).toBe(60);
    expect(worker.modeInfo()).toEqual({ mode: 'online', offlineSince: null });

    // As if every answer had been lost: all rows back to waiting and sent again.
    h.db.prepare(`UPDATE outbox SET state = 'waiting', synced_at = NULL`).run();
    await drainWithClock(worker, clock, h.db);
    expect(await countAtBackend(h, 'Immunization')).toBe(120);
    expect(await countAtBackend(h, 'Appointment')).toBe(60);
    expect(h.sim.stats().duplicates).toBe(0);
  });

  it('loses no record and duplicates none when answers are dropped after the commit', async () => {
    h = await startHarness({ faults: { dropAfterCommitRate: 0.5, seed: 7 } });
    const clock = startClock();
    enqueue(h.db, dayOfRecords(80), clock.now());
    const worker = makeWorker(h, clock, { batchSize: 10 });
    await drainWithClock(worker, clock, h.db, 30_000);
    const stats = h.sim.stats();
    expect(stats.faults.dropped).toBeGreaterThan(3);
    expect(outboxStates(h.db)).toEqual({ synced: 120 });
    h.sim.setFaults({});
    expect(await countAtBackend(h, 'Immunization')).toBe(80);
    expect(await countAtBackend(h, 'Appointment')).toBe(40);
    expect(h.sim.stats().duplicates).toBe(0);
  });

  it('survives 5xx answers and timeouts without duplicates', async () => {
    h = await startHarness({ faults: { errorRate: 0.3, timeoutRate: 0.1, seed: 3 } }, 300);
    const clock = startClock();
    enqueue(h.db, dayOfRecords(40), clock.now());
    const worker = makeWorker(h, clock, { batchSize: 8 });
    await drainWithClock(worker, clock, h.db, 30_000);
    h.sim.setFaults({});
    expect(h.sim.stats().faults.errored + h.sim.stats().faults.timedOut).toBeGreaterThan(2);
    expect(outboxStates(h.db)).toEqual({ synced: 60 });
    expect(await countAtBackend(h, 'Immunization')).toBe(40);
    expect(h.sim.stats().duplicates).toBe(0);
  });

  it('resolves a dose whose answer was lost by the read before sending: no second transaction', async () => {
    h = await startHarness({ faults: { dropAfterCommitRate: 1, seed: 2 } });
    const clock = startClock();
    enqueue(h.db, [dose(person(1))], clock.now());
    const worker = makeWorker(h, clock);
    await worker.tick(); // committed at the backend, answer lost
    expect(outboxStates(h.db)).toEqual({ waiting: 1 });
    h.sim.setFaults({});
    await drainWithClock(worker, clock, h.db, 60_000);
    expect(outboxStates(h.db)).toEqual({ synced: 1 });
    expect(h.sim.stats().transactions.committed).toBe(1);
    expect(await countAtBackend(h, 'Immunization')).toBe(1);
  });
});
