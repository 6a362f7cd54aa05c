import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  daysBetween,
  isLocalDate,
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

  it('steps slots in milliseconds exactly as luxon stepped them in the zone, clock-change nights included', () => {
    // The stepping the calendar used before: each slot in luxon, in Brussels time.
    const luxonSlots = (date: string, start: string, end: string, minutes: number) => {
      const to = DateTime.fromISO(`${date}T${end}`, { zone: 'Europe/Brussels' });
      const out: { start: string; end: string }[] = [];
      for (let s = DateTime.fromISO(`${date}T${start}`, { zone: 'Europe/Brussels' }); s.plus({ minutes }) <= to; s = s.plus({ minutes })) {
        out.push({ start: s.toUTC().toISO()!, end: s.plus({ minutes }).toUTC().toISO()! });
      }
      return out;
    };
    const days = ['2021-03-28', '2021-10-31', '2026-03-29', '2026-10-25', '2026-05-06', '2024-02-29'];
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.constantFrom(...days), time, time, fc.integer({ min: 5, max: 120 }), (date, a, b, minutes) => {
        const [start, end] = a < b ? [a, b] : [b, a];
        expect(sessionSlotTimes(date, start, end, minutes)).toEqual(luxonSlots(date, start, end, minutes));
        // Asked again (now from the remembered instants of its ends): the same slots.
        expect(sessionSlotTimes(date, start, end, minutes)).toEqual(luxonSlots(date, start, end, minutes));
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('gives the local day and time of an instant exactly as luxon does, around every clock change too', () => {
    const zone = (instant: string | Date) => (typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant)).setZone('Europe/Brussels');
    // Instants from 1900 to 2100, and the minutes around the clock changes of 2021 and 2026.
    const changes = ['2021-03-28T01:00:00.000Z', '2021-10-31T01:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z'].map(Date.parse);
    const anyInstant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
    const nearChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -90 * 60_000, max: 90 * 60_000 })).map(([t, d]) => t + d);
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearChange), fc.boolean(), (ms, asDate) => {
        const instant = asDate ? new Date(ms) : new Date(ms).toISOString();
        expect(localDateOf(instant)).toBe(zone(instant).toISODate());
        expect(localTimeOf(instant)).toBe(zone(instant).toFormat('HH:mm'));
      }),
      { numRuns: 2000, seed: 18 },
    );
    // Written with an offset, or not an instant at all: as before.
    expect(localDateOf('2021-12-31T23:30:00+00:00')).toBe('2022-01-01');
    expect(() => localDateOf('2021-02-30T10:00:00.000Z')).toThrow(/not an instant/);
    expect(() => localTimeOf(new Date(Number.NaN))).toThrow(/not an instant/);
  });

  it('tells a real calendar day as luxon does', () => {
    const day = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(day, ([y, m, d]) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isLocalDate(text)).toBe(DateTime.fromISO(text, { zone: 'UTC' }).isValid);
      }),
      { numRuns: 2000, seed: 18 },
    );
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-2-28')).toBe(false);
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
