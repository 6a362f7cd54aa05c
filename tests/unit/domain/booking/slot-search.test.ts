import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayRank, daysInRankOrder, pickUnit, rankSlots, type CandidateSlot } from '../../../../src/domain/booking/slot-search';
import { nextDoseWindow } from '../../../../src/domain/vaccines/interval';
import { addDays, localDateOf, localInstant } from '../../../../src/domain/time/local-time';

const dose1 = localInstant('2021-03-07', '10:00');
const window = nextDoseWindow(dose1, { minDays: 19, targetDays: 21, maxDays: 42 });
const now = localInstant('2021-03-07', '10:05');

function slot(date: string, time: string, units = [0], productCode = 'comirnaty'): CandidateSlot {
  const start = localInstant(date, time);
  return { slotId: `${date}T${time}/${productCode}`, sessionId: `s-${date}`, productCode, start, end: start, freeOwnedUnits: units };
}

describe('ranking of dose-2 slots', () => {
  it('orders days: target, then later up to the latest day, then earlier back to the earliest', () => {
    expect(dayRank('2021-03-28', window)).toBe(0);
    expect(dayRank('2021-03-29', window)).toBe(1);
    expect(dayRank('2021-04-18', window)).toBe(21);
    expect(dayRank('2021-03-27', window)).toBe(22);
    expect(dayRank('2021-03-26', window)).toBe(23);
    expect(dayRank('2021-03-25', window)).toBeNull();
    expect(dayRank('2021-04-19', window)).toBeNull();
  });

  it('books the target day at the time nearest to the first dose, across the clock change', () => {
    const ranked = rankSlots([slot('2021-03-28', '09:00'), slot('2021-03-28', '10:15'), slot('2021-03-28', '14:00'), slot('2021-03-29', '10:00')], window, 'comirnaty', {}, now);
    expect(ranked.map((s) => s.slotId)).toEqual(['2021-03-28T10:15/comirnaty', '2021-03-28T09:00/comirnaty', '2021-03-28T14:00/comirnaty', '2021-03-29T10:00/comirnaty']);
  });

  it('prefers a later day to an earlier one, and uses the earlier days only when nothing later is free', () => {
    expect(rankSlots([slot('2021-03-27', '10:00'), slot('2021-04-10', '10:00')], window, 'comirnaty', {}, now)[0]!.slotId).toBe('2021-04-10T10:00/comirnaty');
    expect(rankSlots([slot('2021-03-27', '10:00')], window, 'comirnaty', {}, now)[0]!.slotId).toBe('2021-03-27T10:00/comirnaty');
  });

  it('leaves out other products, full slots, past slots and days outside the window', () => {
    const ranked = rankSlots(
      [slot('2021-03-28', '10:00', [0], 'spikevax'), slot('2021-03-28', '10:30', []), slot('2021-04-19', '10:00'), slot('2021-03-25', '10:00'), slot('2021-03-30', '11:00')],
      window,
      'comirnaty',
      {},
      now,
    );
    expect(ranked.map((s) => s.slotId)).toEqual(['2021-03-30T11:00/comirnaty']);
    expect(rankSlots([slot('2021-03-28', '10:00')], window, 'comirnaty', {}, localInstant('2021-03-28', '10:00'))).toEqual([]);
  });

  it('honours the parts of the day and a not-before date', () => {
    const slots = [slot('2021-03-28', '10:00'), slot('2021-03-28', '18:00'), slot('2021-04-02', '10:00'), slot('2021-04-02', '13:00')];
    expect(rankSlots(slots, window, 'comirnaty', { partsOfDay: ['evening'] }, now).map((s) => s.slotId)).toEqual(['2021-03-28T18:00/comirnaty']);
    expect(rankSlots(slots, window, 'comirnaty', { notBefore: '2021-04-01', partsOfDay: ['afternoon'] }, now).map((s) => s.slotId)).toEqual(['2021-04-02T13:00/comirnaty']);
    expect(rankSlots(slots, window, 'comirnaty', { partsOfDay: [] }, now)).toHaveLength(4);
  });

  it('lists the window days in exactly the order of their rank (a station reads one day at a time)', () => {
    const days = daysInRankOrder(window);
    expect(days).toHaveLength(24); // day 19 to day 42 after the first dose
    expect(days.slice(0, 2)).toEqual(['2021-03-28', '2021-03-29']);
    expect(days.slice(-2)).toEqual(['2021-03-27', '2021-03-26']);
    days.forEach((d, i) => expect(dayRank(d, window)).toBe(i));
  });

  it('takes the lowest free unit', () => {
    expect(pickUnit(slot('2021-03-28', '10:00', [5, 2, 9]))).toBe(2);
  });

  it('property: every ranked slot is in the window, of the product, free, in the future, and day ranks never decrease', () => {
    const arbSlot = fc.record({
      day: fc.integer({ min: 10, max: 50 }),
      minutes: fc.integer({ min: 8 * 4, max: 20 * 4 }).map((q) => q * 15),
      product: fc.constantFrom('comirnaty', 'spikevax'),
      units: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arbSlot, { maxLength: 40 }), (raw) => {
        const candidates = raw.map((r, i) => {
          const date = addDays('2021-03-07', r.day);
          const time = `${String(Math.floor(r.minutes / 60)).padStart(2, '0')}:${String(r.minutes % 60).padStart(2, '0')}`;
          return { ...slot(date, time, r.units, r.product), slotId: `s${i}` };
        });
        const ranked = rankSlots(candidates, window, 'comirnaty', {}, now);
        let lastRank = -1;
        for (const s of ranked) {
          const rank = dayRank(localDateOf(s.start), window);
          expect(rank).not.toBeNull();
          expect(rank!).toBeGreaterThanOrEqual(lastRank);
          lastRank = rank!;
          expect(s.productCode).toBe('comirnaty');
          expect(s.freeOwnedUnits.length).toBeGreaterThan(0);
        }
        const eligible = candidates.filter((c) => c.productCode === 'comirnaty' && c.freeOwnedUnits.length > 0 && dayRank(localDateOf(c.start), window) !== null);
        expect(ranked).toHaveLength(eligible.length);
      }),
      { numRuns: 200 },
    );
  });
});
