import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSsin, formatSsin, type SsinValue } from '../../../../src/domain/identity/ssin';
import { parseEidCardNumber, isValidEidCardNumber } from '../../../../src/domain/identity/eid-card-number';

// Check digits of the vectors below were computed apart from the implementation (Python one-liner:
// 97 - (int(first9) + (2e9 if born >= 2000 else 0)) % 97).
const TODAY = '2026-11-15';

function ok(text: string, today = TODAY, source?: 'typed' | 'document'): SsinValue {
  const parsed = parseSsin(text, today, source ? { source } : {});
  if (!parsed.ok) throw new Error(`${text} refused: ${parsed.code}`);
  return parsed.value;
}
const code = (text: string, today = TODAY, source?: 'typed' | 'document') => {
  const parsed = parseSsin(text, today, source ? { source } : {});
  return parsed.ok ? 'ok' : parsed.code;
};

describe('national number: check digits and the 2000 rule', () => {
  it('reads a 1985 number with its birth date and sex', () => {
    expect(ok('85073003328')).toMatchObject({ ssin: '85073003328', birthDate: '1985-07-30', sex: 'M', bis: false, numberKind: 'nn', warnings: [] });
  });

  it('reads a number born after 2000 with the 2-prefixed check', () => {
    expect(ok('17073003384')).toMatchObject({ birthDate: '2017-07-30', sex: 'M' });
  });

  it('allows the 20xx reading only when that year is not after today', () => {
    expect(code('17073003384', '2016-12-31')).toBe('identity.ssin.checksum');
    expect(code('17073003384', '2017-01-01')).toBe('ok');
    expect(ok('26031500148', '2026-01-01').birthDate).toBe('2026-03-15');
    expect(code('26031500148', '2025-12-31')).toBe('identity.ssin.checksum');
  });

  it('warns about a birth date later this year rather than refusing it', () => {
    expect(ok('26120100245', '2026-11-15').warnings).toEqual(['ssin.birth_in_future']);
    expect(ok('26120100245', '2026-12-01').warnings).toEqual([]);
  });

  it('tells 1900 and 2000 apart by the check digits alone', () => {
    expect(ok('00010100105').birthDate).toBe('2000-01-01');
    expect(ok('00000100166').birth).toEqual({ year: null, month: null, day: null });
    expect(ok('00000100393').birth).toEqual({ year: null, month: null, day: null });
  });

  it('accepts check digits 97 (the number is a multiple of 97)', () => {
    expect(ok('85010101697').birthDate).toBe('1985-01-01');
  });

  it('refuses a number with one digit changed', () => {
    expect(code('85073003327')).toBe('identity.ssin.checksum');
    expect(code('85073003428')).toBe('identity.ssin.checksum');
    expect(code('95073003328')).toBe('identity.ssin.checksum');
  });

  it('refuses any number whose check digits were swapped or replaced (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 997 }), fc.integer({ min: 0, max: 99 }), (yy, mm, dd, serial, check) => {
        const first9 = `${String(yy).padStart(2, '0')}${String(mm).padStart(2, '0')}${String(dd).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
        const c19 = 97 - Number(BigInt(first9) % 97n);
        const c20 = 97 - Number((BigInt(first9) + 2_000_000_000n) % 97n);
        const valid = check === c19 || (2000 + yy <= 2026 && check === c20);
        expect(parseSsin(first9 + String(check).padStart(2, '0'), TODAY).ok).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});

describe('national number: normalising what people type', () => {
  it.each(['85.07.30-033.28', '85 07 30 033 28', '85-07-30-033-28', '  85073003328\n', '850730 033 28'])('accepts %j', (text) => {
    expect(ok(text).ssin).toBe('85073003328');
  });

  it.each([
    ['8507300332', 10],
    ['850730033288', 12],
    ['', 0],
  ])('refuses %j as not 11 digits', (text, length) => {
    expect(parseSsin(text, TODAY)).toEqual({ ok: false, code: 'identity.ssin.format', params: { length } });
  });

  it('refuses letters and other punctuation', () => {
    expect(parseSsin('85073OO3328', TODAY)).toMatchObject({ ok: false, code: 'identity.ssin.format', params: { length: null } });
    expect(code('85/07/30-033.28')).toBe('identity.ssin.format');
  });

  it('formats as printed on documents', () => {
    expect(formatSsin('85073003328')).toBe('85.07.30-033.28');
    expect(ok('85073003328').formatted).toBe('85.07.30-033.28');
  });
});

describe('national number: sex, BIS and unknown parts', () => {
  it('takes the sex from the serial: odd male, even female', () => {
    expect(ok('90010112494').sex).toBe('F');
    expect(ok('85073003328').sex).toBe('M');
  });

  it('reads BIS numbers: month + 40 keeps the sex, month + 20 means the sex was unknown', () => {
    expect(ok('98472899765')).toMatchObject({ bis: true, numberKind: 'bis', birthDate: '1998-07-28', sex: 'M' });
    expect(ok('01490700185')).toMatchObject({ bis: true, birthDate: '2001-09-07', sex: 'M' });
    expect(ok('85470700259')).toMatchObject({ bis: true, birthDate: '1985-07-07', sex: 'F' });
    expect(ok('85270700117')).toMatchObject({ bis: true, birthDate: '1985-07-07', sex: null });
    expect(ok('85270700216').sex).toBeNull();
  });

  it('treats month 00 as month and day unknown, day 00 as day unknown', () => {
    expect(ok('85000012313')).toMatchObject({ birthDate: null, birth: { year: 1985, month: null, day: null } });
    expect(ok('85070012461')).toMatchObject({ birthDate: null, birth: { year: 1985, month: 7, day: null } });
  });

  it('treats 000001, 002001 and 004001 as a wholly unknown birth date', () => {
    expect(ok('00000100166')).toMatchObject({ birthDate: null, bis: false, birth: { year: null, month: null, day: null } });
    expect(ok('00200100112')).toMatchObject({ birthDate: null, bis: true, sex: null, birth: { year: null, month: null, day: null } });
    expect(ok('00400100254')).toMatchObject({ birthDate: null, bis: true, sex: 'F', birth: { year: null, month: null, day: null } });
  });

  it('knows leap years: 29 February 2000 and 2004 exist, 1900 and 2005 do not', () => {
    expect(ok('00022900145').birthDate).toBe('2000-02-29');
    expect(ok('04022900231').birthDate).toBe('2004-02-29');
    // Past the month's end: accepted with the day unknown (python-stdnum >= 1.19 policy).
    expect(ok('00022900116')).toMatchObject({ birthDate: null, birth: { year: 1900, month: 2, day: null }, warnings: ['ssin.day_past_month_end'] });
    expect(ok('05022900351')).toMatchObject({ birthDate: null, birth: { year: 2005, month: 2, day: null }, warnings: ['ssin.day_past_month_end'] });
    expect(ok('85113100158')).toMatchObject({ birth: { year: 1985, month: 11, day: null }, warnings: ['ssin.day_past_month_end'] });
  });

  it('refuses an impossible month when typed, but only warns when it comes from a card', () => {
    for (const n of ['85130100102', '85190100144', '85330100145', '85530100188', '71715100070']) {
      expect(code(n)).toBe('identity.ssin.birth_date');
      const fromCard = ok(n, TODAY, 'document');
      expect(fromCard.warnings).toContain('ssin.month_out_of_range');
      expect(fromCard.birthDate).toBeNull();
    }
    // The Belgian specimen card's number (month 71): sex still from the serial.
    expect(ok('71715100070', TODAY, 'document')).toMatchObject({ sex: 'F', bis: false, birth: { year: 1971, month: null, day: null } });
    expect(parseSsin('85130100102', TODAY)).toMatchObject({ params: { month: 13 } });
  });

  it('rejects a malformed today as a programming error', () => {
    expect(() => parseSsin('85073003328', '15/11/2026')).toThrow(/today/);
    expect(() => parseSsin('85073003328', '2026-02-30')).toThrow(/today/);
  });
});

describe('eID card number', () => {
  it('accepts the twelve digits with their mod-97 check, with or without dashes', () => {
    expect(parseEidCardNumber('592-0123456-56')).toEqual({ ok: true, value: { cardNumber: '592012345656', formatted: '592-0123456-56' } });
    expect(parseEidCardNumber('592012345656').ok).toBe(true);
    expect(parseEidCardNumber('012 3456789 39').ok).toBe(true);
  });

  it('uses 97 when the first ten digits are a multiple of 97', () => {
    // 0000000097 mod 97 = 0 -> 97; 0000000194 likewise.
    expect(isValidEidCardNumber('000000009797')).toBe(true);
    expect(isValidEidCardNumber('000000019497')).toBe(true);
    expect(isValidEidCardNumber('000000009700')).toBe(false);
  });

  it('refuses wrong check digits and wrong lengths', () => {
    expect(parseEidCardNumber('592-0123456-57')).toEqual({ ok: false, code: 'identity.card_number.checksum', params: {} });
    expect(parseEidCardNumber('592-0123456-5')).toEqual({ ok: false, code: 'identity.card_number.format', params: {} });
    expect(parseEidCardNumber('B92-0123456-56').ok).toBe(false);
  });
});
