import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { demoSsin } from '../../../src/main/station/demo/demo-people';
import type { QuestionView, ScreeningView } from '../../../src/shared/api/screening';
import { openTestStation, signedInCall } from '../../support/station';

/** A Tuesday: the demo centre has Comirnaty and Vaxzevria sessions. */
const START = '2026-03-03T09:30:00+01:00';
const VAXZEVRIA = '0105000456789011' + '17491231' + '10DEMOVAX01';
/** Demo citizens (src/main/station/demo/demo-people.ts). */
const JANSSENS = '58041903361'; // invited for Vaxzevria
const MERTENS = '68122513743'; // first Comirnaty dose 21 days ago, dose 2 due
const DUBOIS = demoSsin('1972-09-08', 48); // invited for Comirnaty or Spikevax

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 40 });
  const nurse = signedInCall(s, 'vaccinator', { language: 'fr', displayName: 'Dr. An Peeters' });
  const supervisor = signedInCall(s, 'supervisor', { displayName: 'Sam Supervisor' });
  const count = (sql: string, ...args: unknown[]) => (s.ctx.db.prepare(sql).get(...args) as { n: number }).n;
  const call = async <T>(method: string, args: unknown, who = nurse): Promise<T> => {
    const answer = await s.dispatch(method, args, who);
    if (!answer.ok) throw Object.assign(new Error(`${answer.error.code}: ${answer.error.message}`), { code: answer.error.code, message: answer.error.message });
    return answer.result as T;
  };
  const questions = async (ssin: string) => call<{ productCodes: string[]; questions: QuestionView[] }>('screening.questionsFor', { ssin });
  /** Every question answered no, except the families answered yes. */
  const answers = (qs: QuestionView[], yes: string[] = []) => qs.map((q) => ({ questionId: q.id, answer: yes.includes(q.family) }));
  const writes = () => ({
    screenings: count('SELECT COUNT(*) AS n FROM screenings'),
    doses: count('SELECT COUNT(*) AS n FROM dose_records'),
    notGiven: count('SELECT COUNT(*) AS n FROM not_given'),
    outbox: count('SELECT COUNT(*) AS n FROM outbox'),
    vials: count('SELECT COUNT(*) AS n FROM vials'),
  });
  return { s, clock, nurse, supervisor, count, call, questions, answers, writes };
}

describe('screening before the vial', () => {
  it('ships the demo questions and records answers, consent by a legal representative and the decision, audited, in one transaction', async () => {
    const { s, call, questions, answers } = station();
    const asked = await questions(JANSSENS);
    expect(asked.productCodes).toEqual(['vaxzevria']);
    expect(asked.questions.map((q) => q.family)).toEqual(['fever', 'allergy', 'earlier-dose-reaction', 'pregnant', 'anticoagulants', 'recent-covid']);
    expect(asked.questions.find((q) => q.family === 'allergy')).toMatchObject({ allergy: true, yesNeedsDecision: true, text: { fr: expect.stringContaining('anaphylaxie') } });

    const r = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(asked.questions, ['anticoagulants']), consent: { by: 'representative', name: 'Marie Janssens' } });
    expect(r).toMatchObject({ ssin: JANSSENS, decision: 'go_on', consent: 'representative', representativeName: 'Marie Janssens', allergyHistory: false, notGiven: null, productCodes: ['vaxzevria'] });
    expect(r.answers.filter((a) => a.answer)).toHaveLength(1);
    const row = s.ctx.db.prepare('SELECT * FROM screenings WHERE id = ?').get(r.id) as Record<string, unknown>;
    expect(row).toMatchObject({ station_id: 'station-1', staff_name: 'Dr. An Peeters', recorded_at: new Date(START).toISOString(), local_date: '2026-03-03' });
    const audit = s.ctx.db.prepare(`SELECT action, outcome, subjects FROM audit_log WHERE method = 'screening.record'`).all() as { action: string; outcome: string; subjects: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', outcome: 'ok' });
    expect(audit[0]!.subjects).toMatch(/person:/);
  });

  it('refuses a blocking "yes" without the vaccinator\'s decision, in the staff\'s language, and writes nothing', async () => {
    const { call, questions, answers, writes } = station();
    const asked = await questions(JANSSENS);
    const before = writes();
    const refused = call('screening.record', { ssin: JANSSENS, answers: answers(asked.questions, ['fever']), consent: { by: 'person' } });
    await expect(refused).rejects.toMatchObject({ code: 'screening.decision_required', message: expect.stringContaining('fièvre') });
    // A question left unanswered is refused too.
    await expect(call('screening.record', { ssin: JANSSENS, answers: answers(asked.questions).slice(1), consent: { by: 'person' } })).rejects.toMatchObject({ code: 'screening.unanswered' });
    expect(writes()).toEqual(before);
  });

  it('ends the visit as not vaccinated on a postponement, a refusal or "do not vaccinate" (allergy), with the status reason and no next booking', async () => {
    const { s, call, questions, answers, count } = station();
    const requests = count('SELECT COUNT(*) AS n FROM booking_requests');
    const appointments = count('SELECT COUNT(*) AS n FROM appointments');
    const asked = await questions(JANSSENS);
    const postponed = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(asked.questions, ['fever']), consent: { by: 'person' }, decision: 'postpone' });
    expect(postponed).toMatchObject({ decision: 'postpone', notGiven: { reason: 'MEDPREC' } });
    const row = s.ctx.db.prepare('SELECT reason_code, status, note FROM not_given WHERE id = ?').get(postponed.notGiven!.id);
    expect(row).toEqual({ reason_code: 'MEDPREC', status: 'not-done', note: 'postponed at screening' });
    expect(count(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'not-given' AND record_id = ?`, postponed.notGiven!.id)).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM booking_requests')).toBe(requests);
    expect(count('SELECT COUNT(*) AS n FROM appointments')).toBe(appointments);

    const mertens = await questions(MERTENS);
    expect(mertens.productCodes).toEqual(['comirnaty']);
    const refusal = await call<ScreeningView>('screening.record', { ssin: MERTENS, answers: answers(mertens.questions), consent: { by: 'refused' } });
    expect(refusal).toMatchObject({ decision: 'refused', consent: 'refused', notGiven: { reason: 'PATOBJ' } });

    const dubois = await questions(DUBOIS);
    expect(dubois.productCodes).toEqual(['comirnaty', 'spikevax']);
    const allergy = await call<ScreeningView>('screening.record', { ssin: DUBOIS, answers: answers(dubois.questions, ['allergy']), consent: { by: 'person' }, decision: 'do_not_vaccinate' });
    expect(allergy).toMatchObject({ decision: 'do_not_vaccinate', allergyHistory: true, notGiven: { reason: 'ALLERGY' } });
    const reasons = s.ctx.db.prepare(`SELECT reason_code FROM not_given WHERE status = 'not-done' ORDER BY reason_code`).all() as { reason_code: string }[];
    expect(reasons.map((r) => r.reason_code)).toEqual(['ALLERGY', 'MEDPREC', 'PATOBJ']);
  });

  it('gives the dose after a "go on" screening, with a 30-minute observation after an allergic history', async () => {
    const { call, questions, answers } = station();
    const asked = await questions(JANSSENS);
    const screened = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(asked.questions, ['allergy']), consent: { by: 'person' }, decision: 'go_on' });
    expect(screened).toMatchObject({ decision: 'go_on', allergyHistory: true, notGiven: null });
    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: VAXZEVRIA, ssin: JANSSENS, screeningId: screened.id });
    const given = await call<{ dose: { id: string } }>('booking.administer', { ssin: JANSSENS, lotId: used.lot.lotId, vialId: used.vial.id, print: false, screeningId: screened.id });
    const observation = await call<{ minutes: number; allergyHistory: boolean }>('observation.ofDose', { doseId: given.dose.id });
    expect(observation).toMatchObject({ minutes: 30, allergyHistory: true });
  });

  it("refuses a dose or a vial after another person's screening or a postponed one, and writes nothing", async () => {
    const { call, questions, answers, writes } = station();
    const janssens = await questions(JANSSENS);
    const other = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(janssens.questions), consent: { by: 'person' } });
    const mertens = await questions(MERTENS);
    const postponed = await call<ScreeningView>('screening.record', { ssin: MERTENS, answers: answers(mertens.questions, ['recent-covid']), consent: { by: 'person' }, decision: 'postpone' });
    const lot = await call<{ lotId: string }>('vials.scan', { text: VAXZEVRIA });
    const before = writes();
    await expect(call('booking.administer', { ssin: MERTENS, lotId: lot.lotId, print: false, screeningId: other.id })).rejects.toMatchObject({ code: 'screening.other_person' });
    await expect(call('booking.administer', { ssin: MERTENS, lotId: lot.lotId, print: false, screeningId: postponed.id })).rejects.toMatchObject({ code: 'screening.not_go_on' });
    await expect(call('booking.administer', { ssin: MERTENS, lotId: lot.lotId, print: false, screeningId: 'no-such-screening' })).rejects.toMatchObject({ code: 'screening.unknown' });
    // Nor is a vial opened for them.
    await expect(call('vials.use', { text: VAXZEVRIA, ssin: MERTENS, screeningId: postponed.id })).rejects.toMatchObject({ code: 'screening.not_go_on' });
    await expect(call('vials.use', { text: VAXZEVRIA, ssin: MERTENS, screeningId: other.id })).rejects.toMatchObject({ code: 'screening.other_person' });
    expect(writes()).toEqual(before);
  });

  it('writes neither the screening nor its answers when the "not vaccinated" record is refused (a dose was given today)', async () => {
    const { call, questions, answers, count } = station();
    const asked = await questions(JANSSENS);
    const screened = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(asked.questions), consent: { by: 'person' } });
    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: VAXZEVRIA, ssin: JANSSENS });
    await call('booking.administer', { ssin: JANSSENS, lotId: used.lot.lotId, vialId: used.vial.id, print: false, screeningId: screened.id });
    const before = [count('SELECT COUNT(*) AS n FROM screenings'), count('SELECT COUNT(*) AS n FROM screening_answers'), count('SELECT COUNT(*) AS n FROM not_given')];
    await expect(call('screening.record', { ssin: JANSSENS, answers: answers(asked.questions, ['fever']), consent: { by: 'person' }, decision: 'postpone' })).rejects.toMatchObject({ code: 'booking.not_given_after_dose' });
    expect([count('SELECT COUNT(*) AS n FROM screenings'), count('SELECT COUNT(*) AS n FROM screening_answers'), count('SELECT COUNT(*) AS n FROM not_given')]).toEqual(before);
  });

  it('refuses a screening of an earlier day', async () => {
    const { clock, call, questions, answers } = station();
    const asked = await questions(JANSSENS);
    const screened = await call<ScreeningView>('screening.record', { ssin: JANSSENS, answers: answers(asked.questions), consent: { by: 'person' } });
    clock.advance(16 * 3600_000); // 01:30 the next day, within the session
    const lot = await call<{ lotId: string }>('vials.scan', { text: VAXZEVRIA });
    await expect(call('booking.administer', { ssin: JANSSENS, lotId: lot.lotId, print: false, screeningId: screened.id })).rejects.toMatchObject({ code: 'screening.not_today' });
  });
});

describe('screening questions, edited by a supervisor', () => {
  const input = { productCode: 'comirnaty', position: 25, text: { nl: 'Vraag over Comirnaty?', fr: 'Question sur Comirnaty ?', de: 'Frage zu Comirnaty?', en: 'Question about Comirnaty?' }, yesNeedsDecision: true, allergy: false };

  it('adds a question for one product, changes it as a new version and retires it; nothing is deleted and every edit is audited', async () => {
    const { s, call, supervisor, questions } = station();
    const added = await call<QuestionView>('screening.add', input, supervisor);
    expect(added).toMatchObject({ version: 1, productCode: 'comirnaty', status: 'active', createdBy: 'Sam Supervisor' });
    // Asked before Comirnaty only.
    expect((await questions(MERTENS)).questions.map((q) => q.id)).toContain(added.id);
    expect((await questions(JANSSENS)).questions.map((q) => q.id)).not.toContain(added.id);

    const changed = await call<QuestionView>('screening.change', { ...input, id: added.id, text: { ...input.text, en: 'Changed question about Comirnaty?' } }, supervisor);
    expect(changed).toMatchObject({ family: added.family, version: 2, status: 'active', text: { en: 'Changed question about Comirnaty?' } });
    await expect(call('screening.change', { ...input, id: added.id }, supervisor)).rejects.toMatchObject({ code: 'screening.question_retired' });
    const retired = await call<QuestionView>('screening.retire', { id: changed.id }, supervisor);
    expect(retired.status).toBe('retired');
    expect((await questions(MERTENS)).questions.map((q) => q.family)).not.toContain(added.family);

    const all = await call<QuestionView[]>('screening.list', { includeRetired: true }, supervisor);
    expect(all.filter((q) => q.family === added.family).map((q) => [q.version, q.status])).toEqual([
      [2, 'retired'],
      [1, 'retired'],
    ]);
    const audited = s.ctx.db.prepare(`SELECT method FROM audit_log WHERE method IN ('screening.add', 'screening.change', 'screening.retire') AND outcome = 'ok' ORDER BY seq`).all() as { method: string }[];
    expect(audited.map((a) => a.method)).toEqual(['screening.add', 'screening.change', 'screening.retire']);
  });

  it('lets only a supervisor edit the questions', async () => {
    const { call, nurse, count } = station();
    const before = count('SELECT COUNT(*) AS n FROM screening_questions');
    await expect(call('screening.add', input, nurse)).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|role|not_allowed/) });
    const first = (await call<QuestionView[]>('screening.list', {}, nurse))[0]!;
    await expect(call('screening.retire', { id: first.id }, nurse)).rejects.toMatchObject({ code: expect.stringMatching(/forbidden|role|not_allowed/) });
    expect(count('SELECT COUNT(*) AS n FROM screening_questions')).toBe(before);
  });
});
