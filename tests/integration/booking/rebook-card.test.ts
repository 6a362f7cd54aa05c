import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localInstant } from '../../../src/domain/time/local-time';
import { enqueuePrintJob } from '../../../src/main/station/printing/queue';
import { makeTempDir } from '../../support/temp-dir';
import { addTestCitizen, seedSmallCentre, testSsin } from '../../support/booking/world';
import { cardOfJob, printJobs } from '../../support/booking/print-jobs';
import { openTestStation, stationApi, expectCode, NO_IDLE_LOCK, type TestStation } from '../../support/station';

/**
 * A rebooked (or newly booked) appointment is a new appointment: its card is an ORIGINAL, queued in
 * the booking's own transaction. Only booking.reprintCard makes copies.
 */
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const temp = makeTempDir('dosedesk-rebook-card-');
const clock = new ManualClock(localInstant('2021-03-08', '10:00'));
let st: TestStation;
let lots: Record<string, string>;

const jobs = () => printJobs(st.db);
const cardOf = cardOfJob;
const appointmentStatus = (id: string) => (st.db.prepare('SELECT status FROM appointments WHERE id = ?').get(id) as { status: string }).status;

beforeAll(() => {
  st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lots = seedSmallCentre(st.db, clock, { from: '2021-03-08', days: 60, stations: ['station-1'], capacity: 2 }).lots;
});
afterAll(() => {
  st.close();
  temp.cleanup();
});

describe('the card of a rebooked or newly booked appointment', () => {
  it('is queued by booking.rebook as an original for the new appointment; reprintCard then adds a copy', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(11);
    addTestCitizen(st.db, ssin, clock.now(), 'fr');
    const given = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator });
    if (given.next.kind !== 'booked') throw new Error('dose 2 not booked');
    const first = given.next.appointment;
    expect(jobs()).toHaveLength(1);

    const proposals = await api.call('booking.proposeSlots', { ssin, preference: { notBefore: addDays(first.localDate, 2) }, limit: 2 });
    const moved = await api.call('booking.rebook', { appointmentId: first.id, slotId: proposals.slots[0]!.slotId, reason: 'citizen away that week' });
    if (moved.next.kind !== 'booked') throw new Error('not rebooked');
    const second = moved.next.appointment;
    expect(second.id).not.toBe(first.id);
    expect(moved.cancelled).toMatchObject({ id: first.id, status: 'cancelled' });

    // The result carries the new card and its job; the card in `next` is the same one.
    expect(moved.printJobId).not.toBeNull();
    expect(moved.card).toEqual(moved.next.card);
    expect(moved.card!.shortCode).toBe(second.shortCode);
    expect(moved.card!.token).toMatch(/^DD2\./);

    // The queue: the dose's card and one original for the new appointment; nothing marked copy.
    const afterRebook = jobs();
    expect(afterRebook).toHaveLength(2);
    expect(afterRebook.filter((j) => j.is_copy === 1)).toEqual([]);
    const newJob = afterRebook.find((j) => j.id === moved.printJobId)!;
    expect(newJob).toMatchObject({ is_copy: 0, copy_of: null, record_id: given.dose.id, state: 'queued' });
    expect(cardOf(newJob)).toMatchObject({ qrPayload: moved.card!.token, shortCode: second.shortCode, isCopy: false, next: { kind: 'booked', start: second.start } });
    const originals = afterRebook.filter((j) => cardOf(j).shortCode === second.shortCode);
    expect(originals.map((j) => j.id)).toEqual([moved.printJobId]);
    expect(st.db.prepare("SELECT detail FROM print_job_event WHERE job_id = ? AND to_state = 'queued'").get(moved.printJobId)).toEqual({ detail: null });

    // A real reprint of that card: a copy.
    const reprint = await api.call('booking.reprintCard', { appointmentId: second.id });
    expect(reprint.shortCode).toBe(second.shortCode);
    const afterReprint = jobs();
    expect(afterReprint).toHaveLength(3);
    const copy = afterReprint.find((j) => j.id === reprint.printJobId)!;
    expect(copy.is_copy).toBe(1);
    expect(cardOf(copy)).toMatchObject({ shortCode: second.shortCode, isCopy: true });
    expect(afterReprint.filter((j) => j.is_copy === 1).map((j) => j.id)).toEqual([reprint.printJobId]);
  });

  it('is queued by booking.book as an original; print: false gives the card without a job', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(12);
    addTestCitizen(st.db, ssin, clock.now(), 'nl');
    const given = await api.call('booking.administer', { ssin, lotId: lots.spikevax!, vaccinator });
    if (given.next.kind !== 'booked') throw new Error('dose 2 not booked');
    await api.call('booking.cancel', { appointmentId: given.next.appointment.id, reason: 'will call back' });
    const before = jobs().length;

    const booked = await api.call('booking.book', { ssin });
    expect(booked.kind).toBe('booked');
    if (booked.kind !== 'booked') return;
    expect(booked.printJobId).not.toBeNull();
    expect(booked.card!.shortCode).toBe(booked.appointment.shortCode);
    const job = jobs().find((j) => j.id === booked.printJobId)!;
    expect(job.is_copy).toBe(0);
    expect(cardOf(job)).toMatchObject({ qrPayload: booked.card!.token, isCopy: false });
    expect(jobs()).toHaveLength(before + 1);

    // Booked over the phone: no card to hand over, none printed; the token is still given.
    await api.call('booking.cancel', { appointmentId: booked.appointment.id, reason: 'another day please' });
    const quiet = await api.call('booking.book', { ssin, print: false });
    expect(quiet.printJobId).toBeNull();
    expect(quiet.card?.token).toMatch(/^DD2\./);
    expect(jobs()).toHaveLength(before + 1);
  });

  it('books nothing when the card cannot be queued, and queues nothing when nothing can be booked', async () => {
    const ssin = testSsin(13);
    addTestCitizen(st.db, ssin, clock.now(), 'de');
    const given = await stationApi(st, 'vaccinator').call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator });
    if (given.next.kind !== 'booked') throw new Error('dose 2 not booked');
    const appointmentId = given.next.appointment.id;
    const count = () => (st.db.prepare('SELECT COUNT(*) AS n FROM appointments WHERE ssin = ?').get(ssin) as { n: number }).n;
    const outbox = () => (st.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

    // The print queue fails inside the transaction: the old appointment stays, no new one, no outbox row.
    const broken = stationApi(st, 'vaccinator', {
      booking: {
        enqueuePrintJob: () => {
          throw new Error('disk full');
        },
      },
    });
    const outboxBefore = outbox();
    await expectCode(broken.call('booking.rebook', { appointmentId, reason: 'citizen away that week' }), 'internal');
    expect(appointmentStatus(appointmentId)).toBe('booked');
    expect(count()).toBe(1);
    expect(outbox()).toBe(outboxBefore);

    // A slot that is not this station's to book: refused, the old appointment kept, no card queued.
    const jobsBefore = jobs().length;
    await expectCode(stationApi(st, 'vaccinator').call('booking.rebook', { appointmentId, slotId: 'no-such-slot', reason: 'citizen away that week' }), 'booking.slot_unavailable');
    expect(appointmentStatus(appointmentId)).toBe('booked');
    expect(jobs()).toHaveLength(jobsBefore);

    // With the real queue it works, and the queue it used is printing's own.
    const moved = await stationApi(st, 'vaccinator', { booking: { enqueuePrintJob } }).call('booking.rebook', { appointmentId, reason: 'citizen away that week' });
    expect(moved.printJobId).not.toBeNull();
    expect(jobs()).toHaveLength(jobsBefore + 1);
  });
});
