import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { makeTempDir } from '../../support/temp-dir';
import { addTestCitizen, eidMrz, seedSmallCentre, testSsin } from '../../support/booking/world';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import { localInstant, localDateOf, localTimeOf } from '../../../src/domain/time/local-time';
import { ensureLot } from '../../../src/main/station/vials/lots';
import type { DoseRecordPayload, AppointmentPayload } from '../../../src/domain/records';
import { openTestStation, stationApi, expectCode, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const START = localInstant('2021-03-07', '10:00');
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const temp = makeTempDir('dosedesk-booking-');
const clock = new ManualClock(START);
let s1: TestStation;
let s2: TestStation;
let lots1: Record<string, string>;
let lots2: Record<string, string>;

function outbox(st: TestStation, recordId?: string) {
  const rows = st.db.prepare('SELECT kind, record_id, payload FROM outbox ORDER BY seq').all() as { kind: string; record_id: string; payload: string }[];
  return rows.filter((r) => !recordId || r.record_id === recordId).map((r) => ({ kind: r.kind, recordId: r.record_id, payload: JSON.parse(r.payload) as DoseRecordPayload | AppointmentPayload }));
}

beforeAll(() => {
  s1 = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  s2 = openTestStation({ dir: temp.dir, stationId: 'station-2', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  const seed = { from: '2021-03-07', days: 100, stations: ['station-1', 'station-2'], capacity: 4 };
  lots1 = seedSmallCentre(s1.db, clock, seed).lots;
  lots2 = seedSmallCentre(s2.db, clock, seed).lots;
});
afterAll(() => {
  s1.close();
  s2.close();
  temp.cleanup();
});

describe('administer and book dose 2 on the station', () => {
  const zoe = testSsin(1);
  let doseId = '';
  let cardToken = '';

  it('records dose 1 with its outbox row, books dose 2 at the target day across the clock change, and queues the card', async () => {
    const api = stationApi(s1, 'vaccinator');
    const r = await api.call('booking.administer', {
      ssin: zoe,
      person: { familyName: 'Müller-Weiß', givenNames: 'Zoë Françoise', birthDate: null, sex: 'F', language: 'de' },
      lotId: lots1.comirnaty!,
      vaccinator,
    });
    doseId = r.dose.id;
    expect(r.alreadyRecorded).toBe(false);
    expect(r.dose).toMatchObject({ doseNumber: 1, dosesInCourse: 2, productCode: 'comirnaty', lot: 'LOTCOM', origin: 'station', status: 'completed', version: 1, localDate: '2021-03-07' });
    expect(r.next.kind).toBe('booked');
    if (r.next.kind !== 'booked') return;
    // Sessions run 09:00-10:00 in 30-minute slots: the one nearest 10:00 on 28 March (CEST) is 09:30.
    expect(localDateOf(r.next.appointment.start)).toBe('2021-03-28');
    expect(localTimeOf(r.next.appointment.start)).toBe('09:30');
    expect(r.next.appointment.start).toBe('2021-03-28T07:30:00.000Z');
    expect(r.next.window.targetDate).toBe('2021-03-28');
    expect(r.next.card!.token).toMatch(/^DD2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(r.next.card!.shortCode).toBe(r.next.appointment.shortCode);
    cardToken = r.next.card!.token;

    const rows = outbox(s1);
    expect(rows.map((x) => x.kind)).toEqual(['dose', 'appointment']);
    const dose = rows[0]!.payload as DoseRecordPayload;
    expect(dose).toMatchObject({ type: 'dose', id: doseId, stationId: 'station-1', centreId: 'test-centre', doseNumber: 1, productCode: 'comirnaty', lot: 'LOTCOM', status: 'completed', correction: null, version: 1 });
    expect(dose.person).toEqual({ ssin: zoe, familyName: 'Müller-Weiß', givenNames: 'Zoë Françoise', birthDate: null, sex: 'F' });
    const appt = rows[1]!.payload as AppointmentPayload;
    expect(appt).toMatchObject({ type: 'appointment', id: r.next.appointment.id, doseNumber: 2, status: 'booked', version: 1, start: '2021-03-28T07:30:00.000Z' });

    expect(r.printJobId).not.toBeNull();
    const job = s1.db.prepare('SELECT card, is_copy, record_id FROM print_job WHERE id = ?').get(r.printJobId) as { card: string; is_copy: number; record_id: string };
    expect(job.record_id).toBe(doseId);
    const card = JSON.parse(job.card) as { qrPayload: string; citizen: { fullName: string; language: string }; next: { kind: string } };
    expect(card.qrPayload).toBe(cardToken);
    expect(card.citizen).toMatchObject({ fullName: 'Zoë Françoise Müller-Weiß', language: 'de' });
    expect(card.next.kind).toBe('booked');
  });

  it('returns the same dose when the person is scanned again the same day, and records nothing new', async () => {
    clock.advance(5 * 60_000);
    const r = await stationApi(s1, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots1.spikevax!, vaccinator: { nihdi: '10000000002', name: 'Other' } });
    expect(r.alreadyRecorded).toBe(true);
    expect(r.dose.id).toBe(doseId);
    expect(r.printJobId).toBeNull();
    expect(r.next.kind === 'booked' && r.next.card!.token).toBe(cardToken);
    expect(outbox(s1)).toHaveLength(2);
    expect((s1.db.prepare('SELECT COUNT(*) AS n FROM dose_records').get() as { n: number }).n).toBe(1);
  });

  it('refuses dose 2 before the minimum interval and with another product', async () => {
    clock.set(localInstant('2021-03-20', '10:00'));
    await expectCode(stationApi(s1, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots1.comirnaty!, vaccinator }), 'booking.too_early');
    clock.set(localInstant('2021-03-28', '09:35'));
    await expectCode(stationApi(s1, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots1.spikevax!, vaccinator }), 'booking.product_mismatch');
    await expectCode(stationApi(s1, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots1.comirnaty!, vaccinator, expectedDoseNumber: 1 }), 'booking.dose_number_mismatch');
  });

  it('verifies the card at a station that never saw dose 1, refuses an altered one', async () => {
    const api = stationApi(s2, 'vaccinator');
    const verified = await api.call('checkin.verifyCard', { text: cardToken });
    expect(verified).toMatchObject({ knownDose: false, knownAppointmentStatus: null, person: { ssin: zoe, familyName: 'Müller-Weiß' } });
    expect(verified.previousDose).toMatchObject({ id: doseId, doseNumber: 1, productCode: 'comirnaty', lot: 'LOTCOM' });
    // One character of the sealed part changed: the card no longer opens.
    const [prefix, centre, sealed] = cardToken.split('.');
    const i = 10;
    const altered = `${prefix}.${centre}.${sealed!.slice(0, i)}${sealed![i] === 'A' ? 'B' : 'A'}${sealed!.slice(i + 1)}`;
    await expectCode(api.call('checkin.verifyCard', { text: altered }), 'booking.card_forged');
    await expectCode(api.call('checkin.scan', { text: altered, source: 'scanner' }), 'booking.card_forged');
    await expectCode(api.call('checkin.verifyCard', { text: 'DD1.nonsense' }), 'booking.card_malformed');
    const scanned = await api.call('checkin.scan', { text: cardToken, source: 'scanner' });
    expect(scanned.kind).toBe('card');
    expect(scanned.card!.appointment.doseNumber).toBe(2);
    expect(scanned.known).toBe(false);
  });

  it('records dose 2 from the card at the other station: dose 1 imported without an outbox row, course closed', async () => {
    const r = await stationApi(s2, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots2.comirnaty!, vaccinator, cardToken });
    expect(r.importedFromCard).toMatchObject({ id: doseId, origin: 'card', doseNumber: 1 });
    expect(r.dose).toMatchObject({ doseNumber: 2, origin: 'station', stationId: 'station-2' });
    expect(r.courseComplete).toBe(true);
    expect(r.next.kind).toBe('none');
    expect(r.fulfilledAppointmentId).not.toBeNull();
    const rows = outbox(s2);
    expect(rows.map((x) => x.kind)).toEqual(['dose', 'appointment-update']);
    expect(rows.some((x) => x.recordId === doseId)).toBe(false);
    expect((rows[1]!.payload as AppointmentPayload)).toMatchObject({ status: 'fulfilled', version: 2 });
    const status = await stationApi(s2, 'vaccinator').call('checkin.lookup', { ssin: zoe });
    expect(status.courseComplete).toBe(true);
    expect(status.doses.map((d) => d.doseNumber)).toEqual([1, 2]);
    expect(status.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['course_complete', 'dose_today']));
    // The card's short code finds the person at a station that knows the booking, and only there.
    const short = (await stationApi(s1, 'vaccinator').call('checkin.verifyCard', { text: cardToken })).appointment.shortCode;
    const byCode = await stationApi(s1, 'vaccinator').call('checkin.scan', { text: short.toLowerCase(), source: 'typed' });
    expect(byCode).toMatchObject({ kind: 'short_code', person: { ssin: zoe } });
    expect(byCode.appointment?.shortCode).toBe(short);
    const elsewhere = await stationApi(s2, 'vaccinator').call('checkin.scan', { text: 'ZZZZ-ZZZZ', source: 'typed' });
    expect(elsewhere.warnings.map((w) => w.code)).toEqual(['short_code_unknown']);
    await expectCode(stationApi(s2, 'vaccinator').call('booking.administer', { ssin: zoe, lotId: lots2.comirnaty!, vaccinator, administeredAt: localInstant('2021-03-27', '09:00') }), 'booking.course_complete');
  });
});

describe('one-dose products, lots and vials', () => {
  it('books nothing after Janssen', async () => {
    clock.set(localInstant('2021-03-08', '11:00'));
    const ssin = testSsin(2);
    addTestCitizen(s1.db, ssin, clock.now());
    const r = await stationApi(s1, 'vaccinator').call('booking.administer', { ssin, lotId: lots1.janssen!, vaccinator });
    expect(r.next).toEqual({ kind: 'none' });
    expect(r.courseComplete).toBe(true);
    expect(outbox(s1, r.dose.id)).toHaveLength(1);
    expect(s1.db.prepare('SELECT COUNT(*) AS n FROM appointments WHERE ssin = ?').get(ssin)).toEqual({ n: 0 });
  });

  it('reads a vial DataMatrix, refuses an unknown product or an expired lot, types a lot by hand', async () => {
    clock.set(localInstant('2021-03-08', '11:00'));
    const api = stationApi(s1, 'vaccinator');
    const lot = await api.call('vials.scan', { text: ']d2010541386812011017210630' + '10FE1234' });
    expect(lot).toMatchObject({ productCode: 'comirnaty', gtin: '05413868120110', lot: 'FE1234', expiry: '2021-06-30', dosesPerVial: 6 });
    const again = await api.call('vials.scan', { text: ']d2010541386812011017210630' + '10FE1234' });
    expect(again.lotId).toBe(lot.lotId);
    await expectCode(api.call('vials.scan', { text: ']d2010541386812011017210301' + '10FE1234' }), 'vials.lot_expired');
    await expectCode(api.call('vials.scan', { text: ']d2010000000000000017210630' + '10XX1' }), 'vials.unknown_gtin');
    await expectCode(api.call('vials.scan', { text: testSsin(3) }), 'vials.not_a_vial');
    const typed = await api.call('vials.registerLot', { productCode: 'spikevax', lot: '3002183', expiry: '2021-04-30' });
    expect(typed).toMatchObject({ productCode: 'spikevax', gtin: null, lot: '3002183' });
    await expectCode(api.call('vials.registerLot', { productCode: 'spikevax', lot: 'X1', expiry: '2021-03-07' }), 'vials.lot_expired');
  });

  it('refuses a lot that expired before the day of injection', async () => {
    clock.set(localInstant('2021-03-09', '09:00'));
    const old = s1.db.transaction(() => ensureLot(s1.db, { productCode: 'comirnaty', gtin: null, lot: 'OLD1', expiry: '2021-03-08' }, 'typed', clock.now())).immediate();
    const ssin = testSsin(4);
    addTestCitizen(s1.db, ssin, clock.now());
    await expectCode(stationApi(s1, 'vaccinator').call('booking.administer', { ssin, lotId: old.id, vaccinator }), 'vials.lot_expired');
    expect(outbox(s1).filter((r) => (r.payload as DoseRecordPayload).person?.ssin === ssin)).toHaveLength(0);
  });

  it('draws doses from an open vial until it is empty or its hours after puncture are over', async () => {
    clock.set(localInstant('2021-03-10', '09:00'));
    const api = stationApi(s1, 'vaccinator');
    const vial = await api.call('vials.open', { lotId: lots1.comirnaty!, openedBy: 'An' });
    expect(vial).toMatchObject({ dosesTotal: 6, dosesLeft: 6, status: 'open', usableUntil: '2021-03-10T14:00:00.000Z' });
    for (let i = 0; i < 6; i++) {
      const ssin = testSsin(100 + i);
      addTestCitizen(s1.db, ssin, clock.now());
      await api.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vialId: vial.id, vaccinator, print: false });
    }
    const ssin = testSsin(110);
    addTestCitizen(s1.db, ssin, clock.now());
    await expectCode(api.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vialId: vial.id, vaccinator }), 'vials.closed');
    const second = await api.call('vials.open', { lotId: lots1.comirnaty!, openedBy: 'An', doses: 7 });
    expect(second.dosesTotal).toBe(7);
    clock.set(localInstant('2021-03-10', '15:00'));
    await expectCode(api.call('booking.administer', { ssin, lotId: lots1.comirnaty!, vialId: second.id, vaccinator }), 'vials.expired');
    const open = await api.call('vials.list', {});
    expect(open.map((v) => [v.id, v.expired, v.dosesLeft])).toEqual([[second.id, true, 7]]);
    const closed = await api.call('vials.close', { vialId: second.id, reason: 'expired_after_puncture' });
    expect(closed.status).toBe('discarded');
  });
});

describe('capacity: a station books only its own units, then tells the citizen how they will hear', () => {
  it('spreads over later slots when its share is used up, then records "to be booked" with a message in the citizen language', async () => {
    // Vaxzevria 84 days from 2021-03-07 with a window of 28..84 days: our calendar ends at day 99,
    // so the window is inside it. Each slot has 4 units, 2 owned by station-1; 2 slots a day.
    clock.set(localInstant('2021-03-07', '12:00'));
    const api = stationApi(s2, 'vaccinator');
    const starts = new Map<string, number>();
    let toBeBooked: { message: string; reason: string } | null = null;
    let booked = 0;
    for (let i = 0; i < 300 && !toBeBooked; i++) {
      const ssin = testSsin(200 + i);
      addTestCitizen(s2.db, ssin, clock.now(), 'fr');
      const r = await api.call('booking.administer', { ssin, lotId: lots2.vaxzevria!, vaccinator, print: false });
      if (r.next.kind === 'booked') {
        booked++;
        starts.set(r.next.appointment.slotId, (starts.get(r.next.appointment.slotId) ?? 0) + 1);
      } else if (r.next.kind === 'to_be_booked') toBeBooked = { message: r.next.message, reason: r.next.reason };
    }
    // 2 units per slot for station-2, never more, and the target day is used first.
    expect(Math.max(...starts.values())).toBe(2);
    // Days 28..84 inclusive = 57 days x 2 slots x 2 units.
    expect(booked).toBe(57 * 2 * 2);
    expect(toBeBooked).not.toBeNull();
    expect(toBeBooked!.reason).toBe('no_capacity');
    // No message gateway on this station: the centre will make contact, no SMS is promised.
    expect(toBeBooked!.message).toMatch(/vous contactera/);
    expect(toBeBooked!.message).not.toMatch(/SMS/);
    expect(toBeBooked!.message).toContain('2021-05-30');
    const waiting = await api.call('booking.toBeBooked', {});
    expect(waiting).toHaveLength(1);
    // station-1's units of those slots are still free on station-1.
    const shares = await stationApi(s1, 'supervisor').call('capacity.shares', { date: '2021-05-30' });
    const vax = shares.find((s) => s.productCode === 'vaxzevria')!;
    expect(vax.stations.find((s) => s.stationId === 'station-1')).toMatchObject({ units: 4, booked: 0, free: 4 });
  });
});

describe('rebook, cancel, correct and void: nothing deleted', () => {
  const ssin = testSsin(500);
  let doseId = '';
  let appointmentId = '';

  it('rebooks to a chosen slot and cancels, each change a new version in the outbox', async () => {
    clock.set(localInstant('2021-03-11', '09:10'));
    const api = stationApi(s1, 'vaccinator');
    addTestCitizen(s1.db, ssin, clock.now(), 'nl');
    const r = await api.call('booking.administer', { ssin, lotId: lots1.spikevax!, vaccinator, preference: { partsOfDay: ['morning'] } });
    doseId = r.dose.id;
    expect(r.next.kind).toBe('booked');
    if (r.next.kind !== 'booked') return;
    expect(r.next.appointment.localDate).toBe('2021-04-08');
    const proposals = await api.call('booking.proposeSlots', { ssin, preference: { notBefore: '2021-04-12' }, limit: 3 });
    expect(proposals.slots).toHaveLength(3);
    expect(proposals.slots[0]!.localDate).toBe('2021-04-12');
    const moved = await api.call('booking.rebook', { appointmentId: r.next.appointment.id, slotId: proposals.slots[1]!.slotId, reason: 'citizen on holiday' });
    expect(moved.cancelled.status).toBe('cancelled');
    expect(moved.next.kind === 'booked' && moved.next.appointment.slotId).toBe(proposals.slots[1]!.slotId);
    if (moved.next.kind !== 'booked') return;
    appointmentId = moved.next.appointment.id;
    await expectCode(api.call('booking.book', { ssin }), 'booking.already_booked');
    await expectCode(api.call('booking.rebook', { appointmentId: r.next.appointment.id, reason: 'again please' }), 'booking.appointment_not_open');
    const cancelled = await api.call('booking.cancel', { appointmentId, reason: 'moved abroad' });
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2 });
    const again = await api.call('booking.book', { ssin });
    expect(again.kind).toBe('booked');
    const kinds = outbox(s1).filter((x) => (x.payload as AppointmentPayload).person?.ssin === ssin).map((x) => `${x.kind}:${(x.payload as { status: string }).status}:${(x.payload as { version: number }).version}`);
    expect(kinds).toEqual(['dose:completed:1', 'appointment:booked:1', 'appointment-update:cancelled:2', 'appointment:booked:1', 'appointment-update:cancelled:2', 'appointment:booked:1']);
    expect((s1.db.prepare('SELECT COUNT(*) AS n FROM appointments WHERE ssin = ?').get(ssin) as { n: number }).n).toBe(3);
  });

  it('lets the vaccinator who recorded a dose or a supervisor correct it, with a reason', async () => {
    const api = stationApi(s1, 'vaccinator');
    const other = { nihdi: '10000000009', name: 'Someone Else', role: 'vaccinator' as const };
    await expectCode(api.call('booking.correctDose', { doseId, lotId: lots1.spikevax!, reason: 'wrong lot scanned', by: other }), 'booking.correction_not_allowed');
    const lot = await api.call('vials.registerLot', { productCode: 'spikevax', lot: 'SPK999', expiry: '2021-12-31' });
    const corrected = await api.call('booking.correctDose', { doseId, lotId: lot.lotId, reason: 'wrong lot scanned', by: { ...vaccinator, role: 'vaccinator' } });
    expect(corrected).toMatchObject({ lot: 'SPK999', version: 2 });
    await expectCode(api.call('booking.correctDose', { doseId, lotId: lots1.comirnaty!, reason: 'product change', by: { ...other, role: 'supervisor' } }), 'booking.correction_product');
    const rows = outbox(s1, doseId);
    expect(rows.map((r) => r.kind)).toEqual(['dose', 'dose-correction']);
    expect(rows[1]!.payload).toMatchObject({ version: 2, lot: 'SPK999', correction: { reason: 'wrong lot scanned', by: 'An Peeters (10000000001)' } });
  });

  it('voids a dose: entered-in-error, its next appointment cancelled, the history kept', async () => {
    const api = stationApi(s1, 'vaccinator');
    const r = await api.call('booking.voidDose', { doseId, reason: 'recorded on the wrong person', by: { nihdi: '1', name: 'Supervisor', role: 'supervisor' } });
    expect(r.dose).toMatchObject({ status: 'entered-in-error', version: 3 });
    expect(r.cancelledAppointments).toHaveLength(1);
    const rows = outbox(s1, doseId);
    expect(rows.map((x) => (x.payload as DoseRecordPayload).version)).toEqual([1, 2, 3]);
    expect(rows[2]!.payload).toMatchObject({ status: 'entered-in-error', correction: { reason: 'recorded on the wrong person' } });
    expect(s1.db.prepare('SELECT action, version FROM dose_corrections WHERE dose_id = ? ORDER BY version').all(doseId)).toEqual([
      { action: 'correct', version: 2 },
      { action: 'void', version: 3 },
    ]);
    await expectCode(api.call('booking.voidDose', { doseId, reason: 'twice', by: { nihdi: '1', name: 'S', role: 'supervisor' } }), 'booking.dose_voided');
    // The person may now be vaccinated again as dose 1.
    const status = await api.call('checkin.lookup', { ssin });
    expect(status.nextDoseNumber).toBe(1);
  });
});

describe('check-in and the supervisor day', () => {
  it('finds a person by typed number and by invitation, with what the station knows', async () => {
    const api = stationApi(s1, 'vaccinator');
    const known = await api.call('checkin.lookup', { ssin: testSsin(2) });
    expect(known).toMatchObject({ known: true, courseComplete: true, nextDoseNumber: null });
    const unknown = await api.call('checkin.scan', { text: testSsin(999), source: 'typed' });
    expect(unknown.known).toBe(false);
    expect(unknown.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['unknown_person', 'not_eligible']));
    await expectCode(api.call('checkin.scan', { text: '12345678901', source: 'typed' }), 'identity.ssin.checksum');
    await expectCode(api.call('checkin.scan', { text: ']d2010541386812011017210630' + '10FE1234', source: 'scanner' }), 'checkin.not_a_person');
    const inv = await api.call('checkin.scan', { text: 'NOSUCHINVITATIONCODE0000000000000', source: 'scanner' });
    expect(inv.warnings.map((w) => w.code)).toEqual(['invitation_unknown']);
    const chip = await api.call('checkin.scan', {
      text: testSsin(998),
      source: 'chip',
      chip: { familyName: 'Łukasiewicz', givenNames: 'Jan', birthDate: null, sex: 'M', validityEnd: '2020-01-01' },
    });
    expect(chip.person).toMatchObject({ familyName: 'Łukasiewicz' });
    expect(chip.warnings.map((w) => w.code)).toContain('expired_card');
    // An MRZ whose card expired and whose sex disagrees with the (even, female) national number.
    const ssin = demoSsin('1985-07-30', 4);
    const mrz = await api.call('checkin.scan', { text: eidMrz({ ssin, birth: '850730', sex: 'M', expiry: '200115', names: 'MULLER<WEISS<<ZOE<FRANCOISE' }), source: 'mrz', language: 'de' });
    expect(mrz.kind).toBe('mrz');
    expect(mrz.person).toMatchObject({ ssin, familyName: 'MULLER WEISS', givenNames: 'ZOE FRANCOISE', language: 'de' });
    expect(mrz.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['expired_card', 'number_card_mismatch', 'mrz.sex_mismatch']));
  });

  it('plans the vials per session from the bookings', async () => {
    const plan = await stationApi(s2, 'vaccinator').call('booking.dayPlan', { date: '2021-05-30' });
    const vax = plan.sessions.find((s) => s.productCode === 'vaxzevria')!;
    expect(vax).toMatchObject({ bookings: 4, dosesPerVial: 10, vialsToPrepare: 1, leftoverDoses: 6, capacity: 8 });
    expect(plan.toBeBooked).toBe(1);
    const sb = await stationApi(s2, 'vaccinator').call('standby.add', { displayName: 'Jürgen Schröder', phone: '0470 00 00 00', productCodes: ['vaxzevria'] });
    const list = await stationApi(s2, 'vaccinator').call('standby.list', { status: 'waiting' });
    expect(list.map((x) => x.id)).toContain(sb.id);
    expect((await stationApi(s2, 'vaccinator').call('standby.update', { id: sb.id, status: 'called' })).status).toBe('called');
  });
});
