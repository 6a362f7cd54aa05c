import { join } from 'node:path';
import type { OperationOutcome } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandInProcess } from '../../../src/devices/federal-stand-in/process';
import { transactionBundle } from '../../../src/domain/fhir/bundle';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { ManualClock } from '../../../src/main/adapters/clock';
import { createFederalClient, type FederalClient } from '../../../src/main/adapters/federal/client';
import { openDatabase, type Db } from '../../../src/main/adapters/sqlite/database';
import { readSyncState } from '../../../src/main/station/sync/state-store';
import type { TickReport } from '../../../src/main/station/sync/worker';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import type { SimStats } from '../../../src/federal-sim';
import { fastOptions } from '../../support/federal/harness';
import { appointment, dose, enqueue, outboxStates, person } from '../../support/federal/records';
import { makeTempDir } from '../../support/temp-dir';

/** The stand-in in its own process, capped at 7 entries per transaction, as a real server caps it. */
const CAP = 7;
let standIn: StandInProcess;
let client: FederalClient;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  temp = makeTempDir('dosedesk-sync-size-');
  standIn = await startStandIn(join(temp.dir, 'federal'), { maxBundleEntries: CAP });
  client = createFederalClient({ baseUrl: standIn.url, timeoutMs: 10_000, transactionTimeoutMs: 10_000 });
}, 60_000);

afterAll(async () => {
  client?.close();
  await standIn?.stop();
  temp?.cleanup();
});

async function stats(): Promise<SimStats> {
  return (await (await fetch(`${standIn.rootUrl}/admin/stats`)).json()) as SimStats;
}

const transactionsOf = (s: SimStats) => s.transactions.committed + s.transactions.rejected;
const countAtBackend = (type: string) => client.count(type, { identifier: `${STATION_RECORD_SYSTEM}|` });

function openStation(name: string): Db {
  return openDatabase(join(temp.dir, name, 'station.sqlite'));
}

/** A dose and its next appointment for each of `people` persons from `first` on: 2 records each. */
function records(first: number, people: number) {
  return Array.from({ length: people }, (_, i) => person(first + i)).flatMap((p) => [dose(p), appointment(p)]);
}

function worker(db: Db, clock: ManualClock): SyncWorker {
  return new SyncWorker({ db, clock, client, centreId: 'heysel' }, fastOptions({ batchSize: 50, pullOnStart: false }));
}

/** Ticks (the clock standing still: a backoff would leave rows waiting) until nothing is due. */
async function drain(w: SyncWorker): Promise<TickReport[]> {
  const reports = await w.drain(200);
  expect(reports[reports.length - 1]?.kind).toBe('idle');
  return reports;
}

const sum = (reports: TickReport[], key: 'transactions' | 'tooLarge') => reports.reduce((n, r) => n + (r.kind === 'batch' ? r.batch[key] : 0), 0);

describe('a backend that caps the entries of a transaction', () => {
  it('refuses an over-cap transaction with 400 too-costly naming the limit, and stores nothing of it', async () => {
    const before = await stats();
    const plans = Array.from({ length: CAP + 1 }, (_, i) => ({ action: 'create' as const, payload: dose(person(9_000 + i)) }));
    const refused = await fetch(standIn.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(transactionBundle(plans)) });
    expect(refused.status).toBe(400);
    const outcome = (await refused.json()) as OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'too-costly' });
    expect(outcome.issue[0]!.diagnostics).toContain(`at most ${CAP}`);
    const after = await stats();
    expect(after.transactions.tooLarge).toBe(before.transactions.tooLarge + 1);
    expect(after.resources).toEqual(before.resources);

    // The same entries, up to the cap, go through.
    const accepted = await fetch(standIn.url, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(transactionBundle(plans.slice(0, CAP))) });
    expect(accepted.status).toBe(200);
    expect((await stats()).resources.Immunization).toBe((before.resources.Immunization ?? 0) + CAP);
  });

  it('drains 200 records exactly once in batches under the cap: no one-by-one, no backoff, no breaker count', async () => {
    const db = openStation('first');
    const clock = new ManualClock('2026-03-01T08:00:00.000Z');
    try {
      const immunizationsBefore = await countAtBackend('Immunization');
      const appointmentsBefore = await countAtBackend('Appointment');
      enqueue(db, records(1, 100), clock.now());
      const before = await stats();
      const w = worker(db, clock);
      const reports = await drain(w);

      expect(outboxStates(db)).toEqual({ synced: 200 });
      expect((await countAtBackend('Immunization')) - immunizationsBefore).toBe(100);
      expect((await countAtBackend('Appointment')) - appointmentsBefore).toBe(100);
      const after = await stats();
      expect(after.duplicates).toBe(0);

      // Bounded: 200/7 full transactions, plus a few halvings and probes; one by one would be 200.
      const transactions = transactionsOf(after) - transactionsOf(before);
      expect(transactions).toBe(sum(reports, 'transactions'));
      expect(transactions).toBeLessThanOrEqual(Math.ceil(200 / CAP) + 12);
      const tooLarge = after.transactions.tooLarge - before.transactions.tooLarge;
      expect(tooLarge).toBe(sum(reports, 'tooLarge'));
      expect(tooLarge).toBeGreaterThan(0);
      expect(tooLarge).toBeLessThanOrEqual(6);

      // No backoff was taken and no failure counted: every row went on its first attempt.
      const penalised = db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE attempts > 0 OR next_attempt_at IS NOT NULL`).get() as { n: number };
      expect(penalised.n).toBe(0);
      expect(reports.every((r) => r.kind !== 'batch' || r.batch.transport === null)).toBe(true);
      expect(w.modeInfo()).toEqual({ mode: 'online', offlineSince: null });
      expect(w.lastError).toBeNull();

      // What the backend accepts is remembered for this URL.
      const learned = readSyncState(db).transactionSizes[client.baseUrl];
      expect(learned?.accepted).toBeGreaterThanOrEqual(Math.floor(CAP / 2));
      expect(learned?.accepted).toBeLessThanOrEqual(CAP);
    } finally {
      db.close();
    }
  });

  it('uses the remembered size on the next round, after a restart: no refusal at all', async () => {
    const db = openStation('second');
    const clock = new ManualClock('2026-03-01T08:00:00.000Z');
    try {
      enqueue(db, records(1_000, 20), clock.now());
      await drain(worker(db, clock));
      const learned = readSyncState(db).transactionSizes[client.baseUrl]!;
      expect(learned.accepted).toBeLessThanOrEqual(CAP);

      // The station restarts (a new worker on the same database) with more records waiting.
      enqueue(db, records(2_000, 20), clock.now());
      const restarted = worker(db, clock);
      expect(restarted.nextTransactionSize).toBe(learned.accepted);
      const before = await stats();
      const reports = await drain(restarted);
      const after = await stats();
      expect(outboxStates(db)).toEqual({ synced: 80 });
      expect(after.transactions.tooLarge).toBe(before.transactions.tooLarge);
      expect(sum(reports, 'tooLarge')).toBe(0);
      expect(transactionsOf(after) - transactionsOf(before)).toBe(Math.ceil(20 / learned.accepted) * 2);
    } finally {
      db.close();
    }
  });
});
