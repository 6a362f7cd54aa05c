import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localDateOf } from '../../../src/domain/time/local-time';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { openTestStation, signedInCall } from '../../support/station';

/** A Tuesday: the demo centre has Comirnaty and Vaxzevria sessions. */
const START = '2026-03-03T09:30:00+01:00';
const VAXZEVRIA = '0105000456789011' + '17491231' + '10DEMOVAX01';
/** Demo citizens (src/main/station/demo/demo-people.ts). */
const JANSSENS = '58041903361'; // invited for Vaxzevria
const MERTENS = '68122513743'; // first Comirnaty dose 21 days ago, dose 2 due

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 40 });
  const nurse = signedInCall(s, 'vaccinator', { language: 'fr', displayName: 'Dr. An Peeters' });
  const count = (sql: string, ...args: unknown[]) => (s.ctx.db.prepare(sql).get(...args) as { n: number }).n;
  const call = async <T>(method: string, args: unknown, who = nurse): Promise<T> => {
    const answer = await s.dispatch(method, args, who);
    if (!answer.ok) throw Object.assign(new Error(`${answer.error.code}: ${answer.error.message}`), { code: answer.error.code });
    return answer.result as T;
  };
  return { s, clock, nurse, count, call };
}

describe('booking.notGiven: a visit ends without a dose, with a reason', () => {
  it('records the reason with its outbox row, books nothing, counts it in the day plan and the end-of-day report, and is recorded once', async () => {
    const { s, clock, count, call } = station();
    const day = localDateOf(clock.now());
    const appointments = count('SELECT COUNT(*) AS n FROM appointments');
    const requests = count('SELECT COUNT(*) AS n FROM booking_requests');
    const r = await call<{ id: string; reason: string; productCode: string; doseNumber: number; alreadyRecorded: boolean }>('booking.notGiven', { ssin: JANSSENS, reason: 'PATOBJ', note: 'wil eerst met de huisarts praten' });
    expect(r).toMatchObject({ reason: 'PATOBJ', productCode: 'vaxzevria', doseNumber: 1, alreadyRecorded: false });

    const row = s.ctx.db.prepare('SELECT * FROM not_given WHERE id = ?').get(r.id) as Record<string, unknown>;
    expect(row).toMatchObject({ ssin: JANSSENS, reason_code: 'PATOBJ', reason_system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', note: 'wil eerst met de huisarts praten', local_date: day, status: 'not-done', vaccinator_name: 'Dr. An Peeters' });
    const outbox = s.ctx.db.prepare('SELECT kind, payload FROM outbox WHERE record_id = ?').all(r.id) as { kind: string; payload: string }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.kind).toBe('not-given');
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ type: 'not-given', status: 'not-done', reason: { code: 'PATOBJ' }, person: { ssin: JANSSENS } });
    expect(count('SELECT COUNT(*) AS n FROM appointments')).toBe(appointments);
    expect(count('SELECT COUNT(*) AS n FROM booking_requests')).toBe(requests);

    // Pressed twice: the same record, no second outbox row.
    const again = await call<{ id: string; alreadyRecorded: boolean }>('booking.notGiven', { ssin: JANSSENS, reason: 'OTHER' });
    expect(again).toMatchObject({ id: r.id, alreadyRecorded: true });
    expect(count(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'not-given'`)).toBe(1);

    const supervisor = signedInCall(s, 'supervisor');
    const plan = await call<{ products: { productCode: string; notVaccinated: number }[] }>('booking.dayPlan', { date: day }, supervisor);
    expect(plan.products.find((p) => p.productCode === 'vaxzevria')).toMatchObject({ notVaccinated: 1 });
    expect(plan.products.find((p) => p.productCode === 'comirnaty')).toMatchObject({ notVaccinated: 0 });
    const { report } = await call<{ report: { notVaccinated: unknown } }>('reports.endOfDay', { date: day, format: 'json' }, supervisor);
    expect(report.notVaccinated).toEqual({ total: 1, byReason: [{ reason: 'PATOBJ', count: 1 }] });
    const csv = await call<{ file: { base64: string } }>('reports.endOfDay', { date: day, format: 'csv' }, { ...supervisor, language: 'fr' });
    const text = Buffer.from(csv.file.base64, 'base64').toString('utf8');
    expect(text).toContain('Doses administrées;"Non vaccinés (vus, aucune dose administrée)";1');
    expect(text).toContain('Non vaccinés : La personne refuse;1');
  });

  it('takes the product of the course for a later dose, and refuses a person vaccinated today or a reason outside the value set', async () => {
    const { s, call } = station();
    const r = await call<{ productCode: string; doseNumber: number }>('booking.notGiven', { ssin: MERTENS, reason: 'MEDPREC' });
    expect(r).toMatchObject({ productCode: 'comirnaty', doseNumber: 2 });

    const used = await call<{ lot: { lotId: string }; vial: { id: string } }>('vials.use', { text: VAXZEVRIA, ssin: JANSSENS });
    await call('booking.administer', { ssin: JANSSENS, lotId: used.lot.lotId, vialId: used.vial.id, print: false });
    await expect(call('booking.notGiven', { ssin: JANSSENS, reason: 'PATOBJ' })).rejects.toMatchObject({ code: 'booking.not_given_after_dose' });
    await expect(call('booking.notGiven', { ssin: JANSSENS, reason: 'BUSY' })).rejects.toMatchObject({ code: 'validation' });
    expect((s.ctx.db.prepare(`SELECT COUNT(*) AS n FROM not_given WHERE ssin = ?`).get(JANSSENS) as { n: number }).n).toBe(0);
  });

  it('is for vaccinators only', async () => {
    const { s, call } = station();
    const desk = signedInCall(s, 'checkin');
    await expect(call('booking.notGiven', { ssin: JANSSENS, reason: 'PATOBJ' }, desk)).rejects.toMatchObject({ code: expect.stringMatching(/^staff\./) });
  });
});
