import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { makeTempDir } from '../../support/temp-dir';
import { expectCode, NO_IDLE_LOCK, openTestStation, stationApi, type TestStation } from '../../support/station';

/**
 * The vaccinator's visit is kept by the station (issue 16): each call that writes a record of the
 * visit moves it in the same transaction, and visit.current gives what the screen needs to resume.
 */
const START = '2026-03-03T09:30:00+01:00'; // a Tuesday with Comirnaty sessions in the demo calendar
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const PEETERS = '90110202242'; // demo citizen invited for Comirnaty, no dose yet
const VAXZEVRIA_INVITED = '58041903361'; // demo citizen invited for Vaxzevria

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function world() {
  const temp = makeTempDir('dosedesk-visit-');
  const clock = new ManualClock(START);
  const open = (stationId: string): TestStation<ManualClock> => {
    const s = openTestStation({ dir: temp.dir, stationId, clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
    cleanups.push(() => s.close());
    seedDemoCentre(s.ctx.db, clock, stationId, { days: 40 });
    return s;
  };
  cleanups.push(() => temp.cleanup());
  const s = open('station-1');
  return { clock, s, open, vaccinator: stationApi(s, 'vaccinator'), supervisor: stationApi(s, 'supervisor') };
}

const visitRow = (s: TestStation<ManualClock>, id: string) => s.ctx.db.prepare('SELECT * FROM visits WHERE id = ?').get(id) as Record<string, unknown>;

/** Every question of the person's screening answered "no", consent by the person. */
async function screenedNo(api: ReturnType<typeof stationApi>, ssin: string, visitId: string, decision: 'postpone' | null = null) {
  const asked = await api.call('screening.questionsFor', { ssin });
  return api.call('screening.record', { ssin, visitId, answers: asked.questions.map((q) => ({ questionId: q.id, answer: false })), consent: { by: 'person' }, ...(decision ? { decision } : {}) });
}

describe('the visit kept by the station', () => {
  it('moves to the vial with the screening that let the person go on, and ends not vaccinated with one that did not', async () => {
    const { s, vaccinator } = world();
    const begun = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'fr', mayVaccinate: true });
    expect(begun.step).toBe('screening');
    const screened = await screenedNo(vaccinator, PEETERS, begun.id);
    expect(screened.notGiven).toBeNull();
    expect(await vaccinator.call('visit.current', {})).toMatchObject({ id: begun.id, step: 'vial', screeningId: screened.id });
    expect(visitRow(s, begun.id)).toMatchObject({ step: 'vial', screening_id: screened.id });
    await vaccinator.call('visit.close', { visitId: begun.id });

    const again = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'fr', mayVaccinate: true });
    const postponed = await screenedNo(vaccinator, PEETERS, again.id, 'postpone');
    expect(postponed.notGiven).not.toBeNull();
    expect(visitRow(s, again.id)).toMatchObject({ step: 'not_given', screening_id: postponed.id, not_given_id: postponed.notGiven!.id });
  });

  it('follows each step in the call that writes it, and visit.current gives what is needed to resume', async () => {
    const { s, clock, vaccinator } = world();
    expect(await vaccinator.call('visit.current', {})).toBeNull();
    const begun = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'nl', mayVaccinate: true });
    expect(begun).toMatchObject({ step: 'screening', language: 'nl', ssin: PEETERS, person: { ssin: PEETERS }, vaccine: null, dose: null, card: null, closedAt: null });

    clock.advance(60_000);
    const used = await vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: begun.id });
    const atConfirm = await vaccinator.call('visit.current', {});
    expect(atConfirm).toMatchObject({ id: begun.id, step: 'confirm', vaccine: { lot: { lotId: used.lot.lotId, productCode: 'comirnaty' }, vial: { id: used.vial.id } } });

    // "Another vial" goes back to the vial step, then the vial again.
    expect(await vaccinator.call('visit.dropVial', { visitId: begun.id })).toMatchObject({ step: 'vial', vaccine: null });
    await vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: begun.id });

    const given = await vaccinator.call('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, holdCard: true, visitId: begun.id });
    expect(given.next.kind).toBe('booked');
    const appointmentId = given.next.kind === 'booked' ? given.next.appointment.id : '';
    const done = await vaccinator.call('visit.current', {});
    expect(done).toMatchObject({ step: 'done', dose: { dose: { id: given.dose.id }, next: { kind: 'booked', appointment: { id: appointmentId } }, undoSeconds: 60 }, card: { appointmentId, held: true, printJobId: null } });
    expect(done!.observationId).toEqual(expect.any(String));

    clock.advance(20_000);
    expect((await vaccinator.call('visit.current', {}))!.dose!.undoSeconds).toBe(40);
    const printed = await vaccinator.call('booking.printCard', { appointmentId, visitId: begun.id });
    expect((await vaccinator.call('visit.current', {}))!.card).toEqual({ appointmentId, held: false, printJobId: printed.printJobId });
    expect(visitRow(s, begun.id)).toMatchObject({ step: 'done', card_held: 0, dose_id: given.dose.id, staff_name: expect.any(String) });

    const closed = await vaccinator.call('visit.close', { visitId: begun.id });
    expect(closed.closedAt).toBe(clock.now().toISOString());
    expect(await vaccinator.call('visit.current', {})).toBeNull();
    await expectCode(vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: begun.id }), 'visit.closed');
  });

  it('a refused vial or dose leaves the visit at its step, and writes nothing', async () => {
    const { s, vaccinator } = world();
    const v = await vaccinator.call('visit.begin', { ssin: VAXZEVRIA_INVITED, language: 'fr', mayVaccinate: true });
    await expectCode(vaccinator.call('vials.use', { text: COMIRNATY, ssin: VAXZEVRIA_INVITED, visitId: v.id }), 'vials.not_invited');
    expect(visitRow(s, v.id)).toMatchObject({ step: 'screening', lot_id: null, vial_id: null });
    const lot = (s.ctx.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty' LIMIT 1`).get() as { id: string }).id;
    const refused = vaccinator.call('booking.administer', { ssin: VAXZEVRIA_INVITED, lotId: lot, visitId: v.id });
    await expect(refused).rejects.toMatchObject({ code: expect.stringMatching(/^booking\./) });
    expect(visitRow(s, v.id)).toMatchObject({ step: 'screening', dose_id: null });
    expect(s.ctx.db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE ssin = ?').get(VAXZEVRIA_INVITED)).toEqual({ n: 0 });
    // Another person's call cannot move this visit.
    await expectCode(vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: v.id }), 'visit.other_person');
  });

  it('records a person not vaccinated on the visit, and resumes on it', async () => {
    const { vaccinator } = world();
    const v = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'de', mayVaccinate: true });
    const record = await vaccinator.call('booking.notGiven', { ssin: PEETERS, reason: 'PATOBJ', visitId: v.id });
    expect(await vaccinator.call('visit.current', {})).toMatchObject({ step: 'not_given', language: 'de', notGiven: { id: record.id, reason: 'PATOBJ' }, dose: null });
    expect(await vaccinator.call('visit.setLanguage', { visitId: v.id, language: 'nl' })).toMatchObject({ language: 'nl' });
  });

  it('belongs to the station: a staff switch resumes it, another station sees none of it', async () => {
    const { s, open, vaccinator } = world();
    const v = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'nl', mayVaccinate: true });
    const other = stationApi(s, ['vaccinator', 'supervisor']);
    expect(await other.call('visit.current', {})).toMatchObject({ id: v.id });
    const s2 = open('station-2');
    const there = stationApi(s2, 'vaccinator');
    expect(await there.call('visit.current', {})).toBeNull();
    expect(await there.call('visit.recent', {})).toEqual([]);
    await expectCode(there.call('visit.close', { visitId: v.id }), 'visit.unknown');
    // A new person at the booth closes the open visit.
    const next = await vaccinator.call('visit.begin', { ssin: VAXZEVRIA_INVITED, language: 'nl', mayVaccinate: false });
    expect(next.step).toBe('person');
    expect(visitRow(s, v.id).closed_at).toEqual(expect.any(String));
  });

  it('lists the recent visits of the day with dose, card and not-given; a reprint and an undo go through them', async () => {
    const { clock, vaccinator, supervisor } = world();
    const v1 = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'nl', mayVaccinate: true });
    const used = await vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: v1.id });
    const given = await vaccinator.call('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, holdCard: true, visitId: v1.id });
    const appointmentId = given.next.kind === 'booked' ? given.next.appointment.id : '';
    await vaccinator.call('booking.printCard', { appointmentId, visitId: v1.id });
    await vaccinator.call('visit.close', { visitId: v1.id });
    clock.advance(5 * 60_000);
    const v2 = await vaccinator.call('visit.begin', { ssin: VAXZEVRIA_INVITED, language: 'nl', mayVaccinate: true });
    await vaccinator.call('booking.notGiven', { ssin: VAXZEVRIA_INVITED, reason: 'MEDPREC', visitId: v2.id });

    const recent = await supervisor.call('visit.recent', {});
    expect(recent.map((r) => [r.id, r.closed, r.dose?.status ?? null, r.notGiven?.reason ?? null, r.cardState])).toEqual([
      [v2.id, false, null, 'MEDPREC', 'none'],
      [v1.id, true, 'completed', null, 'printed'],
    ]);
    expect(recent[1]!.appointment).toMatchObject({ id: appointmentId, status: 'booked' });
    expect(recent[1]!.name).toMatch(/\S/);

    const copy = await vaccinator.call('booking.reprintCard', { appointmentId });
    expect(copy.token).toEqual(expect.any(String));
    // An undo names the visit's own dose; the card of the undone dose becomes void.
    await expectCode(vaccinator.call('booking.voidDose', { doseId: given.dose.id, reason: 'wrong person', visitId: v2.id }), 'visit.other_record');
    await vaccinator.call('booking.voidDose', { doseId: given.dose.id, reason: 'wrong person', visitId: v1.id });
    const after = (await vaccinator.call('visit.recent', {})).find((r) => r.id === v1.id)!;
    expect(after).toMatchObject({ dose: { status: 'entered-in-error' }, cardState: 'void', appointment: { status: 'cancelled' } });

    // The next day starts an empty list.
    clock.advance(24 * 3600_000);
    expect(await vaccinator.call('visit.recent', {})).toEqual([]);
  });

  it('a change of time moves the visit to the new appointment, kept waiting until agreed, and resumes with it', async () => {
    const { vaccinator } = world();
    const v = await vaccinator.call('visit.begin', { ssin: PEETERS, language: 'nl', mayVaccinate: true });
    const used = await vaccinator.call('vials.use', { text: COMIRNATY, ssin: PEETERS, visitId: v.id });
    const given = await vaccinator.call('booking.administer', { ssin: PEETERS, lotId: used.lot.lotId, vialId: used.vial.id, holdCard: true, visitId: v.id });
    const first = given.next.kind === 'booked' ? given.next.appointment.id : '';
    const slots = await vaccinator.call('booking.proposeSlots', { ssin: PEETERS, limit: 3 });
    const other = slots.slots.find((s) => s.start !== (given.next.kind === 'booked' ? given.next.appointment.start : ''))!;
    // Before the person agreed: nothing printed, the new card waits too.
    const moved = await vaccinator.call('booking.rebook', { appointmentId: first, slotId: other.slotId, reason: 'another day', print: false, visitId: v.id });
    const second = moved.next.kind === 'booked' ? moved.next.appointment.id : '';
    const resumed = await vaccinator.call('visit.current', {});
    expect(resumed).toMatchObject({ card: { appointmentId: second, held: true, printJobId: null }, dose: { next: { kind: 'booked', appointment: { id: second } } } });
    // The first appointment is no longer the visit's card.
    await expectCode(vaccinator.call('booking.printCard', { appointmentId: first, visitId: v.id }), 'visit.other_record');
    const printed = await vaccinator.call('booking.printCard', { appointmentId: second, visitId: v.id });
    expect((await vaccinator.call('visit.current', {}))!.card).toEqual({ appointmentId: second, held: false, printJobId: printed.printJobId });
  });
});
