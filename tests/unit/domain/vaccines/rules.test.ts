import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, ruleInForce, ruleProblems, type DoseRule } from '../../../../src/domain/vaccines/rules';
import { eligibilityRefusal, type EligibilityInput, type RuleTerms } from '../../../../src/domain/booking/eligibility';
import { addDays } from '../../../../src/domain/time/local-time';

const terms: RuleTerms = { interval: { minDays: 19, targetDays: 21, maxDays: 42 }, minAgeYears: null, maxAgeYears: null, mixedWith: [], booster: null };
const version = (productCode: string, validFrom: string, over: Partial<DoseRule> = {}): DoseRule => ({ productCode, validFrom, ...terms, ...over });

/** Days of 2021-2022 as YYYY-MM-DD, drawn by offset from 1 January 2021. */
const dayArb = fc.integer({ min: 0, max: 729 }).map((n) => addDays('2021-01-01', n));

describe('the rule version in force on a day', () => {
  it('is the latest version that began on or before the day: the day a version begins is its own, the day before is the previous one’s', () => {
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { minLength: 1, maxLength: 8 }), (starts) => {
        const versions = starts.map((d) => version('vaxzevria', d));
        const sorted = [...starts].sort();
        for (const [i, start] of sorted.entries()) {
          expect(ruleInForce(versions, 'vaxzevria', start)?.validFrom).toBe(start);
          const dayBefore = addDays(start, -1);
          expect(ruleInForce(versions, 'vaxzevria', dayBefore)?.validFrom ?? null).toBe(i === 0 ? null : sorted[i - 1]);
        }
        // Another product's versions never apply.
        expect(ruleInForce(versions, 'comirnaty', '2099-01-01')).toBeNull();
      }),
      { seed: 1602, numRuns: 200 },
    );
  });

  it('does not depend on the order the versions are stored in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { minLength: 1, maxLength: 8 }), dayArb, (starts, day) => {
        const versions = starts.map((d) => version('comirnaty', d));
        expect(ruleInForce([...versions].reverse(), 'comirnaty', day)).toEqual(ruleInForce(versions, 'comirnaty', day));
      }),
      { seed: 2021, numRuns: 200 },
    );
  });
});

describe('age on the day of the dose', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1965-06-15', '2021-06-14')).toBe(55);
    expect(ageOn('1965-06-15', '2021-06-15')).toBe(56);
    expect(ageOn('1960-02-29', '2021-02-28')).toBe(60);
    expect(ageOn('1960-02-29', '2021-03-01')).toBe(61);
  });

  it('a version’s age limit refuses from the limit’s boundary day on, the day before a birthday included', () => {
    const birth = '1965-06-15';
    const rule = (onDay: string) => ({ ...terms, minAgeYears: onDay >= '2021-04-08' ? 56 : null });
    const input = (day: string): EligibilityInput => ({ day, product: { code: 'vaxzevria', dosesInCourse: 2, interval: terms.interval }, previous: [], invited: [], courseLength: () => 2, ruleOn: (_c, d) => rule(d), birthDate: birth });
    expect(eligibilityRefusal(input('2021-04-07'))).toBeNull();
    expect(eligibilityRefusal(input('2021-04-08'))).toEqual({ reason: 'too_young', limit: 56, age: 55 });
    expect(eligibilityRefusal(input('2021-06-15'))).toBeNull();
  });
});

describe('eligibility with boosters and mixed schedules', () => {
  const dose = (productCode: string, doseNumber: number, localDate: string) => ({ productCode, doseNumber, administeredAt: `${localDate}T10:00:00+02:00`, localDate });
  const course = [dose('vaxzevria', 1, '2021-04-01'), dose('vaxzevria', 2, '2021-06-01')];
  const base = (over: Partial<EligibilityInput>): EligibilityInput => ({ day: '2021-12-10', product: { code: 'comirnaty', dosesInCourse: 2, interval: terms.interval }, previous: course, invited: [], courseLength: () => 2, birthDate: '1950-01-01', ...over });
  const boosterFrom = (from: string, minAgeYears: number | null = null) => (_code: string, day: string): RuleTerms => ({ ...terms, mixedWith: ['comirnaty'], booster: day >= from ? { products: ['comirnaty', 'spikevax'], minDaysAfterLastDose: 180, minAgeYears } : null });

  it('refuses a booster until the rule of the day allows one, then until 180 days after the last dose, then gives it', () => {
    expect(eligibilityRefusal(base({ day: '2021-09-14', ruleOn: boosterFrom('2021-09-15') }))).toEqual({ reason: 'course_complete', previous: 'vaxzevria' });
    expect(eligibilityRefusal(base({ day: '2021-11-27', ruleOn: boosterFrom('2021-09-15') }))).toEqual({ reason: 'booster_too_early', previous: 'vaxzevria', firstDay: '2021-11-28', minimumDays: 180 });
    expect(eligibilityRefusal(base({ day: '2021-11-28', ruleOn: boosterFrom('2021-09-15') }))).toBeNull();
    expect(eligibilityRefusal(base({ ruleOn: boosterFrom('2021-09-15'), product: { code: 'janssen', dosesInCourse: 1, interval: null } }))).toEqual({ reason: 'booster_product', previous: 'vaxzevria', allowed: ['comirnaty', 'spikevax'] });
    expect(eligibilityRefusal(base({ ruleOn: boosterFrom('2021-09-15', 65), birthDate: '1970-01-01' }))).toEqual({ reason: 'booster_too_young', limit: 65, age: 51 });
  });

  it('takes a second dose of another product only where the first product’s rule of the day allows it', () => {
    const first = [dose('vaxzevria', 1, '2021-05-01')];
    const mixFrom = (_code: string, day: string): RuleTerms => ({ ...terms, interval: { minDays: 28, targetDays: 56, maxDays: 84 }, mixedWith: day >= '2021-07-01' ? ['comirnaty'] : [] });
    expect(eligibilityRefusal(base({ previous: first, day: '2021-06-30', ruleOn: mixFrom }))).toEqual({ reason: 'other_product', previous: 'vaxzevria' });
    expect(eligibilityRefusal(base({ previous: first, day: '2021-07-01', ruleOn: mixFrom }))).toBeNull();
    // The course's interval still holds for the other product: 28 days after 1 May.
    expect(eligibilityRefusal(base({ previous: [dose('vaxzevria', 1, '2021-06-10')], day: '2021-07-01', ruleOn: mixFrom }))).toEqual({ reason: 'too_early', previous: 'vaxzevria', firstDay: '2021-07-08', minimumDays: 28 });
  });
});

describe('problems of a version', () => {
  it('refuses an interval out of order, ages the wrong way round, a product mixed with itself, and an empty booster', () => {
    expect(ruleProblems(version('comirnaty', '2021-01-01'), 2)).toEqual([]);
    expect(ruleProblems(version('comirnaty', '2021-01-01', { interval: null }), 2)).toEqual(['interval']);
    expect(ruleProblems(version('comirnaty', '2021-01-01', { interval: { minDays: 30, targetDays: 21, maxDays: 42 } }), 2)).toEqual(['interval']);
    expect(ruleProblems(version('comirnaty', '2021-01-01', { minAgeYears: 60, maxAgeYears: 55 }), 2)).toEqual(['age']);
    expect(ruleProblems(version('comirnaty', '2021-01-01', { mixedWith: ['comirnaty'] }), 2)).toEqual(['mixedWith']);
    expect(ruleProblems(version('comirnaty', '2021-01-01', { booster: { products: [], minDaysAfterLastDose: 180, minAgeYears: null } }), 2)).toEqual(['booster']);
  });
});
