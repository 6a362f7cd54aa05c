import { join } from 'node:path';
import type { Immunization, Observation } from 'fhir/r4';
import { afterEach, describe, expect, it } from 'vitest';
import { localInstant } from '../../../src/domain/time/local-time';
import { STATION_RECORD_SYSTEM } from '../../../src/domain/fhir/systems';
import { recordVersionOf } from '../../../src/domain/fhir/resource';
import { startFederalSim } from '../../../src/federal-sim';
import { checkBeVaccination } from '../../../src/federal-sim/bevaccination';
import type { Json } from '../../../src/federal-sim/store';
import { validateResource } from '../../../src/federal-sim/validate';
import { ManualClock } from '../../../src/main/adapters/clock';
import { createFederalClient } from '../../../src/main/adapters/federal/client';
import { SyncWorker } from '../../../src/main/station/sync/worker';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { drainWithClock, fastOptions } from '../../support/federal/harness';
import { makeTempDir } from '../../support/temp-dir';
import { ApiError, NO_IDLE_LOCK, openTestStation, stationApi } from '../../support/station';

const START = localInstant('2021-03-08', '10:00');

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function world() {
  const temp = makeTempDir('dosedesk-observation-');
  const clock = new ManualClock(START);
  const s = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  cleanups.push(() => temp.cleanup(), () => s.close());
  const { lots } = seedSmallCentre(s.db, clock, { from: '2021-03-08', days: 40, stations: ['station-1'], capacity: 8 });
  const vaccinator = stationApi(s, 'vaccinator');
  const supervisor = stationApi(s, 'supervisor');
  const give = async (n: number, extra: { allergyHistory?: boolean } = {}) =>
    (await vaccinator.call('booking.administer', { ssin: testSsin(n), person: { familyName: `Person${n}`, givenNames: 'Test', birthDate: null, sex: 'F', language: 'nl' }, lotId: lots.comirnaty!, print: false, ...extra })).dose.id;
  return { temp, clock, s, vaccinator, supervisor, give };
}

const minutes = (n: number) => n * 60_000;

describe('observation after a dose', () => {
  it('lasts 15 minutes, or 30 after an allergic history given with the dose or set on the observation', async () => {
    const { vaccinator, give } = world();
    const plain = await vaccinator.call('observation.ofDose', { doseId: await give(1) });
    expect(plain).toMatchObject({ minutes: 15, allergyHistory: false, minutesLeft: 15, overdue: false, released: null, startedAt: new Date(START).toISOString() });
    expect(plain.endsAt).toBe(new Date(Date.parse(START) + minutes(15)).toISOString());
    const allergic = await vaccinator.call('observation.ofDose', { doseId: await give(2, { allergyHistory: true }) });
    expect(allergic).toMatchObject({ minutes: 30, allergyHistory: true, minutesLeft: 30 });
    const changed = await vaccinator.call('observation.setAllergyHistory', { id: plain.id, allergyHistory: true });
    expect(changed).toMatchObject({ minutes: 30, minutesLeft: 30 });
  });

  it('lists the people watched here, overdue first, with the time left by the station clock', async () => {
    const { clock, vaccinator, supervisor, give } = world();
    await give(1, { allergyHistory: true }); // ends 10:30
    clock.advance(minutes(5));
    await give(2); // ends 10:20
    clock.advance(minutes(2));
    await give(3); // ends 10:22
    const early = await supervisor.call('observation.list', {});
    expect(early.people.map((p) => [p.displayName, p.minutesLeft, p.overdue])).toEqual([
      ['Test Person2', 13, false],
      ['Test Person3', 15, false],
      ['Test Person1', 23, false],
    ]);
    clock.advance(minutes(15) + 30_000); // 10:22:30
    const later = await vaccinator.call('observation.list', {});
    expect(later.now).toBe(clock.now().toISOString());
    expect(later.people.map((p) => [p.displayName, p.minutesLeft, p.overdue])).toEqual([
      ['Test Person2', 0, true],
      ['Test Person3', 0, true],
      ['Test Person1', 8, false],
    ]);
    // A released person leaves the list; an overdue one needs no reason.
    const released = await vaccinator.call('observation.release', { id: later.people[0]!.id });
    expect(released.released).toMatchObject({ at: clock.now().toISOString(), reason: null });
    expect((await vaccinator.call('observation.list', {})).people.map((p) => p.displayName)).toEqual(['Test Person3', 'Test Person1']);
    await expect(vaccinator.call('observation.release', { id: later.people[0]!.id })).rejects.toMatchObject({ code: 'observation.released' });
  });

  it('refuses an early release without a reason, and records who and why with one', async () => {
    const { s, clock, vaccinator, give } = world();
    const o = await vaccinator.call('observation.ofDose', { doseId: await give(1) });
    clock.advance(minutes(6));
    const refused = vaccinator.call('observation.release', { id: o.id });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: 'observation.release_reason_required', message: expect.stringContaining('9 min') });
    expect(s.db.prepare('SELECT released_at FROM observations WHERE id = ?').get(o.id)).toEqual({ released_at: null });
    const r = await vaccinator.call('observation.release', { id: o.id, reason: 'leaves against advice' });
    expect(r.released).toMatchObject({ at: clock.now().toISOString(), reason: 'leaves against advice', by: expect.any(String) });
    expect(r.released!.by.length).toBeGreaterThan(0);
  });

  it('is for vaccinators and supervisors only', async () => {
    const { s, give } = world();
    const doseId = await give(1);
    const desk = stationApi(s, 'checkin');
    await expect(desk.call('observation.list', {})).rejects.toMatchObject({ code: expect.stringMatching(/^staff\./) });
    await expect(desk.call('observation.ofDose', { doseId })).rejects.toMatchObject({ code: expect.stringMatching(/^staff\./) });
    const o = await stationApi(s, 'vaccinator').call('observation.ofDose', { doseId });
    await expect(desk.call('observation.reaction', { observationId: o.id, manifestation: 'rash', severity: 'mild', action: 'none' })).rejects.toMatchObject({ code: expect.stringMatching(/^staff\./) });
    await expect(desk.call('observation.release', { id: o.id, reason: 'went home' })).rejects.toMatchObject({ code: expect.stringMatching(/^staff\./) });
  });

  it('keeps a reaction with its outbox row, refuses a reaction without a description or out of time, and voids one with a reason', async () => {
    const { s, clock, vaccinator, supervisor, give } = world();
    const doseId = await give(1);
    const o = await vaccinator.call('observation.ofDose', { doseId });
    const outboxRows = () => s.db.prepare(`SELECT kind, payload FROM outbox WHERE record_id = ? ORDER BY seq`).all(doseId) as { kind: string; payload: string }[];
    expect(outboxRows()).toHaveLength(1);
    await expect(vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'other', severity: 'mild', action: 'none' })).rejects.toMatchObject({ code: 'observation.reaction_text_required' });
    await expect(vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'rash', severity: 'mild', action: 'none', at: new Date(Date.parse(START) + minutes(5)).toISOString() })).rejects.toMatchObject({
      code: 'observation.reaction_in_future',
    });
    expect(outboxRows()).toHaveLength(1);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM observation_reactions').get()).toEqual({ n: 0 });

    clock.advance(minutes(4));
    const withReaction = await vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'urticaria', severity: 'mild', action: 'medication', note: 'cetirizine 10 mg' });
    expect(withReaction.reactions).toEqual([expect.objectContaining({ manifestation: 'urticaria', severity: 'mild', action: 'medication', note: 'cetirizine 10 mg', status: 'recorded', at: clock.now().toISOString() })]);
    const rows = outboxRows();
    expect(rows.map((r) => r.kind)).toEqual(['dose', 'dose-correction']);
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ version: 2, reactions: [{ manifestation: { code: '126485001' }, severity: 'mild', action: 'medication' }] });

    const reactionId = withReaction.reactions[0]!.id;
    const voided = await supervisor.call('observation.voidReaction', { reactionId, reason: 'wrong person' });
    expect(voided.reactions).toEqual([expect.objectContaining({ id: reactionId, status: 'voided', voidReason: 'wrong person' })]);
    expect(JSON.parse(outboxRows()[2]!.payload)).toMatchObject({ version: 3, reactions: [] });
    await expect(supervisor.call('observation.voidReaction', { reactionId, reason: 'wrong person' })).rejects.toMatchObject({ code: 'observation.reaction_voided' });
    // Nothing deleted: the reaction is still there, voided.
    expect(s.db.prepare('SELECT status, void_reason FROM observation_reactions WHERE id = ?').get(reactionId)).toEqual({ status: 'voided', void_reason: 'wrong person' });
  });

  it('keeps the reactions in the Immunization when the dose is corrected afterwards', async () => {
    const { s, clock, vaccinator, supervisor, give } = world();
    const doseId = await give(1);
    const o = await vaccinator.call('observation.ofDose', { doseId });
    clock.advance(minutes(2));
    await vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'nausea', severity: 'mild', action: 'none' });
    await supervisor.call('booking.correctDose', { doseId, administeredAt: new Date(Date.parse(START) - minutes(1)).toISOString(), reason: 'time typed wrong' });
    const last = s.db.prepare(`SELECT payload FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1`).get(doseId) as { payload: string };
    expect(JSON.parse(last.payload)).toMatchObject({ version: 3, correction: { reason: 'time typed wrong' }, reactions: [{ manifestation: { code: '422587007' }, severity: 'mild' }] });
  });

  it('sends a reaction after the dose was synced as the same Immunization updated with `reaction`, exactly once, conforming to BeVaccination', async () => {
    const { temp, clock, s, vaccinator, give } = world();
    const sim = await startFederalSim({ port: 0, dataDir: join(temp.dir, 'federal') });
    const client = createFederalClient({ baseUrl: sim.url, timeoutMs: 5_000, transactionTimeoutMs: 5_000 });
    cleanups.push(async () => {
      client.close();
      await sim.close();
    });
    const drain = async () => {
      const worker = new SyncWorker({ db: s.db, clock, client, centreId: 'test-centre' }, fastOptions());
      await drainWithClock(worker, clock, s.db);
      return s.db.prepare(`SELECT kind, state, last_error FROM outbox WHERE state <> 'synced'`).all();
    };
    const doseId = await give(1);
    expect(await drain()).toEqual([]);
    const stored = async () => client.search<Immunization>('Immunization', { identifier: `${STATION_RECORD_SYSTEM}|${doseId}` });
    expect((await stored())[0]!.reaction).toBeUndefined();

    const o = await vaccinator.call('observation.ofDose', { doseId });
    clock.advance(minutes(7));
    await vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'urticaria', severity: 'moderate', action: 'medication' });
    await vaccinator.call('observation.reaction', { observationId: o.id, manifestation: 'fainting', severity: 'mild', action: 'observed_longer', note: 'lying down' });
    const seenAt = clock.now().toISOString(); // draining moves the clock
    expect(await drain()).toEqual([]);
    expect(await drain()).toEqual([]); // nothing left to send twice

    const copies = await stored();
    expect(copies).toHaveLength(1);
    const imm = copies[0]!;
    expect(recordVersionOf(imm)).toBe(3);
    expect(validateResource('Immunization', imm)).toEqual([]);
    expect(checkBeVaccination(imm as unknown as Json)).toEqual([]);
    expect(imm.reaction).toEqual([
      { date: seenAt, detail: { reference: '#reaction-1' }, reported: false },
      { date: seenAt, reported: false },
    ]);
    const detail = imm.contained![0] as Observation;
    expect(detail).toMatchObject({ resourceType: 'Observation', id: 'reaction-1', code: { coding: [{ system: 'http://snomed.info/sct', code: '126485001' }] }, valueCodeableConcept: { coding: [{ code: '6736007' }] } });
    expect(imm.note?.map((n) => n.text)).toEqual([expect.stringMatching(/^Reaction .*Fainting; severity mild; action observed_longer; lying down$/)]);
  });
});

describe('reactions in the end-of-day report', () => {
  it('counts the reactions of the day not voided, by severity and manifestation, in JSON and CSV', async () => {
    const { clock, vaccinator, supervisor, give } = world();
    const first = await vaccinator.call('observation.ofDose', { doseId: await give(1) });
    const second = await vaccinator.call('observation.ofDose', { doseId: await give(2) });
    clock.advance(minutes(3));
    await vaccinator.call('observation.reaction', { observationId: first.id, manifestation: 'urticaria', severity: 'mild', action: 'none' });
    await vaccinator.call('observation.reaction', { observationId: second.id, manifestation: 'urticaria', severity: 'moderate', action: 'medication' });
    const wrong = await vaccinator.call('observation.reaction', { observationId: second.id, manifestation: 'anaphylaxis', severity: 'severe', action: 'adrenaline' });
    await supervisor.call('observation.voidReaction', { reactionId: wrong.reactions.find((r) => r.manifestation === 'anaphylaxis')!.id, reason: 'typed on the wrong line' });
    const { report } = await supervisor.call('reports.endOfDay', { date: '2021-03-08', format: 'json' });
    expect(report!.reactions).toEqual({ total: 2, bySeverity: [{ severity: 'mild', count: 1 }, { severity: 'moderate', count: 1 }], byManifestation: [{ manifestation: 'urticaria', count: 2 }] });
    const csv = await supervisor.call('reports.endOfDay', { date: '2021-03-08', format: 'csv' });
    const text = Buffer.from(csv.file!.base64, 'base64').toString('utf8');
    expect(text).toContain('Reactions during observation;2');
    expect(text).toContain('Reactions: Moderate;1');
    expect(text).toContain('Reactions: Hives (urticaria);2');
    expect(text).not.toContain('Anaphylaxis');
  });
});

describe('the stand-in refuses a reaction the profile refuses', () => {
  it('a reaction without a date, or with a detail coded outside be-vs-reaction-manifestation-code', () => {
    const base = { resourceType: 'Immunization', contained: [{ resourceType: 'Observation', id: 'r1', status: 'final', code: { coding: [{ system: 'http://snomed.info/sct', code: '271594007' }] } }] };
    const rules = (r: unknown) => checkBeVaccination(r as Json).map((i) => i.rule);
    expect(rules({ ...base, reaction: [{ detail: { reference: '#r1' } }] })).toEqual(expect.arrayContaining(['BeVaccination.fsh:21', 'be-rule-vaccination-3']));
    expect(rules({ ...base, reaction: [{ date: '2021-03-08T09:07:00.000Z', detail: { reference: '#nothing' } }] })).toContain('be-rule-vaccination-3');
    const good = { ...base, contained: [{ ...base.contained[0], code: { coding: [{ system: 'http://snomed.info/sct', code: '126485001' }] } }], reaction: [{ date: '2021-03-08T09:07:00.000Z', detail: { reference: '#r1' } }] };
    expect(rules(good)).not.toContain('be-rule-vaccination-3');
  });
});
