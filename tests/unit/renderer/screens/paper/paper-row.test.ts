import { describe, expect, it } from 'vitest';
import { fieldOf, typedTime } from '../../../../../src/renderer/screens/paper/paper-row';

describe('a paper record row', () => {
  it('reads the time as written on paper: 10:15, 10.15, 10h15, 1015, 9:05', () => {
    expect(['10:15', '10.15', '10h15', '1015', ' 10 15 '].map(typedTime)).toEqual(['10:15', '10:15', '10:15', '10:15', '10:15']);
    expect(typedTime('9:05')).toBe('09:05');
  });

  it('refuses what is no time of day, so nothing is sent', () => {
    expect(['24:00', '10:60', '', 'abc', '10', '10:5'].map(typedTime)).toEqual([null, null, null, null, null, null]);
  });

  it('puts each refusal next to the field to change', () => {
    expect(fieldOf('booking.rekey_future')).toBe('time');
    expect(fieldOf('booking.rekey_too_old')).toBe('time');
    expect(fieldOf('booking.rekey_unknown_vaccinator')).toBe('vaccinator');
    expect(fieldOf('booking.rekey_not_vaccinator')).toBe('vaccinator');
    expect(fieldOf('vials.not_invited')).toBe('lot');
    expect(fieldOf('booking.unknown_person')).toBe('ssin');
    expect(fieldOf('internal')).toBe('form');
  });
});
