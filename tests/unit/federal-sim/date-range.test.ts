import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dateRange, instantWithOffset } from '../../../src/federal-sim/store';
import { seededRandom } from '../../../src/federal-sim/faults';

/** What the stand-in answered before its instants were read without luxon. */
function luxonInstant(text: string): { lo: number; hi: number } | null {
  const d = DateTime.fromISO(text, { zone: 'Europe/Brussels', setZone: true });
  if (!d.isValid || !/T/.test(text)) return null;
  return { lo: d.toMillis(), hi: d.toMillis() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('the stand-in reads instants with an offset without luxon, with luxon\'s answers', () => {
  it('reads what stations send', () => {
    expect(instantWithOffset('2026-03-01T10:15:30+01:00')).toBe(Date.parse('2026-03-01T09:15:30Z'));
    expect(instantWithOffset('2026-03-01T10:15:30.1234Z')).toBe(Date.parse('2026-03-01T10:15:30.123Z'));
    expect(instantWithOffset('2026-07-01T00:00-05:30')).toBe(Date.parse('2026-07-01T05:30:00Z'));
  });

  it('leaves anything unusual to luxon, which gives the same range as before', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:00:60Z', '0099-03-01T10:00:00Z', '2026-03-01T10:00:00+15:00', '2026-03-01T10:00:00', '2026-03-01 10:00:00Z', 'nonsense']) {
      expect(instantWithOffset(text), text).toBeNull();
      expect(dateRange(text), text).toEqual(luxonInstant(text));
    }
    expect(dateRange('2026-02-30T10:00:00Z')).toBeNull();
  });

  it('matches luxon on 5,000 random instants (fixed seed), fractions and offsets included', () => {
    const random = seededRandom(18);
    const pick = (n: number) => Math.floor(random() * n);
    for (let i = 0; i < 5000; i++) {
      const offset = pick(4) === 0 ? 'Z' : `${pick(2) ? '+' : '-'}${pad(pick(15))}:${pad(pick(4) * 15)}`;
      const fraction = pick(3) === 0 ? `.${pad(pick(1_000_000), 1 + pick(6))}` : '';
      const seconds = pick(4) === 0 ? '' : `:${pad(pick(60))}${fraction}`;
      const text = `${1000 + pick(9000)}-${pad(1 + pick(12))}-${pad(1 + pick(31))}T${pad(pick(24))}:${pad(pick(60))}${seconds}${offset}`;
      expect(dateRange(text), text).toEqual(luxonInstant(text));
    }
  });
});
