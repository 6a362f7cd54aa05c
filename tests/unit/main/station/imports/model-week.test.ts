import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../../../../src/main/station/imports/csv';
import { ImportError } from '../../../../../src/main/station/imports/import-error';
import { replayModelWeek } from '../../../../../src/main/station/imports/model-week';

const table = (lines: readonly string[]) => parseCsvText(lines.join('\n') + '\n');

// A model week: Monday 4 January 2027 (two sessions), Saturday 9 January, and the next Monday again.
const MODEL = table([
  'product;date;start;end;slot_minutes;capacity',
  'comirnaty;2027-01-04;09:00;12:30;15;24',
  'spikevax;04/01/2027;13:30;17:00;15;24',
  'janssen;2027-01-09;13:30;16:00;15;24',
  'comirnaty;2027-01-11;09:00;12:30;15;24',
]);

describe('a calendar file read as a model week', () => {
  it('replays each row on its weekday from the given day, keeps the file line, and names the days without a row', () => {
    const week = replayModelWeek(MODEL, '2026-12-06', 9); // Sunday 6 .. Monday 14 December
    expect(week.table.header).toEqual(MODEL.header);
    expect(week.table.rows.map((r) => [r.cells[1], r.cells[0], r.line])).toEqual([
      ['2026-12-07', 'comirnaty', 2],
      ['2026-12-07', 'spikevax', 3],
      ['2026-12-12', 'janssen', 4],
      ['2026-12-14', 'comirnaty', 2],
      ['2026-12-14', 'spikevax', 3],
    ]);
    // The later Monday's row is the same session on the same weekday: counted once.
    expect(week.closedDays).toEqual(['2026-12-06', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-13']);
  });

  it('refuses a row whose date is not a date, with the file line', () => {
    const bad = table(['date;start;end;product;slot_minutes;capacity', '2027-01-04;09:00;12:30;comirnaty;15;24', '2027-02-30;09:00;12:30;comirnaty;15;24']);
    let refusal: unknown;
    try {
      replayModelWeek(bad, '2026-12-06', 7);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ImportError);
    expect(refusal).toMatchObject({ code: 'import.date_invalid', line: 3 });
  });
});
