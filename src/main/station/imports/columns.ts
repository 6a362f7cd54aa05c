import { ImportError } from './import-error';
import type { CsvRecord, CsvTable } from './csv';

/** One data row by column name, with its file line for refusals. */
export interface Row {
  line: number;
  /** The trimmed cell, '' when empty or absent (optional column). */
  get(column: string): string;
}

/**
 * The rows of a table whose header names `required` (and maybe `optional`) columns, in any order,
 * case-insensitively. An unknown or repeated column is refused: a misspelt `capacty` must not be
 * read as an absent optional column.
 */
export function rowsByColumn(table: CsvTable, required: readonly string[], optional: readonly string[] = []): Row[] {
  const index = new Map<string, number>();
  const known = new Set([...required, ...optional]);
  table.header.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!known.has(name)) throw new ImportError('import.column_unknown', { column: raw.trim() }, table.header.line);
    if (index.has(name)) throw new ImportError('import.column_duplicate', { column: name }, table.header.line);
    index.set(name, i);
  });
  for (const name of required) if (!index.has(name)) throw new ImportError('import.column_missing', { column: name }, table.header.line);
  const width = table.header.cells.length;
  return table.rows.map((record: CsvRecord) => {
    if (record.cells.length !== width) throw new ImportError('import.cell_count', { expected: width, actual: record.cells.length }, record.line);
    return {
      line: record.line,
      get: (column: string) => {
        const i = index.get(column);
        return i === undefined ? '' : record.cells[i]!.trim();
      },
    };
  });
}

/** A required cell, refused when empty. */
export function required(row: Row, column: string): string {
  const value = row.get(column);
  if (value === '') throw new ImportError('import.value_missing', { column }, row.line);
  return value;
}

/** A whole number in [min, max]. */
export function wholeNumber(row: Row, column: string, min: number, max: number): number {
  const value = required(row, column);
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) throw new ImportError('import.number_invalid', { column, value, min, max }, row.line);
  return Number(value);
}

/** C0/C1 controls and invisible formatting characters have no place in a name or code. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Printable text of at most `max` characters. */
export function plainText(row: Row, column: string, max: number): string {
  const value = required(row, column);
  if (value.length > max || CONTROL.test(value)) throw new ImportError('import.text_invalid', { column, max }, row.line);
  return value;
}
