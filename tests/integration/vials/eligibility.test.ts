import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { addDays, localDateOf } from '../../../src/domain/time/local-time';
import { seedDemoCentre } from '../../../src/main/station/demo/seed-demo';
import { openTestStation, signedInCall } from '../../support/station';

/** A Tuesday: the demo centre has Comirnaty and Vaxzevria sessions. */
const START = '2026-03-03T09:30:00+01:00';
/** The demo vials (src/main/station/reports/demo-guide.ts): GTIN, expiry 2049-12-31, lot. */
const COMIRNATY = '0105413868120110' + '17491231' + '10DEMOCOM01';
const SPIKEVAX = '0108714729812340' + '17491231' + '10DEMOSPI01';
const VAXZEVRIA = '0105000456789011' + '17491231' + '10DEMOVAX01';
/** Demo citizens (src/main/station/demo/demo-people.ts). */
const JANSSENS = '58041903361'; // invited for Vaxzevria
const CLAES = '83010116503'; // first Comirnaty dose 10 days ago
const MERTENS = '68122513743'; // first Comirnaty dose 21 days ago
const DUPONT = '60031717118'; // Janssen, one-dose course, done

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function station() {
  const clock = new ManualClock(START);
  const s = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 24 * 3600, settings: { stationId: 'station-1' } });
  cleanup = s.cleanup;
  // The demo centre's products, lots, citizens and invitations; two days of calendar are enough here.
  seedDemoCentre(s.ctx.db, clock, 'station-1', { days: 2 });
  const nurse = signedInCall(s, 'vaccinator', { language: 'nl', displayName: 'Dr. An Peeters' });
  const vials = () => s.ctx.db.prepare('SELECT * FROM vials ORDER BY id').all();
  const listed = async () => {
    const answer = await s.dispatch('vials.list', { allStations: true }, nurse);
    if (!answer.ok) throw new Error(answer.error.code);
    return answer.result;
  };
  return { s, clock, nurse, vials, listed };
}

describe('vials.use for a person: eligibility is checked before a vial is opened', () => {
  it('refuses a Comirnaty vial for a person invited for Vaxzevria, naming both products in the staff’s language, and opens nothing', async () => {
    const { s, nurse, vials, listed } = station();
    const before = { rows: vials(), list: await listed() };
    const answer = await s.dispatch('vials.use', { text: COMIRNATY, ssin: JANSSENS }, nurse);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('vials.not_invited');
    expect(answer.error.message).toContain('Uitgenodigd voor Vaxzevria');
    expect(answer.error.message).toContain('deze flacon is Comirnaty');
    expect(answer.error.message).not.toMatch(/\bvaxzevria\b|\bcomirnaty\b/);
    expect(vials()).toEqual(before.rows);
    expect(await listed()).toEqual(before.list);

    // The right vial for the same person is opened as before.
    const right = await s.dispatch('vials.use', { text: VAXZEVRIA, ssin: JANSSENS }, nurse);
    expect(right.ok && right.result).toMatchObject({ opened: true, lot: { productCode: 'vaxzevria' } });
    expect(vials()).toHaveLength(before.rows.length + 1);
  });

  it('refuses a vial the person is invited for while the same lot is already open: the open vial is not handed out', async () => {
    const { s, nurse, vials } = station();
    const opened = await s.dispatch('vials.use', { text: COMIRNATY }, nurse);
    expect(opened.ok).toBe(true);
    const rows = vials();
    const answer = await s.dispatch('vials.use', { text: COMIRNATY, ssin: JANSSENS }, nurse);
    expect(!answer.ok && answer.error.code).toBe('vials.not_invited');
    expect(vials()).toEqual(rows);
  });

  it('says "too early" with the first allowed day, and refuses another product than the earlier dose’s', async () => {
    const { s, clock, nurse, vials } = station();
    const early = await s.dispatch('vials.use', { text: COMIRNATY, ssin: CLAES }, nurse);
    expect(early.ok).toBe(false);
    if (early.ok) return;
    // First dose 10 days ago, Comirnaty's minimum 19 days: 9 days from today.
    const firstDay = addDays(localDateOf(clock.now()), 9);
    expect(early.error).toMatchObject({ code: 'vials.too_early', params: { firstDay, minimum: 19 } });
    expect(early.error.message).toContain(firstDay);

    const other = await s.dispatch('vials.use', { text: SPIKEVAX, ssin: MERTENS }, nurse);
    expect(!other.ok && other.error).toMatchObject({ code: 'vials.other_course_product', params: { previous: 'Comirnaty (Pfizer-BioNTech)' } });
    expect(vials()).toEqual([]);

    const due = await s.dispatch('vials.use', { text: COMIRNATY, ssin: MERTENS }, nurse);
    expect(due.ok && due.result).toMatchObject({ opened: true });
  });

  it('refuses any vial for a completed course, and a second vial the same day after a dose', async () => {
    const { s, nurse, vials } = station();
    const done = await s.dispatch('vials.use', { text: COMIRNATY, ssin: DUPONT }, nurse);
    expect(!done.ok && done.error.code).toBe('vials.course_complete');
    expect(vials()).toEqual([]);

    const used = await s.dispatch('vials.use', { text: VAXZEVRIA, ssin: JANSSENS }, nurse);
    if (!used.ok) throw new Error(used.error.code);
    const { lot, vial } = used.result as { lot: { lotId: string }; vial: { id: string } };
    const given = await s.dispatch('booking.administer', { ssin: JANSSENS, lotId: lot.lotId, vialId: vial.id, print: false }, nurse);
    expect(given.ok).toBe(true);
    const again = await s.dispatch('vials.use', { text: VAXZEVRIA, ssin: JANSSENS }, nurse);
    expect(!again.ok && again.error.code).toBe('vials.dose_today');
  });

  it('booking.administer, the last line, names the products too', async () => {
    const { s, nurse } = station();
    const lot = s.ctx.db.prepare(`SELECT id FROM lots WHERE product_code = 'comirnaty'`).get() as { id: string };
    const answer = await s.dispatch('booking.administer', { ssin: JANSSENS, lotId: lot.id, print: false }, nurse);
    expect(!answer.ok && answer.error).toMatchObject({ code: 'booking.not_eligible_product', params: { eligible: 'Vaxzevria (AstraZeneca)', product: 'Comirnaty (Pfizer-BioNTech)' } });
  });
});
