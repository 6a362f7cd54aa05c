import { ImportError } from './import-error';

/**
 * A small CSV reader for the centre's spreadsheets (no CSV library is in the project): `,` or `;`
 * separator (the one the header uses), fields in double quotes with `""` for a quote, quoted
 * line breaks, UTF-8 with or without BOM, LF or CRLF. Every record keeps the file line it starts
 * on, so a refusal can say where to look.
 */

/** Spreadsheets of a centre are a few MB; anything far larger is not one and is refused unread. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface CsvRecord {
  /** File line the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  separator: ',' | ';';
  header: CsvRecord;
  rows: CsvRecord[];
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of the bytes, or the line of the first byte that is not UTF-8 (LF never occurs inside a UTF-8 sequence). */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          UTF8.decode(bytes.subarray(start, i));
        } catch {
          throw new ImportError('import.not_utf8', { line }, line);
        }
        line++;
        start = i + 1;
      }
    }
    throw new ImportError('import.not_utf8', { line: 1 }, 1);
  }
}

/** The separator of a header line: the one of `;` and `,` it uses most outside quotes. */
function separatorOf(text: string): ',' | ';' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into records; blank lines are skipped. */
export function parseCsvText(input: string): CsvTable {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const separator = separatorOf(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let quoteLine = 1;
  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      // A quote opens a field only at its start (spaces before it are allowed) and never twice.
      if (wasQuoted || cell.trim() !== '') throw new ImportError('import.quote_invalid', { line }, line);
      cell = '';
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (ch === separator) endCell();
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (wasQuoted) {
      if (ch !== ' ' && ch !== '\t' && ch !== '\r') throw new ImportError('import.quote_invalid', { line }, line);
    } else cell += ch;
  }
  if (quoted) throw new ImportError('import.quote_unclosed', { line: quoteLine }, quoteLine);
  endRecord();
  const [header, ...rows] = records;
  if (!header) throw new ImportError('import.empty', {}, 1);
  return { separator, header, rows };
}

/** The table of a file's bytes: size, encoding, then CSV. */
export function parseCsvBytes(bytes: Uint8Array, maxBytes = MAX_IMPORT_BYTES): CsvTable {
  if (bytes.length > maxBytes) throw new ImportError('import.file_too_large', { max: Math.floor(maxBytes / (1024 * 1024)) }, null);
  return parseCsvText(decodeUtf8(bytes));
}
