import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as referenceParse } from 'mrz';
import { mrzCheckDigit, parseMrz, type MrzValue } from '../../../../src/domain/identity/mrz';
import { buildMrz, icaoCheck, ssinWithCheck, type MrzInput } from './builders';

const TODAY = '2026-11-15';
const text = (input: MrzInput = {}) => buildMrz(input).join('\n');

function ok(mrz: string, today = TODAY): MrzValue {
  const parsed = parseMrz(mrz, today);
  if (!parsed.ok) throw new Error(`refused: ${parsed.code}`);
  return parsed.value;
}
const code = (mrz: string) => {
  const parsed = parseMrz(mrz, TODAY);
  return parsed.ok ? 'ok' : parsed.code;
};
/** Replaces one character of one line. */
function corrupt(lines: [string, string, string], line: number, at: number, ch: string): string {
  const copy = [...lines];
  copy[line] = copy[line]!.slice(0, at) + ch + copy[line]!.slice(at + 1);
  return copy.join('\n');
}

describe('ICAO check digit', () => {
  it('matches the ICAO 9303 specimen values', () => {
    // ICAO 9303 part 5 TD1 specimen: I<UTOD231458907..., 7408122F1204159UTO...6
    expect(mrzCheckDigit('D23145890')).toBe(7);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    const l1 = 'I<UTOD231458907<<<<<<<<<<<<<<<';
    const l2 = '7408122F1204159UTO<<<<<<<<<<<6';
    expect(mrzCheckDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29))).toBe(6);
    // ICAO long document number D23145890123 (continued after a `<`): check digit 3.
    expect(mrzCheckDigit('D23145890123')).toBe(3);
    expect(mrzCheckDigit('<<<')).toBe(0);
    expect(mrzCheckDigit('Z')).toBe((35 * 7) % 10);
  });
});

describe('Belgian eID MRZ', () => {
  it('reads every field of a Belgian card', () => {
    const [l1] = buildMrz();
    expect(l1).toBe('IDBEL592012345<6560<<<<<<<<<<<');
    expect(ok(text())).toEqual({
      documentCode: 'ID',
      issuingState: 'BEL',
      documentNumber: '592012345656',
      ssin: '85073003328',
      surname: 'VAN DEN BOSSCHE',
      givenNames: 'JAN MARIE',
      namesTruncated: false,
      birthDate: '1985-07-30',
      birth: { year: 1985, month: 7, day: 30 },
      sex: 'M',
      expiryDate: '2031-01-15',
      nationality: 'BEL',
      warnings: [],
    });
  });

  it('accepts CRLF line ends, surrounding blanks and the three lines run together', () => {
    const lines = buildMrz();
    expect(ok(`\n${lines.join('\r\n')}\r\n`).ssin).toBe('85073003328');
    expect(ok(lines.join('')).documentNumber).toBe('592012345656');
  });

  it('reads an old 9-character document number with its check digit in position 15', () => {
    const v = ok(text({ documentNumber: '591234567' }));
    expect(v.documentNumber).toBe('591234567');
  });

  it('names its refusal after the check digit that failed', () => {
    const lines = buildMrz();
    const bad = (l: number, at: number) => {
      const current = lines[l]![at]!;
      return corrupt(lines, l, at, current === '1' ? '2' : '1');
    };
    expect(code(bad(0, 18))).toBe('identity.mrz.check_document_number');
    expect(code(bad(0, 7))).toBe('identity.mrz.check_document_number');
    expect(code(bad(1, 6))).toBe('identity.mrz.check_birth_date');
    expect(code(bad(1, 2))).toBe('identity.mrz.check_birth_date');
    expect(code(bad(1, 14))).toBe('identity.mrz.check_expiry_date');
    expect(code(bad(1, 10))).toBe('identity.mrz.check_expiry_date');
    expect(code(bad(1, 29))).toBe('identity.mrz.check_composite');
    expect(code(bad(1, 20))).toBe('identity.mrz.check_composite');
  });

  it('computes the long document number check without the `<` (not with it)', () => {
    const doc = '592012345656';
    const withFiller = icaoCheck(`${doc.slice(0, 9)}<${doc.slice(9)}`);
    const without = icaoCheck(doc);
    expect(withFiller).not.toBe(without);
    const lines = buildMrz();
    expect(code(corrupt(lines, 0, 18, withFiller))).toBe('identity.mrz.check_document_number');
  });

  it('refuses what is not three lines of 30 MRZ characters', () => {
    const [l1, l2, l3] = buildMrz();
    expect(code([l1, l2].join('\n'))).toBe('identity.mrz.format');
    expect(code([l1, l2, l3.slice(0, 29)].join('\n'))).toBe('identity.mrz.format');
    expect(code([l1, l2, l3.toLowerCase()].join('\n'))).toBe('identity.mrz.format');
    expect(code([l1, l2, l3, l3].join('\n'))).toBe('identity.mrz.format');
  });

  it('refuses other documents and other issuing states', () => {
    expect(code(text({ documentCode: 'I<' }))).toBe('identity.mrz.not_belgian_id');
    expect(code(text({ issuingState: 'FRA' }))).toBe('identity.mrz.not_belgian_id');
  });

  it('keeps a foreign nationality (foreigner cards are Belgian documents)', () => {
    expect(ok(text({ nationality: 'MAR' })).nationality).toBe('MAR');
    expect(ok(text({ nationality: 'D' })).nationality).toBe('D');
  });

  it('uses the national number to settle the century, and today when there is none', () => {
    const kid = ok(text({ birth: '170730', nationalNumber: '17073003384' }));
    expect(kid.birthDate).toBe('2017-07-30');
    const old = ok(text({ birth: '300101', nationalNumber: '' }));
    expect(old).toMatchObject({ birthDate: '1930-01-01', ssin: null, warnings: ['mrz.no_national_number'] });
    expect(ok(text({ birth: '100101', nationalNumber: '' })).birthDate).toBe('2010-01-01');
    // Later this year than today: last century.
    expect(ok(text({ birth: '261201', nationalNumber: '' })).birthDate).toBe('1926-12-01');
  });

  it('accepts unknown birth month and day written as <<', () => {
    const v = ok(text({ birth: '75<<<<', nationalNumber: '75000041791' }));
    expect(v).toMatchObject({ birthDate: null, birth: { year: 1975, month: null, day: null }, warnings: [] });
  });

  it('warns, without refusing, when the card disagrees with its national number or has expired', () => {
    expect(ok(text({ sex: 'F' })).warnings).toEqual(['mrz.sex_mismatch']);
    expect(ok(text({ birth: '850731' })).warnings).toEqual(['mrz.birth_date_mismatch']);
    expect(ok(text({ expiry: '260101' })).warnings).toEqual(['mrz.expired']);
    expect(ok(text({ sex: '<' })).sex).toBeNull();
    expect(ok(text({ documentNumber: '592012345657' })).warnings).toEqual(['mrz.card_number_check']);
  });

  it('warns when a digit of the card number was read as the letter ten values above it (1/B, 6/G, 0/K/U): the ICAO check digit still passes', () => {
    const lines = buildMrz(); // card number 592012345656 in 6-14, the rest after the '<' in 16..
    // Each digit of the card number that has a letter ten values above it, swapped for that letter.
    const letterFor: Record<string, string[]> = { '1': ['B'], '6': ['G'], '0': ['K', 'U'] };
    let tried = 0;
    for (const at of [5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17]) {
      for (const letter of letterFor[lines[0][at]!] ?? []) {
        const mrz = corrupt(lines, 0, at, letter);
        const parsed = parseMrz(mrz, TODAY);
        expect(parsed.ok, `${at}:${letter}`).toBe(true);
        if (parsed.ok) {
          expect(parsed.value.documentNumber).toMatch(/[A-Z]/);
          expect(parsed.value.warnings).toContain('mrz.card_number_letter');
        }
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(3);
    expect(ok(text()).warnings).toEqual([]);
  });

  it('refuses impossible dates, sex and national numbers', () => {
    expect(code(text({ birth: '851301' }))).toBe('identity.mrz.birth_date');
    expect(code(text({ birth: '850230', nationalNumber: '' }))).toBe('identity.mrz.birth_date');
    expect(code(text({ expiry: '310230' }))).toBe('identity.mrz.expiry_date');
    expect(code(text({ sex: 'X' }))).toBe('identity.mrz.sex');
    expect(code(text({ nationalNumber: '85073003327' }))).toBe('identity.mrz.national_number');
    expect(code(text({ nationalNumber: '8507300332A' }))).toBe('identity.mrz.national_number');
    expect(code(text({ nationality: '1BE' }))).toBe('identity.mrz.nationality');
    expect(code(text({ names: '<<JAN' }))).toBe('identity.mrz.names');
  });

  it('turns fillers into single spaces and flags names cut at 30 characters', () => {
    const long = ok(text({ names: 'DE<LA<CROIX<DE<CASTRIES<<MARIE<THERESE' }));
    expect(long).toMatchObject({ surname: 'DE LA CROIX DE CASTRIES', givenNames: 'MARIE', namesTruncated: true });
    const onlySurname = ok(text({ names: 'PEETERS' }));
    expect(onlySurname).toMatchObject({ surname: 'PEETERS', givenNames: '' });
  });
});

describe('MRZ cross-check with the npm `mrz` package', () => {
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const date = fc.record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(
    ({ y, m, d }) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''),
  );
  const name = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 2, maxLength: 9 }).map((a) => a.join(''));
  const input = fc.record({
    documentNumber: digits(12),
    birth: date,
    expiry: date.map((d) => `3${d.slice(1)}`),
    sex: fc.constantFrom('M', 'F'),
    nationality: fc.constantFrom('BEL', 'NLD', 'MAR', 'D'),
    names: fc.tuple(name, name, name).map(([a, b, c]) => `${a}<${b}<<${c}`),
    nnFirst9: digits(9),
  });

  it('agrees on every field of valid MRZs', () => {
    fc.assert(
      fc.property(input, ({ nnFirst9, ...rest }) => {
        const nationalNumber = ssinWithCheck(nnFirst9, false);
        const lines = buildMrz({ ...rest, nationalNumber });
        const ref = referenceParse(lines);
        expect(ref.valid).toBe(true);
        const mine = parseMrz(lines.join('\n'), TODAY);
        // Random national numbers may have odd months: from a card, that is only a warning.
        expect(mine.ok).toBe(true);
        if (!mine.ok) return;
        expect(mine.value.documentNumber).toBe(ref.documentNumber);
        expect(mine.value.surname).toBe(ref.fields.lastName);
        expect(mine.value.givenNames).toBe(ref.fields.firstName);
        expect(mine.value.sex).toBe(ref.fields.sex === 'male' ? 'M' : 'F');
        expect(mine.value.nationality).toBe(ref.fields.nationality);
        expect(mine.value.ssin).toBe(ref.fields.optional2);
        expect(mine.value.birthDate?.replace(/-/g, '').slice(2)).toBe(ref.fields.birthDate);
        expect(mine.value.expiryDate.replace(/-/g, '').slice(2)).toBe(ref.fields.expirationDate);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on every check digit after a one-character change', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<';
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 1 }), fc.integer({ min: 5, max: 29 }), fc.constantFrom(...chars), ({ nnFirst9, ...rest }, line, at, ch) => {
        const lines = buildMrz({ ...rest, nationalNumber: ssinWithCheck(nnFirst9, false) });
        const changed = corrupt(lines, line, at, ch).split('\n') as [string, string, string];
        const ref = referenceParse(changed);
        const detail = (field: string) => ref.details.find((d) => d.field === field)?.valid ?? false;
        const [l1, l2] = changed;
        const mineBirth = String(mrzCheckDigit(l2.slice(0, 6))) === l2[6];
        const mineExpiry = String(mrzCheckDigit(l2.slice(8, 14))) === l2[14];
        const mineComposite = String(mrzCheckDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29))) === l2[29];
        expect(detail('birthDateCheckDigit')).toBe(mineBirth);
        expect(detail('expirationDateCheckDigit')).toBe(mineExpiry);
        expect(detail('compositeCheckDigit')).toBe(mineComposite);
        const mine = parseMrz(changed.join('\n'), TODAY);
        // Whatever the parser accepts, the reference finds every check digit valid.
        if (mine.ok) {
          expect([detail('documentNumberCheckDigit'), mineBirth, mineExpiry, mineComposite]).toEqual([true, true, true, true]);
        }
        if (!mineBirth) expect(mine.ok).toBe(false);
        if (!mineComposite) expect(mine.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
