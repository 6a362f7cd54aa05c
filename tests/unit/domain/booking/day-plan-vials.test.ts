import { describe, expect, it } from 'vitest';
import { vialsForDay } from '../../../../src/domain/booking/day-plan';

describe('vialsForDay', () => {
  it('prepares a vial for every started group of people still to come, after the doses in open vials', () => {
    // 4 dose-2 bookings + 3 expected first doses, 6 a vial: two vials.
    expect(vialsForDay({ booked: 4, expected: 3, given: 0, inOpenVials: 0, dosesPerVial: 6 })).toBe(2);
    // 2 already vaccinated and 5 doses in an open vial: nothing more.
    expect(vialsForDay({ booked: 4, expected: 3, given: 2, inOpenVials: 5, dosesPerVial: 6 })).toBe(0);
    // One person more than the open vial holds: a whole vial.
    expect(vialsForDay({ booked: 4, expected: 3, given: 1, inOpenVials: 5, dosesPerVial: 6 })).toBe(1);
    // More doses left than people: never below zero.
    expect(vialsForDay({ booked: 0, expected: 1, given: 0, inOpenVials: 12, dosesPerVial: 10 })).toBe(0);
  });
});
