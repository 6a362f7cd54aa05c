import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../../../src/main/station/imports/csv';
import { plainText, rowsByColumn, wholeNumber, type Row } from '../../../../../src/main/station/imports/columns';
import { ImportError } from '../../../../../src/main/station/imports/import-error';
import { localDateCell, localInstantCell, localTimeCell } from '../../../../../src/main/station/imports/values';

const row = (cells: Record<string, string>, line = 7): Row => ({ line, get: (c) => cells[c] ?? '' });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return { code: e.code, line: e.line, params: e.params };
    throw e;
  }
  throw new Error('not refused');
};

describe('import cell checks', () => {
  it('reads dates as YYYY-MM-DD or DD/MM/YYYY and refuses impossible ones', () => {
    expect(localDateCell(row({ date: '28/03/2027' }), 'date')).toBe('2027-03-28');
    expect(localDateCell(row({ date: '2027-10-31' }), 'date')).toBe('2027-10-31');
    expect(localDateCell(row({ date: '1/2/2027' }), 'date')).toBe('2027-02-01');
    for (const bad of ['2027-02-30', '31/04/2027', '2027/03/28', '28-03-2027', 'tomorrow']) {
      expect(refusal(() => localDateCell(row({ date: bad }), 'date'))).toMatchObject({ code: 'import.date_invalid', line: 7 });
    }
  });

  it('reads HH:MM times and refuses the hour the clocks skip in spring', () => {
    expect(localTimeCell(row({ start: '9:05' }), 'start', '2027-03-28')).toBe('09:05');
    expect(refusal(() => localTimeCell(row({ start: '24:00' }), 'start', '2027-03-28'))).toMatchObject({ code: 'import.time_invalid' });
    expect(refusal(() => localTimeCell(row({ start: '02:30' }), 'start', '2027-03-28'))).toMatchObject({ code: 'import.time_not_local', params: { date: '2027-03-28' } });
    // The autumn hour happens twice: it exists.
    expect(localTimeCell(row({ start: '02:30' }), 'start', '2027-10-31')).toBe('02:30');
  });

  it('reads an invited local time as its UTC instant', () => {
    expect(localInstantCell(row({ start: '2027-03-29 09:30' }), 'start')).toBe('2027-03-29T07:30:00.000Z');
    expect(localInstantCell(row({ start: '05/01/2027 9:30' }), 'start')).toBe('2027-01-05T08:30:00.000Z');
    expect(refusal(() => localInstantCell(row({ start: '2027-03-28 02:15' }), 'start'))).toMatchObject({ code: 'import.instant_invalid' });
  });

  it('bounds whole numbers and refuses empty, signed, decimal or huge ones', () => {
    expect(wholeNumber(row({ n: '120' }), 'n', 5, 120)).toBe(120);
    for (const bad of ['', '4', '121', '-5', '7.5', '1e2', '0x10']) {
      expect(refusal(() => wholeNumber(row({ n: bad }), 'n', 5, 120)).code).toMatch(/^import\.(number_invalid|value_missing)$/);
    }
  });

  it('refuses text with control characters or too long', () => {
    expect(plainText(row({ name: 'Nguyễn Thị Lan' }), 'name', 120)).toBe('Nguyễn Thị Lan');
    expect(refusal(() => plainText(row({ name: 'a\u0000b' }), 'name', 120)).code).toBe('import.text_invalid');
    expect(refusal(() => plainText(row({ name: 'x'.repeat(121) }), 'name', 120)).code).toBe('import.text_invalid');
  });

  it('maps header columns in any order and case, refusing unknown, repeated and missing ones at line 1', () => {
    const rows = rowsByColumn(parseCsvText('B;a\n2;1\n'), ['a', 'b']);
    expect([rows[0]!.get('a'), rows[0]!.get('b')]).toEqual(['1', '2']);
    expect(refusal(() => rowsByColumn(parseCsvText('a;b;capacty\n'), ['a', 'b'], ['capacity']))).toMatchObject({ code: 'import.column_unknown', line: 1 });
    expect(refusal(() => rowsByColumn(parseCsvText('a;b;a\n'), ['a', 'b']))).toMatchObject({ code: 'import.column_duplicate', line: 1 });
    expect(refusal(() => rowsByColumn(parseCsvText('a\n'), ['a', 'b']))).toMatchObject({ code: 'import.column_missing', params: { column: 'b' } });
    expect(refusal(() => rowsByColumn(parseCsvText('a;b\n1;2\n1;2;3\n'), ['a', 'b']))).toMatchObject({ code: 'import.cell_count', line: 3 });
  });
});
