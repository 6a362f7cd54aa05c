import { afterEach, describe, expect, it, vi } from 'vitest';
import { dirname } from 'node:path';
import { syncStatusCommand } from '../../../src/cli/commands/sync-status';
import { drainWithClock, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { dose, enqueue, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.cleanup();
  h = null;
});

async function run(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const code = await syncStatusCommand.run(argv);
  vi.restoreAllMocks();
  return { code, out };
}

describe('sync-status command', () => {
  it('shows mode, waiting records and the review list per person from the station database', async () => {
    h = await startHarness();
    const clock = startClock();
    enqueue(h.db, [dose(person(1)), dose(person(2), { lot: '' }), dose(person(3))], clock.now());
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db).catch(() => undefined);
    h.sim.setFaults({ down: true });
    enqueue(h.db, [dose(person(4))], clock.now());
    // The breaker opens once the recent requests all fail (not on the first few failures after
    // a run of answers); the failing record's backoff spaces them out.
    for (let i = 0; i < 1_000 && worker.modeInfo().mode !== 'offline'; i++) {
      await worker.tick();
      clock.advance(5_000);
    }
    const dataDir = dirname(h.dbFile);

    const text = await run(['--data', dataDir]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`Federal backend:   ${h.sim.url}`);
    expect(text.out).toMatch(/Last known mode:\s+offline since 2026-03-01 09:00/);
    expect(text.out).toMatch(/Waiting:\s+1 /);
    expect(text.out).toMatch(/Needs review:\s+1/);
    expect(text.out).toContain(`PEETERS2 Jan (${person(2).ssin})`);
    expect(text.out).toMatch(/refused dose .*HTTP 422/);

    const json = await run(['--data', dataDir, '--json']);
    const parsed = JSON.parse(json.out) as { state: { mode: string }; counts: { waiting: number }; reviews: unknown[] };
    expect(parsed.state.mode).toBe('offline');
    expect(parsed.counts.waiting).toBe(1);
    expect(parsed.reviews).toHaveLength(1);
  });
});
