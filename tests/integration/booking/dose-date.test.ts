import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { makeTempDir } from '../../support/temp-dir';
import { seedSmallCentre, testSsin } from '../../support/booking/world';
import { localInstant } from '../../../src/domain/time/local-time';
import { checkDoseDate, EARLIEST_DOSE_DATE } from '../../../src/domain/booking/dose-date';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { translate } from '../../../src/shared/i18n/translate';
import { openTestStation, stationApi, expectCode, NO_IDLE_LOCK, type TestStation } from '../../support/station';

const START = localInstant('2021-03-07', '10:00');
const vaccinator = { nihdi: '10000000001', name: 'An Peeters' };
const temp = makeTempDir('dosedesk-dose-date-');
const clock = new ManualClock(START);
let st: TestStation;
let lots: Record<string, string>;

const count = (table: string) => (st.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const person = (birthDate: string | null) => ({ familyName: 'Janssens', givenNames: 'Lien', birthDate, sex: 'F' as const, language: 'nl' as const });

beforeAll(() => {
  st = openTestStation({ dir: temp.dir, stationId: 'station-1', clock, deferServices: true, lockAfterSeconds: NO_IDLE_LOCK });
  lots = seedSmallCentre(st.db, clock, { from: '2021-03-07', days: 60, stations: ['station-1'], capacity: 4 }).lots;
});
afterAll(() => {
  st.close();
  temp.cleanup();
});

describe('the injection time has bounds', () => {
  it('refuses a dose dated before the campaign, before birth or in the future, and records nothing', async () => {
    const api = stationApi(st, 'vaccinator');
    const before = { doses: count('dose_records'), outbox: count('outbox'), citizens: count('citizens') };
    const administer = (n: number, administeredAt: string, birthDate: string | null = '1985-07-30') =>
      api.call('booking.administer', { ssin: testSsin(n), person: person(birthDate), lotId: lots.comirnaty!, vaccinator, administeredAt });
    await expectCode(administer(1, '0001-01-01T00:00:00.000Z'), 'booking.administered_before_floor');
    await expectCode(administer(2, '2020-11-30T10:00:00.000Z'), 'booking.administered_before_floor');
    await expectCode(administer(3, '2021-02-01T10:00:00.000Z', '2021-02-15'), 'booking.administered_before_birth');
    await expectCode(administer(4, new Date(Date.parse(START) + 60 * 60_000).toISOString()), 'booking.administered_in_future');
    expect({ doses: count('dose_records'), outbox: count('outbox'), citizens: count('citizens') }).toEqual(before);
    // A few minutes of clock difference between devices is tolerated.
    const skewed = await administer(5, new Date(Date.parse(START) + 3 * 60_000).toISOString());
    expect(skewed.dose.doseNumber).toBe(1);
  });

  it('refuses a second dose dated before the first one instead of calling it "too early" with negative days', async () => {
    const api = stationApi(st, 'vaccinator');
    const ssin = testSsin(6);
    await api.call('booking.administer', { ssin, person: person('1985-07-30'), lotId: lots.comirnaty!, vaccinator });
    clock.advance(30 * 24 * 3600_000);
    try {
      const outboxBefore = count('outbox');
      await expectCode(api.call('booking.administer', { ssin, lotId: lots.comirnaty!, vaccinator, administeredAt: '2021-02-05T10:00:00.000Z' }), 'booking.administered_before_previous');
      expect(count('outbox')).toBe(outboxBefore);
    } finally {
      clock.set(START);
    }
  });

  it('refuses a correction that moves a dose before the campaign or before birth', async () => {
    const api = stationApi(st, 'vaccinator');
    const r = await api.call('booking.administer', { ssin: testSsin(7), person: person('1990-01-01'), lotId: lots.comirnaty!, vaccinator });
    const by = { ...vaccinator, role: 'vaccinator' as const };
    await expectCode(api.call('booking.correctDose', { doseId: r.dose.id, administeredAt: '0001-01-01T00:00:00.000Z', reason: 'typo', by }), 'booking.administered_before_floor');
    const dose = await api.call('booking.correctDose', { doseId: r.dose.id, administeredAt: localInstant('2021-03-07', '09:00'), reason: 'time typed late', by });
    expect(dose.version).toBe(2);
  });

  it('judges on Brussels days, takes another floor, and ignores an unknown or partial birth date', () => {
    const now = new Date('2021-03-07T09:00:00Z');
    expect(checkDoseDate({ at: '2020-11-30T23:30:00Z', now })).toBeNull(); // 00:30 on 1 December in Brussels
    expect(checkDoseDate({ at: '2020-11-30T22:30:00Z', now })).toMatchObject({ code: 'booking.administered_before_floor', params: { floor: EARLIEST_DOSE_DATE } });
    expect(checkDoseDate({ at: '2021-01-10T10:00:00Z', now, floor: '2021-01-15' })).toMatchObject({ code: 'booking.administered_before_floor', params: { date: '2021-01-10', floor: '2021-01-15' } });
    expect(checkDoseDate({ at: '2021-01-10T10:00:00Z', now, birthDate: null })).toBeNull();
    expect(checkDoseDate({ at: '2021-01-10T10:00:00Z', now, birthDate: '2021' })).toBeNull();
    expect(checkDoseDate({ at: '2021-01-10T10:00:00Z', now, birthDate: '2021-01-10' })).toBeNull();
  });

  it('says why in every language, without negative numbers', () => {
    const params = { date: '2021-02-05', floor: EARLIEST_DOSE_DATE, birth: '2021-02-15', previous: '2021-03-07' };
    for (const language of LANGUAGES) {
      for (const code of ['administered_before_floor', 'administered_before_birth', 'administered_before_previous']) {
        const message = translate(language, `error.booking.${code}`, params);
        expect(message).not.toContain(`error.booking.${code}`);
        expect(message).not.toMatch(/-\d+ /);
      }
    }
  });
});
