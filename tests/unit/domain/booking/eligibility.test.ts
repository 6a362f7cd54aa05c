import { describe, expect, it } from 'vitest';
import { eligibilityRefusal, type EligibilityInput } from '../../../../src/domain/booking/eligibility';

const comirnaty = { code: 'comirnaty', dosesInCourse: 2, interval: { minDays: 19, targetDays: 21, maxDays: 42 } };
const janssen = { code: 'janssen', dosesInCourse: 1, interval: null };
const courseLength = (code: string) => (code === 'janssen' ? 1 : 2);
const dose1 = (productCode: string, localDate: string) => ({ productCode, doseNumber: 1, administeredAt: `${localDate}T09:00:00+01:00`, localDate });
const input = (over: Partial<EligibilityInput>): EligibilityInput => ({ day: '2026-03-03', product: comirnaty, previous: [], invited: [], courseLength, ...over });

describe('eligibility for a product on a day, before a vial is opened', () => {
  it('takes the invited product, or any product when the invitation names none', () => {
    expect(eligibilityRefusal(input({ invited: ['comirnaty', 'spikevax'] }))).toBeNull();
    expect(eligibilityRefusal(input({}))).toBeNull();
    expect(eligibilityRefusal(input({ invited: ['vaxzevria'] }))).toEqual({ reason: 'not_invited', invited: ['vaxzevria'] });
  });

  it('keeps a course on its product and gives the first allowed day when it is too early', () => {
    expect(eligibilityRefusal(input({ product: { ...comirnaty, code: 'spikevax' }, previous: [dose1('comirnaty', '2026-02-01')] }))).toEqual({ reason: 'other_product', previous: 'comirnaty' });
    expect(eligibilityRefusal(input({ previous: [dose1('comirnaty', '2026-02-20')] }))).toEqual({ reason: 'too_early', previous: 'comirnaty', firstDay: '2026-03-11', minimumDays: 19 });
    expect(eligibilityRefusal(input({ previous: [dose1('comirnaty', '2026-02-12')] }))).toBeNull();
  });

  it('refuses after a complete course (whatever the vial) and a second dose the same day', () => {
    expect(eligibilityRefusal(input({ previous: [dose1('janssen', '2026-01-10')] }))).toEqual({ reason: 'course_complete', previous: 'janssen' });
    expect(eligibilityRefusal(input({ product: janssen, previous: [dose1('janssen', '2026-01-10')] }))).toEqual({ reason: 'course_complete', previous: 'janssen' });
    expect(eligibilityRefusal(input({ previous: [dose1('comirnaty', '2026-03-03')] }))).toEqual({ reason: 'dose_today', previous: 'comirnaty' });
  });
});
