import type { Bundle, Immunization } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { openReviews, recordResolution } from '../../../src/main/station/sync/review-store';
import { closeDismissed, reopen } from '../../../src/main/station/sync/outbox-store';
import { doseToImmunization } from '../../../src/domain/fhir/immunization';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { createFederalClient } from '../../../src/main/adapters/federal/client';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { countAtBackend, drainWithClock, fastOptions, makeWorker, startClock, startHarness, type SyncHarness } from '../../support/federal/harness';
import { appointment, dose, enqueue, outboxStates, person } from '../../support/federal/records';

let h: SyncHarness | null = null;
afterEach(async () => {
  await h?.cleanup();
  h = null;
});

const row = (h: SyncHarness, recordId: string) =>
  h.db.prepare('SELECT state, attempts, last_error FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1').get(recordId) as {
    state: string;
    attempts: number;
    last_error: string | null;
  };

async function remoteDose(h: SyncHarness, recordId: string): Promise<Immunization[]> {
  return h.client.search<Immunization>('Immunization', { identifier: `${STATION_RECORD_SYSTEM}|${recordId}` });
}

async function put(h: SyncHarness, resource: Immunization): Promise<number> {
  const res = await fetch(`${h.sim.url}/Immunization/${resource.id}`, { method: 'PUT', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) });
  return res.status;
}

describe('records the backend refuses or disputes', () => {
  it('puts a refused record in review with the reason, sends the rest of its batch, and never retries it alone', async () => {
    h = await startHarness();
    const clock = startClock();
    const bad = dose(person(1), { lot: '' }); // the backend refuses a completed dose without a lot
    const laterOfSamePerson = appointment(person(1));
    const good = [2, 3, 4, 5].map((i) => dose(person(i)));
    enqueue(h.db, [bad, ...good, laterOfSamePerson], clock.now());
    const worker = makeWorker(h, clock);
    for (let i = 0; i < 5; i++) {
      await worker.tick();
      clock.advance(60_000);
    }
    expect(row(h, bad.id).state).toBe('needs_review');
    expect(row(h, bad.id).last_error).toMatch(/HTTP 422.*lot/i);
    for (const g of good) expect(row(h, g.id).state).toBe('synced');
    // The person's later record waits behind the refused one.
    expect(row(h, laterOfSamePerson.id).state).toBe('waiting');
    const reviews = openReviews(h.db);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ kind: 'refused', recordId: bad.id, personKey: person(1).ssin, recordType: 'dose' });

    // An hour of ticks: the refused record is not sent again (only the hourly pull goes out).
    const transactions = () => h!.sim.stats().transactions.committed + h!.sim.stats().transactions.rejected;
    const transactionsBefore = transactions();
    const attemptsBefore = row(h, bad.id).attempts;
    for (let i = 0; i < 60; i++) {
      await worker.tick();
      clock.advance(60_000);
    }
    expect(row(h, bad.id).attempts).toBe(attemptsBefore);
    expect(transactions()).toBe(transactionsBefore);
    expect(h.sim.stats().transactions.rejected).toBe(1);

    // Dismissing it (with a reason) lets the person's later record go.
    h.db.transaction(() => {
      recordResolution(h!.db, reviews[0]!.id, 'dismiss', 'dose recorded again on paper', clock.now());
      const seq = (h!.db.prepare('SELECT seq FROM outbox WHERE record_id = ?').get(bad.id) as { seq: number }).seq;
      closeDismissed(h!.db, seq, clock.now(), 'dose recorded again on paper');
    })();
    await drainWithClock(worker, clock, h.db);
    expect(row(h, laterOfSamePerson.id).state).toBe('synced');
    expect(row(h, bad.id)).toMatchObject({ state: 'synced', last_error: 'dismissed: dose recorded again on paper' });
    expect(openReviews(h.db)).toHaveLength(0);
    expect(await countAtBackend(h, 'Immunization')).toBe(4);
  });

  it('does not create a dose the backend already holds from elsewhere, until a person says it is another dose', async () => {
    h = await startHarness();
    const clock = startClock();
    const p = person(7);
    const ours = dose(p);
    const elsewhere = doseToImmunization(dose(p, { administeredAt: '2026-03-01T07:30:00.000Z', centreId: 'gp-practice' }));
    elsewhere.identifier = [{ system: 'https://www.ehealth.fgov.be/vaccinnet', value: 'VN-123' }];
    const created = await fetch(`${h.sim.url}/Immunization`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(elsewhere) });
    expect(created.status).toBe(201);

    enqueue(h.db, [ours], clock.now());
    const worker = makeWorker(h, clock);
    await worker.tick();
    expect(row(h, ours.id).state).toBe('needs_review');
    const [review] = openReviews(h.db);
    expect(review).toMatchObject({ kind: 'duplicate_elsewhere', recordId: ours.id });
    expect(h.sim.stats().resources.Immunization).toBe(1);

    // "Send again" overrules the check: the dose is created, once.
    h.db.transaction(() => {
      recordResolution(h!.db, review!.id, 'retry', 'second dose the same day, confirmed by the doctor', clock.now());
      const seq = (h!.db.prepare('SELECT seq FROM outbox WHERE record_id = ?').get(ours.id) as { seq: number }).seq;
      reopen(h!.db, seq, clock.now());
    })();
    await drainWithClock(worker, clock, h.db);
    expect(row(h, ours.id).state).toBe('synced');
    expect(h.sim.stats().resources.Immunization).toBe(2);
    expect(h.sim.stats().duplicates).toBe(0);
  });

  it('applies a void as a conditional update of the same resource, once, even when the answer is lost', async () => {
    h = await startHarness();
    const clock = startClock();
    const first = dose(person(9));
    enqueue(h.db, [first], clock.now());
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db);

    const voided = { ...first, status: 'entered-in-error' as const, version: 2, correction: { reason: 'wrong person', at: '2026-03-01T09:30:00.000Z', by: '10829059004' } };
    enqueue(h.db, [voided], clock.now());
    h.sim.setFaults({ dropAfterCommitRate: 1 });
    await worker.tick(); // committed, answer lost
    expect(row(h, first.id).state).toBe('waiting');
    h.sim.setFaults({});
    await drainWithClock(worker, clock, h.db, 60_000);
    expect(row(h, first.id).state).toBe('synced');
    const copies = await remoteDose(h, first.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.status).toBe('entered-in-error');
    // One create and one update: the repeat after the lost answer did not write again.
    expect(copies[0]!.meta?.versionId).toBe('2');
  });

  it('never overwrites a dose someone changed at the backend; the change waits for review', async () => {
    h = await startHarness();
    const clock = startClock();
    const first = dose(person(11));
    enqueue(h.db, [first], clock.now());
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db);

    const [copy] = await remoteDose(h, first.id);
    const edited = structuredClone(copy!);
    const product = edited.extension!.find((e) => e.url.endsWith('be-ext-administeredProduct'))!;
    product.extension!.find((e) => e.url === 'lotNumber')!.valueString = 'LOT-FROM-BACKEND';
    expect(await put(h, edited)).toBe(200);

    const corrected = { ...first, lot: 'FF9999', version: 2, correction: { reason: 'lot typo', at: '2026-03-01T10:00:00.000Z', by: '10829059004' } };
    enqueue(h.db, [corrected], clock.now());
    await drainWithClock(worker, clock, h.db).catch(() => undefined);
    expect(row(h, first.id).state).toBe('needs_review');
    expect(openReviews(h.db)[0]).toMatchObject({ kind: 'changed_at_backend', recordId: first.id });
    const [still] = await remoteDose(h, first.id);
    expect(JSON.stringify(still)).toContain('LOT-FROM-BACKEND');

    // A person decides the station is right: sent with If-Match on the version just read.
    const review = openReviews(h.db)[0]!;
    h.db.transaction(() => {
      recordResolution(h!.db, review.id, 'retry', 'checked the vial: FF9999', clock.now());
      const seq = (h!.db.prepare('SELECT seq FROM outbox WHERE record_id = ? ORDER BY seq DESC').get(first.id) as { seq: number }).seq;
      reopen(h!.db, seq, clock.now());
    })();
    await drainWithClock(worker, clock, h.db);
    const [now] = await remoteDose(h, first.id);
    expect(JSON.stringify(now)).toContain('FF9999');
    expect(now!.meta?.versionId).toBe('3');
    expect(outboxStates(h.db)).toEqual({ synced: 2 });
  });

  it('does not blame the records when the URL is wrong: they wait, nothing goes to review', async () => {
    h = await startHarness();
    const clock = startClock();
    const records = [dose(person(31)), dose(person(32))];
    enqueue(h.db, records, clock.now());
    const wrong = createFederalClient({ baseUrl: `${h.sim.rootUrl}/not-fhir`, timeoutMs: 2_000 });
    const worker = new SyncWorker({ db: h.db, clock, client: wrong, centreId: 'heysel' }, fastOptions());
    for (let i = 0; i < 4; i++) {
      await worker.tick();
      clock.advance(10_000);
    }
    expect(outboxStates(h.db)).toEqual({ waiting: 2 });
    expect(openReviews(h.db)).toEqual([]);
    expect(worker.modeInfo().mode).toBe('offline');
    expect(worker.lastError).toMatch(/check the federal URL/);
  });

  it('names the refused entry of a transaction so only that record goes to review', async () => {
    h = await startHarness();
    const clock = startClock();
    const records = [dose(person(21)), dose(person(22), { lot: '' }), dose(person(23))];
    enqueue(h.db, records, clock.now());
    const sent: Bundle[] = [];
    const original = h.client.transaction.bind(h.client);
    h.client.transaction = async (b) => {
      sent.push(b);
      return original(b);
    };
    const worker = makeWorker(h, clock);
    await drainWithClock(worker, clock, h.db).catch(() => undefined);
    expect(sent[0]!.entry).toHaveLength(3);
    expect(sent[1]!.entry).toHaveLength(2); // the two good ones, straight after
    expect(outboxStates(h.db)).toEqual({ synced: 2, needs_review: 1 });
    expect(row(h, records[1]!.id).state).toBe('needs_review');
  });
});
