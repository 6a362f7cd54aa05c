import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { localInstant } from '../../../src/domain/time/local-time';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { openTestStation, signedInCall, stationApi, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const START = localInstant('2021-03-08', '09:15');
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const person = { familyName: 'Janssens', givenNames: 'Lien', birthDate: '1985-07-30', sex: 'F' as const, language: 'nl' as const };
const temp = makeTempDir('dosedesk-interval-change-');
const clock = new ManualClock(START);
let st: TestStation;
let lots: Record<string, string>;

const appointmentRow = (id: string) => st.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as Record<string, unknown>;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

beforeAll(() => {
  st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lots = seedSmallCentre(st.db, clock, { from: '2021-03-08', days: 70, stations: ['station-1'], capacity: 4, products: ['spikevax'] }).lots;
});
afterAll(() => {
  st.close();
  temp.cleanup();
});

describe('a changed interval applies to bookings made after the change', () => {
  it('books the next dose in the new window and leaves an appointment already booked as it was', async () => {
    const api = stationApi(st, 'vaccinator');
    const before = await api.call('booking.administer', { ssin: testSsin(1), person, lotId: lots.spikevax!, vaccinator });
    if (before.next.kind !== 'booked') throw new Error(`expected a booking, got ${before.next.kind}`);
    expect(daysBetween('2021-03-08', before.next.window.earliestDate)).toBe(24);
    const bookedBefore = appointmentRow(before.next.appointment.id);

    const supervisor = signedInCall(st, 'supervisor', { displayName: 'Marie Dubois' });
    const changed = await st.dispatch(
      'products.configure',
      { code: 'spikevax', interval: { minDays: 35, targetDays: 35, maxDays: 49 }, reason: 'new guidance', by: 'someone else' },
      supervisor,
    );
    expect(changed.ok).toBe(true);
    // The history names the signed-in supervisor, not the name the call sent.
    expect(st.db.prepare(`SELECT by FROM product_changes WHERE product_code = 'spikevax'`).all()).toEqual([{ by: 'Marie Dubois' }]);

    const after = await api.call('booking.administer', { ssin: testSsin(2), person, lotId: lots.spikevax!, vaccinator });
    if (after.next.kind !== 'booked') throw new Error(`expected a booking, got ${after.next.kind}`);
    expect(daysBetween('2021-03-08', after.next.window.earliestDate)).toBe(35);
    expect(daysBetween('2021-03-08', after.next.appointment.localDate)).toBeGreaterThanOrEqual(35);
    expect(appointmentRow(before.next.appointment.id)).toEqual(bookedBefore);
    expect(daysBetween('2021-03-08', before.next.appointment.localDate)).toBeLessThan(35);
  });

  it('refuses a maximum before the minimum with the catalogue message, and changes nothing', async () => {
    const supervisor = signedInCall(st, 'supervisor', { displayName: 'Marie Dubois', language: 'en' });
    const productBefore = st.db.prepare(`SELECT * FROM vaccine_products WHERE code = 'spikevax'`).get();
    const changes = (st.db.prepare('SELECT count(*) AS n FROM product_changes').get() as { n: number }).n;
    const refused = await st.dispatch('products.configure', { code: 'spikevax', interval: { minDays: 30, targetDays: 30, maxDays: 20 }, reason: 'typo test', by: 'x' }, supervisor);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('products.invalid');
    expect(refused.error.message).toContain('The settings for spikevax are not valid');
    expect(st.db.prepare(`SELECT * FROM vaccine_products WHERE code = 'spikevax'`).get()).toEqual(productBefore);
    expect((st.db.prepare('SELECT count(*) AS n FROM product_changes').get() as { n: number }).n).toBe(changes);
  });

  it('refuses the change to staff who are not supervisors', async () => {
    const refused = await st.dispatch('products.configure', { code: 'spikevax', dosesPerVial: 11, reason: 'not mine', by: 'x' }, signedInCall(st, 'vaccinator'));
    expect(refused.ok).toBe(false);
  });
});

describe('a supervisor sets a product’s CNK, ATC and GTINs with the product list’s rules', () => {
  const product = () => st.db.prepare(`SELECT * FROM vaccine_products WHERE code = 'vaxzevria'`).get();
  const gtins = () => st.db.prepare(`SELECT gtin FROM product_gtins WHERE product_code = 'vaxzevria' ORDER BY gtin`).all();
  const configure = (args: Record<string, unknown>) =>
    st.dispatch('products.configure', { code: 'vaxzevria', reason: 'codes from the pharmacy', by: 'x', ...args } as never, signedInCall(st, 'supervisor', { displayName: 'Marie Dubois' }));

  it('stores a CNK, an ATC code in upper case and a GTIN-13 as 14 digits, keeping the old GTINs', async () => {
    const gtinsBefore = gtins();
    const answer = await configure({ cnk: ' 4321098 ', atc: 'j07bn02', addGtins: ['4006381333931'] });
    expect(answer.ok).toBe(true);
    expect(product()).toMatchObject({ cnk: '4321098', atc: 'J07BN02' });
    expect(gtins()).toEqual([...gtinsBefore, { gtin: '04006381333931' }].sort((a, b) => (a as { gtin: string }).gtin.localeCompare((b as { gtin: string }).gtin)));
  });

  it('refuses a bad CNK, ATC or GTIN, or a GTIN of another product, with the catalogue message and writes nothing', async () => {
    const before = { product: product(), gtins: gtins(), changes: st.db.prepare('SELECT count(*) AS n FROM product_changes').get() };
    const spikevaxGtin = '08714729812340';
    const cases: [Record<string, unknown>, string, string][] = [
      [{ cnk: '12345' }, 'products.cnk_invalid', 'The CNK "12345" is not valid'],
      [{ atc: 'J07' }, 'products.atc_invalid', 'The ATC code "J07" is not valid'],
      [{ addGtins: ['4006381333932'] }, 'products.gtin_invalid', 'The GTIN "4006381333932" is not valid'],
      [{ addGtins: [spikevaxGtin] }, 'products.gtin_taken', `The GTIN ${spikevaxGtin} already identifies the product spikevax`],
      [{ dosesPerVial: 12, cnk: 'abc' }, 'products.cnk_invalid', 'The CNK "abc" is not valid'],
    ];
    for (const [args, code, message] of cases) {
      const answer = await configure(args);
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe(code);
      expect(answer.error.message).toContain(message);
    }
    expect({ product: product(), gtins: gtins(), changes: st.db.prepare('SELECT count(*) AS n FROM product_changes').get() }).toEqual(before);
  });

  it('clears the CNK with an empty value', async () => {
    expect((await configure({ cnk: '' })).ok).toBe(true);
    expect(product()).toMatchObject({ cnk: null, atc: 'J07BN02' });
  });
});
