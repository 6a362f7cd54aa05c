import { describe, expect, it } from 'vitest';
import { observationMinutes, observationTiming } from '../../../../src/domain/observation/period';
import { manifestationCoding, manifestationText, needsText } from '../../../../src/domain/observation/manifestations';
import { BE_VS_REACTION_MANIFESTATION_SNOMED } from '../../../../src/domain/fhir/bevaccination-terms';
import { MANIFESTATION_KEYS } from '../../../../src/domain/observation/manifestations';

describe('observation period', () => {
  it('is 15 minutes, 30 after an allergic history', () => {
    expect(observationMinutes({ allergyHistory: false })).toBe(15);
    expect(observationMinutes({ allergyHistory: true })).toBe(30);
  });

  it('counts whole minutes left, rounded up, and is overdue from the end on', () => {
    const start = '2026-05-06T07:30:00.000Z';
    expect(observationTiming(start, 15, new Date('2026-05-06T07:30:00.000Z'))).toEqual({ endsAt: '2026-05-06T07:45:00.000Z', minutesLeft: 15, overdue: false });
    expect(observationTiming(start, 15, new Date('2026-05-06T07:44:01.000Z'))).toMatchObject({ minutesLeft: 1, overdue: false });
    expect(observationTiming(start, 15, new Date('2026-05-06T07:45:00.000Z'))).toMatchObject({ minutesLeft: 0, overdue: true });
    expect(observationTiming(start, 15, new Date('2026-05-06T08:00:00.000Z'))).toMatchObject({ minutesLeft: 0, overdue: true });
  });
});

describe('reaction manifestations', () => {
  it('code only from be-vs-reaction-manifestation-code; the others travel as text, and only "other" needs staff words', () => {
    for (const m of MANIFESTATION_KEYS) {
      const coding = manifestationCoding(m);
      if (coding) expect(BE_VS_REACTION_MANIFESTATION_SNOMED.has(coding.code), m).toBe(true);
    }
    expect(manifestationCoding('fainting')).toBeNull();
    expect(manifestationText('fainting', '')).toBe('Fainting');
    expect(manifestationText('other', ' tingling lips ')).toBe('tingling lips');
    expect(needsText('other')).toBe(true);
    expect(needsText('fainting')).toBe(false);
  });
});
