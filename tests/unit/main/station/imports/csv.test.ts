import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsvBytes, parseCsvText } from '../../../../../src/main/station/imports/csv';
import { ImportError } from '../../../../../src/main/station/imports/import-error';

const refusal = (run: () => unknown): { code: string; line: number | null } => {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return { code: e.code, line: e.line };
    throw e;
  }
  throw new Error('not refused');
};

describe('CSV reader of the centre imports', () => {
  it('reads ; or , files, with or without BOM, LF or CRLF, keeping the line each record starts on', () => {
    for (const text of ['a;b\n1;2\n\n3;4\n', '\ufeffa;b\r\n1;2\r\n\r\n3;4', 'a,b\n1,2\n\n3,4']) {
      const t = parseCsvText(text);
      expect(t.header.cells).toEqual(['a', 'b']);
      expect(t.rows).toEqual([
        { line: 2, cells: ['1', '2'] },
        { line: 4, cells: ['3', '4'] },
      ]);
    }
  });

  it('reads quoted fields with separators, "" escapes and line breaks inside', () => {
    const t = parseCsvText('name;note\n"Müller; Zoë";"said ""hi""\nthen left"\nnext;row\n');
    expect(t.rows).toEqual([
      { line: 2, cells: ['Müller; Zoë', 'said "hi"\nthen left'] },
      { line: 4, cells: ['next', 'row'] },
    ]);
  });

  it('chooses the separator the header uses most (a comma inside a ; file is text)', () => {
    expect(parseCsvText('name;given\n"Dubois, H";x').rows[0]!.cells).toEqual(['Dubois, H', 'x']);
    expect(parseCsvText('a,b\n1;2,3').rows[0]!.cells).toEqual(['1;2', '3']);
  });

  it('refuses an unclosed quote at the line it opens, and a stray quote at its line', () => {
    expect(refusal(() => parseCsvText('a;b\n1;2\n3;"open\n\n'))).toEqual({ code: 'import.quote_unclosed', line: 3 });
    expect(refusal(() => parseCsvText('a;b\n1;2\n3;ab"c\n'))).toEqual({ code: 'import.quote_invalid', line: 3 });
    expect(refusal(() => parseCsvText('a;b\n"x"y;2\n'))).toEqual({ code: 'import.quote_invalid', line: 2 });
  });

  it('refuses an empty file, and a file over the limit without reading it as text', () => {
    expect(refusal(() => parseCsvText('\n\n'))).toEqual({ code: 'import.empty', line: 1 });
    expect(refusal(() => parseCsvBytes(new Uint8Array(11), 10))).toEqual({ code: 'import.file_too_large', line: null });
  });

  it('refuses latin-1 bytes with the line they are on', () => {
    const latin1 = Buffer.from('code;name\nA1;Peeters\nB2;M\xfcller\n', 'latin1');
    expect(refusal(() => decodeUtf8(latin1))).toEqual({ code: 'import.not_utf8', line: 3 });
  });

  it('round-trips any table written with quotes (property, fixed seed)', () => {
    const cell = fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'é', ';', ',', '"', '\n', ' ', '1', 'Ł') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = ['x;y;z', ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';'))].join(eol) + eol;
        const t = parseCsvText(text);
        expect(t.rows.map((r) => r.cells)).toEqual(rows);
      }),
      { seed: 1515, numRuns: 200 },
    );
  });

  it('answers random bytes with rows or an import refusal, never another error (fuzz, fixed seed)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseCsvBytes(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
          const line = (e as ImportError).line;
          expect(line === null || line >= 1).toBe(true);
        }
      }),
      { seed: 2021, numRuns: 500 },
    );
  });
});
