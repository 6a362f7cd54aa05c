import type { Bundle, Immunization } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { stationRecordIdOf } from '../../../src/domain/fhir/resource';
import type { SyncPayload } from '../../../src/domain/fhir/payloads';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { countAtBackend, drainWithClock, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { appointment, dose, enqueue, outboxStates, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

describe('order per person', () => {
  it('never sends a person\'s later record before the earlier ones are synced, through failures and lost answers', async () => {
    h = await startHarness({ faults: { errorRate: 0.25, dropAfterCommitRate: 0.2, seed: 11 } });
    const clock = startClock();
    // Per person: dose 1, the booking of dose 2, then a void of dose 1.
    const people = Array.from({ length: 30 }, (_, i) => person(100 + i));
    const first = people.map((p) => dose(p));
    const bookings = people.map((p) => appointment(p));
    const voids = first.map((d) => ({ ...d, status: 'entered-in-error' as const, version: 2, correction: { reason: 'wrong lot scanned', at: '2026-03-01T10:00:00.000Z', by: '10829059004' } }));
    // Written in pairs of people: A's dose, B's dose, A's booking, B's booking, A's void, B's void.
    const records: SyncPayload[] = [];
    for (let i = 0; i < people.length; i += 2) {
      records.push(first[i]!, first[i + 1]!, bookings[i]!, bookings[i + 1]!, voids[i]!, voids[i + 1]!);
    }
    enqueue(h.db, records, clock.now());

    const violations: string[] = [];
    const bundles: Bundle[] = [];
    const original = h.client.transaction.bind(h.client);
    h.client.transaction = async (bundle) => {
      bundles.push(bundle);
      const persons = new Set<string>();
      for (const entry of bundle.entry ?? []) {
        const recordId = stationRecordIdOf(entry.resource!)!;
        const row = h!.db.prepare(`SELECT seq, person_key FROM outbox WHERE record_id = ? AND state = 'sending'`).get(recordId) as { seq: number; person_key: string };
        if (persons.has(row.person_key)) violations.push(`two records of ${row.person_key} in one bundle`);
        persons.add(row.person_key);
        const earlier = h!.db
          .prepare(`SELECT COUNT(*) AS n FROM outbox WHERE person_key = ? AND seq < ? AND state <> 'synced'`)
          .get(row.person_key, row.seq) as { n: number };
        if (earlier.n > 0) violations.push(`record ${row.seq} of ${row.person_key} sent before an earlier one`);
      }
      return original(bundle);
    };

    const worker = makeWorker(h, clock, { batchSize: 12 });
    await drainWithClock(worker, clock, h.db, 30_000, 5_000);
    expect(violations).toEqual([]);
    // Batches did mix persons.
    expect(Math.max(...bundles.map((b) => b.entry?.length ?? 0))).toBeGreaterThan(5);
    expect(outboxStates(h.db)).toEqual({ synced: 90 });
    h.sim.setFaults({});
    expect(await countAtBackend(h, 'Immunization')).toBe(30);
    expect(await countAtBackend(h, 'Appointment')).toBe(30);
    const voided = await h.client.count('Immunization', { identifier: `${STATION_RECORD_SYSTEM}|`, status: 'entered-in-error' });
    expect(voided).toBe(30);
    const sample = await h.client.search<Immunization>('Immunization', { identifier: `${STATION_RECORD_SYSTEM}|${first[0]!.id}` });
    expect(sample[0]!.status).toBe('entered-in-error');
    expect(h.sim.stats().duplicates).toBe(0);
  });
});
