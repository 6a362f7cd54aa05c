import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  daysBetween,
  localDateOf,
  localInstant,
  localTimeOf,
  partOfDayOf,
  plusLocalDays,
  sessionSlotTimes,
} from '../../../../src/domain/time/local-time';
import { checkMinimumInterval, isLotUsable, nextDoseWindow } from '../../../../src/domain/vaccines/interval';

describe('local calendar arithmetic (Europe/Brussels)', () => {
  it('keeps the wall-clock time across the March clock change: 7 March 2021 10:00 + 21 days = 28 March 10:00', () => {
    const dose = localInstant('2021-03-07', '10:00');
    expect(dose).toBe('2021-03-07T09:00:00.000Z');
    const next = plusLocalDays(dose, 21);
    expect(next).toBe('2021-03-28T08:00:00.000Z');
    expect(localDateOf(next)).toBe('2021-03-28');
    expect(localTimeOf(next)).toBe('10:00');
  });

  it('keeps the wall-clock time across the October clock change', () => {
    const next = plusLocalDays(localInstant('2021-10-10', '10:00'), 21);
    expect(next).toBe('2021-10-31T09:00:00.000Z');
    expect(localTimeOf(next)).toBe('10:00');
  });

  it('lands on 29 February in a leap year and on 1 March otherwise', () => {
    expect(localDateOf(plusLocalDays(localInstant('2024-02-08', '14:30'), 21))).toBe('2024-02-29');
    expect(localDateOf(plusLocalDays(localInstant('2023-02-08', '14:30'), 21))).toBe('2023-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
  });

  it('crosses a year end', () => {
    expect(localDateOf(plusLocalDays(localInstant('2021-12-20', '09:15'), 21))).toBe('2022-01-10');
    expect(daysBetween('2021-12-31', '2022-01-01')).toBe(1);
    // 23:30 UTC on 31 December is already 00:30 on 1 January in Brussels.
    expect(localDateOf('2021-12-31T23:30:00.000Z')).toBe('2022-01-01');
  });

  it('counts a day with 23 or 25 hours as one day', () => {
    expect(daysBetween('2021-03-27', '2021-03-29')).toBe(2);
    expect(daysBetween('2021-10-30', '2021-11-01')).toBe(2);
  });

  it('gives a session on the spring-forward night its real minutes of slots, and more on the autumn night', () => {
    expect(sessionSlotTimes('2021-03-28', '01:00', '04:00', 30)).toHaveLength(4);
    expect(sessionSlotTimes('2021-10-31', '01:00', '04:00', 30)).toHaveLength(8);
    const day = sessionSlotTimes('2021-03-28', '09:00', '12:00', 15);
    expect(day).toHaveLength(12);
    expect(day[0]!.start).toBe('2021-03-28T07:00:00.000Z');
  });

  it('works out the dose-2 window in local days', () => {
    const w = nextDoseWindow(localInstant('2021-03-07', '10:00'), { minDays: 19, targetDays: 21, maxDays: 42 });
    expect(w).toEqual({ earliestDate: '2021-03-26', targetDate: '2021-03-28', latestDate: '2021-04-18', targetAt: '2021-03-28T08:00:00.000Z' });
  });

  it('checks the minimum interval on local days, not hours', () => {
    // 23:30 local on day 0, next day 00:10 local: one day, although less than an hour passed.
    const late = localInstant('2021-03-07', '23:30');
    expect(checkMinimumInterval(late, '2021-03-08', { minDays: 1, targetDays: 1, maxDays: 2 })).toEqual({ ok: true, daysSince: 1 });
    expect(checkMinimumInterval(late, '2021-03-25', { minDays: 19, targetDays: 21, maxDays: 42 })).toEqual({ ok: false, daysSince: 18, earliestDate: '2021-03-26' });
  });

  it('uses a lot through its expiry day', () => {
    expect(isLotUsable('2021-03-31', '2021-03-31')).toBe(true);
    expect(isLotUsable('2021-03-31', '2021-04-01')).toBe(false);
  });

  it('names the part of the day from the local start', () => {
    expect(partOfDayOf(localInstant('2021-03-28', '11:59'))).toBe('morning');
    expect(partOfDayOf(localInstant('2021-03-28', '12:00'))).toBe('afternoon');
    expect(partOfDayOf(localInstant('2021-10-31', '17:00'))).toBe('evening');
  });

  it('property: n days later keeps the local time of day (outside the spring gap) and moves the local date by n', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 200 }),
        (date, days) => {
          const at = DateTime.fromJSDate(date).setZone('Europe/Brussels').set({ hour: 9 + (date.getUTCMinutes() % 10), minute: date.getUTCSeconds(), second: 0, millisecond: 0 });
          const iso = at.toUTC().toISO()!;
          const later = plusLocalDays(iso, days);
          expect(localTimeOf(later)).toBe(localTimeOf(iso));
          expect(localDateOf(later)).toBe(addDays(localDateOf(iso), days));
          expect(daysBetween(localDateOf(iso), localDateOf(later))).toBe(days);
        },
      ),
      { numRuns: 300 },
    );
  });
});
