import { join } from 'node:path';
import type { Bundle } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { FederalError } from '../../../../../src/main/adapters/federal/errors';
import type { FederalClient } from '../../../../../src/main/adapters/federal/client';
import { openDatabase, type Db } from '../../../../../src/main/adapters/sqlite/database';
import { isSizeRefusal, TransactionSizeLimit } from '../../../../../src/main/station/sync/transaction-size';
import { SyncWorker } from '../../../../../src/main/station/sync/worker';
import { operationOutcome } from '../../../../../src/domain/fhir/outcome';
import { appointment, dose, enqueue, outboxStates, person } from '../../../../support/federal/records';
import { makeTempDir } from '../../../../support/temp-dir';

describe('what counts as a refusal for size', () => {
  const refused = (status: number, body: unknown) => new FederalError('refused', `transaction: HTTP ${status}`, status, body);

  it('is 413, or 400 whose outcome says too-costly or too many entries (Medplum), without naming an entry', () => {
    expect(isSizeRefusal(refused(413, null))).toBe(true);
    expect(isSizeRefusal(refused(400, operationOutcome('invalid', 'Transaction requires strict isolation but has too many entries')))).toBe(true);
    expect(isSizeRefusal(refused(400, operationOutcome('too-costly', 'at most 7 entries')))).toBe(true);
  });

  it('is not a refusal of content, a refusal naming its entry, or an outage', () => {
    expect(isSizeRefusal(refused(400, operationOutcome('required', 'Immunization.patient is required', 'Bundle.entry[3].resource.patient')))).toBe(false);
    expect(isSizeRefusal(refused(400, operationOutcome('too-costly', 'too large', 'Bundle.entry[2]')))).toBe(false);
    expect(isSizeRefusal(refused(400, null))).toBe(false);
    expect(isSizeRefusal(refused(422, operationOutcome('too-costly', 'too many entries')))).toBe(false);
    expect(isSizeRefusal(new FederalError('server', 'HTTP 503', 503))).toBe(false);
  });
});

describe('the transaction size learned from a backend', () => {
  it('halves on a refusal, keeps the size that passes, and probes upward after 20 accepted transactions', () => {
    const limit = new TransactionSizeLimit(250);
    expect(limit.current).toBe(250);
    limit.onTooLarge(250);
    limit.onTooLarge(125);
    expect(limit.current).toBe(62);
    for (let i = 0; i < 19; i++) limit.onAccepted(62);
    expect(limit.current).toBe(62);
    limit.onAccepted(62);
    expect(limit.current).toBe(93); // between 62 (passes) and 125 (refused)
    limit.onTooLarge(93); // a refused probe keeps what passes
    expect(limit.learned).toEqual({ accepted: 62, refused: 93 });
    for (let i = 0; i < 20; i++) limit.onAccepted(62);
    limit.onAccepted(77); // the probe went through
    expect(limit.learned).toEqual({ accepted: 77, refused: 93 });
  });

  it('forgets the limit once a probe at the configured maximum passes, and ignores a lone entry refused', () => {
    const limit = new TransactionSizeLimit(100, { accepted: 60, refused: null }, 2);
    limit.onAccepted(60);
    limit.onAccepted(60);
    expect(limit.current).toBe(100); // doubling, capped at the maximum
    limit.onAccepted(100);
    expect(limit.learned).toBeNull();
    limit.onTooLarge(1);
    expect(limit.learned).toBeNull();
  });

  it('drops a stored size that is not one', () => {
    expect(new TransactionSizeLimit(100, { accepted: 0, refused: null }).learned).toBeNull();
    expect(new TransactionSizeLimit(100, { accepted: 'x' as unknown as number, refused: null }).learned).toBeNull();
    expect(new TransactionSizeLimit(100, { accepted: 10, refused: 5 }).learned).toEqual({ accepted: 10, refused: null });
  });
});

describe('a backend answering 413 to large transactions', () => {
  let db: Db | null = null;
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    db?.close();
    db = null;
    cleanup?.();
    cleanup = null;
  });

  it('gets every record in transactions it accepts, none one by one, none penalised', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = openDatabase(join(t.dir, 'station.sqlite'));
    const clock = new ManualClock('2026-03-01T08:00:00.000Z');
    const sizes: number[] = [];
    const client: FederalClient = {
      baseUrl: 'https://backend.example/fhir',
      ping: async () => {},
      search: async () => [],
      count: async () => 0,
      close: () => {},
      transaction: async (bundle: Bundle) => {
        const n = bundle.entry?.length ?? 0;
        sizes.push(n);
        if (n > 5) throw new FederalError('refused', 'transaction: HTTP 413', 413, null);
        return { resourceType: 'Bundle', type: 'transaction-response', entry: bundle.entry!.map(() => ({ response: { status: '201 Created' } })) };
      },
    };
    enqueue(
      db,
      Array.from({ length: 30 }, (_, i) => person(i + 1)).flatMap((p) => [dose(p), appointment(p)]),
      clock.now(),
    );
    const worker = new SyncWorker({ db, clock, client, centreId: 'heysel' }, { batchSize: 40, pullOnStart: false, random: () => 0.5 });
    const reports = await worker.drain(50);
    expect(reports[reports.length - 1]?.kind).toBe('idle');
    expect(outboxStates(db)).toEqual({ synced: 60 });
    // Halved at once (30, 15, 7 refused), then 3 a time: 20 transactions for 60 records, none alone.
    expect(sizes.filter((n) => n > 5)).toEqual([30, 15, 7]);
    expect(sizes.filter((n) => n <= 5)).toEqual(Array.from({ length: 20 }, () => 3));
    expect((db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE attempts > 0').get() as { n: number }).n).toBe(0);
    expect(worker.modeInfo().mode).toBe('online');
    expect(worker.persisted.transactionSizes['https://backend.example/fhir']).toEqual({ accepted: 3, refused: 7 });
  });
});

describe('the batches of one tick', () => {
  let db: Db | null = null;
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    db?.close();
    db = null;
    cleanup?.();
    cleanup = null;
  });

  function station(transaction: (bundle: Bundle) => Promise<Bundle>, events: string[]): SyncWorker {
    const t = makeTempDir();
    cleanup = t.cleanup;
    db = openDatabase(join(t.dir, 'station.sqlite'));
    const clock = new ManualClock('2026-03-01T08:00:00.000Z');
    enqueue(
      db,
      Array.from({ length: 15 }, (_, i) => dose(person(i + 1))),
      clock.now(),
    );
    const client: FederalClient = {
      baseUrl: 'https://backend.example/fhir',
      ping: async () => {},
      search: async () => {
        events.push('read');
        return [];
      },
      count: async () => 0,
      close: () => {},
      transaction,
    };
    return new SyncWorker({ db, clock, client, centreId: 'heysel' }, { batchSize: 5, batchesPerTick: 3, pullOnStart: false, random: () => 0.5 });
  }

  const sendingNow = () => (db!.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`).get() as { n: number }).n;
  const answer = (bundle: Bundle): Bundle => ({ resourceType: 'Bundle', type: 'transaction-response', entry: bundle.entry!.map(() => ({ response: { status: '201 Created' } })) });

  it('reads the next batch while the previous transaction is on the wire, and claims only the batch being sent', async () => {
    const events: string[] = [];
    const sending: number[] = [];
    const worker = station(async (bundle) => {
      events.push('send');
      sending.push(sendingNow());
      await new Promise((resolve) => setImmediate(resolve));
      events.push('answer');
      return answer(bundle);
    }, events);
    const report = await worker.tick();
    expect(report.kind === 'batch' && report.batch.synced).toBe(15);
    expect(sending).toEqual([5, 5, 5]);
    expect(events).toEqual(['read', 'read', 'send', 'answer', 'read', 'send', 'answer', 'send', 'answer']);
  });

  it('after a transient failure, the batches not sent yet wait unpenalised; only the failed batch backs off', async () => {
    const events: string[] = [];
    const worker = station(async () => {
      throw new FederalError('server', 'transaction: HTTP 503', 503);
    }, events);
    const report = await worker.tick();
    expect(report.kind === 'batch' && report.batch.transport?.status).toBe(503);
    const rows = db!.prepare(`SELECT state, attempts, next_attempt_at IS NOT NULL AS backoff FROM outbox ORDER BY seq`).all() as { state: string; attempts: number; backoff: number }[];
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: 15 }, () => 'waiting'));
    expect(rows.map((r) => r.attempts)).toEqual([...Array.from({ length: 5 }, () => 1), ...Array.from({ length: 10 }, () => 0)]);
    expect(rows.map((r) => r.backoff)).toEqual([...Array.from({ length: 5 }, () => 1), ...Array.from({ length: 10 }, () => 0)]);
    expect(events.filter((e) => e === 'read')).toHaveLength(2); // the next batch was read, never sent
  });
});
