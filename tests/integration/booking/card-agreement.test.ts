import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localInstant, partOfDayOf } from '../../../src/domain/time/local-time';
import { makeTempDir } from '../../support/temp-dir';
import { addTestCitizen, seedSmallCentre, testSsin } from '../../support/booking/world';
import { cardOfJob, printJobs } from '../../support/booking/print-jobs';
import { openTestStation, stationApi, expectCode, NO_IDLE_LOCK, type TestStation } from '../../support/station';

/**
 * The card is printed only once the person agrees to the proposed time (issue 16): the vaccinator's
 * administer holds it (`holdCard`), booking.printCard prints it as an original, and a time changed
 * before the agreement prints nothing, so no card is ever void for a change the person made at the booth.
 */
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const temp = makeTempDir('dosedesk-card-agreement-');
const clock = new ManualClock(localInstant('2021-03-08', '10:00'));
let st: TestStation;
let lots: Record<string, string>;

const jobs = () => printJobs(st.db);
const cardOf = cardOfJob;

beforeAll(() => {
  st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lots = seedSmallCentre(st.db, clock, { from: '2021-03-08', days: 60, stations: ['station-1'], capacity: 2 }).lots;
});
afterAll(() => {
  st.close();
  temp.cleanup();
});

describe('the appointment card after the person agrees', () => {
  it('holds the card at the dose, prints nothing for a time changed before the agreement, then one original', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(21);
    addTestCitizen(st.db, ssin, clock.now(), 'nl');
    const before = jobs().length;
    const given = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
    if (given.next.kind !== 'booked') throw new Error('dose 2 not booked');
    // Booked, its card made (the screen shows it), but nothing sent to the printer.
    expect(given.printJobId).toBeNull();
    expect(given.next.card).not.toBeNull();
    expect(jobs()).toHaveLength(before);

    // The person cannot come that day: another time, still nothing printed.
    const proposals = await api.call('booking.proposeSlots', { ssin, preference: { notBefore: addDays(given.next.appointment.localDate, 2) }, limit: 1 });
    const moved = await api.call('booking.rebook', { appointmentId: given.next.appointment.id, slotId: proposals.slots[0]!.slotId, reason: 'away that week', print: false });
    if (moved.next.kind !== 'booked') throw new Error('not rebooked');
    expect(moved.printJobId).toBeNull();
    expect(jobs()).toHaveLength(before);

    // The first appointment's card can never be printed now; the agreed one prints as an original.
    await expectCode(api.call('booking.printCard', { appointmentId: given.next.appointment.id }), 'booking.appointment_not_open');
    const printed = await api.call('booking.printCard', { appointmentId: moved.next.appointment.id });
    expect(printed.printJobId).not.toBeNull();
    expect(printed.token).toBe(moved.next.card!.token);
    const job = jobs().find((j) => j.id === printed.printJobId)!;
    expect(job).toMatchObject({ is_copy: 0, record_id: given.dose.id });
    expect(cardOf(job)).toMatchObject({ qrPayload: moved.next.card!.token, shortCode: moved.next.appointment.shortCode, isCopy: false, next: { kind: 'booked' } });

    // A second press prints the same card again (the same QR), and a reprint is marked as a copy.
    const again = await api.call('booking.printCard', { appointmentId: moved.next.appointment.id });
    expect(again.token).toBe(printed.token);
    const copy = await api.call('booking.reprintCard', { appointmentId: moved.next.appointment.id });
    expect(jobs().find((j) => j.id === copy.printJobId)).toMatchObject({ is_copy: 1 });
  });

  it('prints at once what needs no agreement: the slip of a completed course', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(22);
    addTestCitizen(st.db, ssin, clock.now(), 'fr');
    const first = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
    if (first.next.kind !== 'booked') throw new Error('dose 2 not booked');
    clock.set(new Date(Date.parse(first.next.appointment.start) + 60_000));
    try {
      const second = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
      expect(second.next.kind).toBe('none');
      expect(second.printJobId).not.toBeNull();
    } finally {
      clock.set(localInstant('2021-03-08', '10:00'));
    }
  });

  it('is refused without a signed-in member of staff', async () => {
    const ssin = testSsin(23);
    addTestCitizen(st.db, ssin, clock.now(), 'de');
    const given = await stationApi(st, 'vaccinator').call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
    if (given.next.kind !== 'booked') throw new Error('dose 2 not booked');
    const before = jobs().length;
    const anonymous = await st.dispatch('booking.printCard', { appointmentId: given.next.appointment.id }, { language: 'en', transport: 'http' });
    expect(anonymous.ok ? 'printed' : anonymous.error.code).toMatch(/^staff\./);
    expect(jobs()).toHaveLength(before);
  });

  it('says, when a part of the day asked for has nothing free, which parts still have a free place in the window and the first one (mornings only here)', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(31);
    addTestCitizen(st.db, ssin, clock.now(), 'nl');
    const given = await api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, holdCard: true });
    if (given.next.kind !== 'booked') throw new Error('not booked');

    const afternoon = await api.call('booking.proposeSlots', { ssin, preference: { partsOfDay: ['afternoon', 'evening'] }, limit: 5 });
    expect(afternoon.slots).toEqual([]);
    expect(afternoon.gap?.partsWithFreePlaces).toEqual(['morning']);
    expect(afternoon.gap?.firstFree).not.toBeNull();
    expect(partOfDayOf(afternoon.gap!.firstFree!)).toBe('morning');
    expect(afternoon.gap!.firstFree! >= `${afternoon.window.earliestDate}`).toBe(true);

    // A preference that fits gets its slots and no gap; no preference, no gap either.
    const morning = await api.call('booking.proposeSlots', { ssin, preference: { partsOfDay: ['morning'] }, limit: 5 });
    expect(morning.slots.length).toBeGreaterThan(0);
    expect(morning.gap).toBeUndefined();
    expect((await api.call('booking.proposeSlots', { ssin, limit: 5 })).gap).toBeUndefined();
  });
});
