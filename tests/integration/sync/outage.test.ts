import { afterEach, describe, expect, it } from 'vitest';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { readSyncState } from '../../../src/main/station/sync/state-store';
import type { ModeInfo } from '../../../src/main/station/sync/mode';
import { countAtBackend, drainWithClock, fastOptions, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { dayOfRecords, enqueue, outboxStates } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

describe('a two-hour outage of the federal backend', () => {
  it('keeps every record, goes offline with the time it started, and syncs each record once on recovery', async () => {
    h = await startHarness();
    const clock = startClock();
    const modes: ModeInfo[] = [];
    const worker = new SyncWorker(
      { db: h.db, clock, client: h.client, centreId: 'heysel', onMode: (m) => modes.push(m) },
      fastOptions({ breaker: { failureThreshold: 3, openMs: 10_000, maxOpenMs: 5 * 60_000 } }),
    );

    enqueue(h.db, dayOfRecords(10, 1), clock.now());
    await drainWithClock(worker, clock, h.db);
    expect(worker.modeInfo().mode).toBe('online');

    h.sim.setFaults({ down: true });
    const outageStart = clock.now().getTime();
    let serial = 1000;
    let ticks = 0;
    for (let minute = 0; minute < 120; minute++) {
      enqueue(h.db, dayOfRecords(2, serial), clock.now()); // 2 doses + 1 appointment a minute
      serial += 2;
      for (let t = 0; t < 6; t++) {
        await worker.tick();
        ticks++;
        clock.advance(10_000);
      }
    }
    const during = worker.modeInfo();
    expect(during.mode).toBe('offline');
    const since = Date.parse(during.offlineSince!);
    expect(since).toBeGreaterThanOrEqual(outageStart);
    expect(since).toBeLessThan(outageStart + 60_000);
    expect(outboxStates(h.db)).toEqual({ synced: 15, waiting: 360 });
    // The breaker spares the backend: a few probes, not a request every tick.
    const refused = h.sim.stats().faults.refused;
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(ticks / 5);
    // The state survives a restart of the station.
    expect(readSyncState(h.db)).toMatchObject({ mode: 'offline', offlineSince: during.offlineSince });

    h.sim.setFaults({});
    const recoveryStart = clock.now().getTime();
    await drainWithClock(worker, clock, h.db, 10_000);
    // Back within one breaker cool-down (at most 5 minutes) plus the drain itself.
    expect(clock.now().getTime() - recoveryStart).toBeLessThan(6 * 60_000);
    expect(worker.modeInfo()).toEqual({ mode: 'online', offlineSince: null });
    expect(outboxStates(h.db)).toEqual({ synced: 375 });
    expect(await countAtBackend(h, 'Immunization')).toBe(250);
    expect(await countAtBackend(h, 'Appointment')).toBe(125);
    expect(h.sim.stats().duplicates).toBe(0);
    expect(modes.map((m) => m.mode)).toEqual(['online', 'degraded', 'offline', 'online']);
    expect(modes[2]!.offlineSince).toBe(during.offlineSince);
  });

  it('remembers when the outage began across a restart of the worker', async () => {
    h = await startHarness({ faults: { down: true } });
    const clock = startClock();
    enqueue(h.db, dayOfRecords(3), clock.now());
    const first = new SyncWorker({ db: h.db, clock, client: h.client, centreId: 'heysel' }, fastOptions());
    for (let i = 0; i < 5; i++) {
      await first.tick();
      clock.advance(10_000);
    }
    const began = first.modeInfo().offlineSince;
    expect(first.modeInfo().mode).toBe('offline');
    const second = new SyncWorker({ db: h.db, clock, client: h.client, centreId: 'heysel' }, fastOptions());
    for (let i = 0; i < 5; i++) {
      await second.tick();
      clock.advance(10_000);
    }
    expect(second.modeInfo()).toEqual({ mode: 'offline', offlineSince: began });
  });
});
