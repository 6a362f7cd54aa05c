import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Faults } from '../../../src/federal-sim';
import { countAtBackend, drainWithClock, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { dayOfRecords, enqueue, outboxStates } from '../../support/federal/records';

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(ROOT, 'tests', 'support', 'federal', 'worker-child.ts');

let h: SyncHarness | null = null;
let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = null;
  await h?.cleanup();
  h = null;
});

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function startChild(dbFile: string, url: string): ChildProcess {
  const c = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  c.stderr?.on('data', () => {}); // drained so the child never blocks on a full pipe
  c.stdout?.on('data', () => {});
  return c;
}

const sending = (h: SyncHarness) => (h.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`).get() as { n: number }).n;

async function killMidSendAndResume(faults: Partial<Faults>, inFlight: (h: SyncHarness) => boolean, afterKill: (h: SyncHarness) => Promise<void> = async () => {}): Promise<void> {
  h = await startHarness({ faults });
  const clock = startClock();
  enqueue(h.db, dayOfRecords(60), clock.now()); // 90 records, batches of 20
  const harness = h;
  child = startChild(h.dbFile, h.sim.url);
  await until('a batch in flight', () => sending(harness) > 0 && inFlight(harness));
  child.kill('SIGKILL');
  await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
  expect(child.signalCode).toBe('SIGKILL');
  expect(sending(h)).toBeGreaterThan(0); // the dead process left its batch 'sending'
  await afterKill(h);

  h.sim.setFaults({});
  const worker = makeWorker(h, clock);
  expect(worker.recoverAfterCrash()).toBeGreaterThan(0);
  await drainWithClock(worker, clock, h.db);
  expect(outboxStates(h.db)).toEqual({ synced: 90 });
  expect(await countAtBackend(h, 'Immunization')).toBe(60);
  expect(await countAtBackend(h, 'Appointment')).toBe(30);
  expect(h.sim.stats().duplicates).toBe(0);
}

describe('a station killed while a batch is in flight', () => {
  it('resumes on the same database without duplicates when the backend had committed the batch', async () => {
    // The backend commits, then holds its answer: the kill lands between commit and answer.
    await killMidSendAndResume(
      { holdResponseMs: 20_000 },
      (harness) => harness.sim.stats().faults.held > 0,
      async (harness) => {
        // The batch the station still believes 'sending' is already at the backend.
        const atBackend = (await countAtBackend(harness, 'Immunization')) + (await countAtBackend(harness, 'Appointment'));
        expect(atBackend).toBe(sending(harness));
      },
    );
  }, 30_000);

  it('resumes on the same database without duplicates when the kill came before the commit', async () => {
    // Every request waits before it is handled: the kill lands while the transaction travels.
    await killMidSendAndResume({ latencyMs: 1_500 }, (harness) => harness.sim.stats().requests.total >= 2);
  }, 30_000);
});
