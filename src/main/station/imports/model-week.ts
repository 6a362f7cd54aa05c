import { weekdayOf, type LocalDate } from '../../../domain/time/local-time';
import { CALENDAR_COLUMNS } from './calendar-import';
import { rowsByColumn } from './columns';
import type { CsvRecord, CsvTable } from './csv';
import { localDateCell } from './values';

export interface ReplayedWeek {
  /** The calendar of the `days` days: each model row on every day of its weekday, dated that day. */
  table: CsvTable;
  /** The days the model week leaves without a session (its closed weekdays). */
  closedDays: LocalDate[];
}

/**
 * A calendar file read as a model week: each row stands for its weekday (its date says which one),
 * and is replayed on every such day of the `days` days from `from`. A centre that always opens the
 * same week gives one week; a longer file works too (a row repeated on the same weekday counts
 * once). The demo centre ships its calendar this way, so it works on whatever day the station
 * clock says (resources/demo/README.md). Replayed rows keep their file line for refusals.
 */
export function replayModelWeek(table: CsvTable, from: LocalDate, days: number): ReplayedWeek {
  const rows = rowsByColumn(table, CALENDAR_COLUMNS);
  const dateColumn = table.header.cells.findIndex((cell) => cell.trim().toLowerCase() === 'date');
  const byWeekday = new Map<number, CsvRecord[]>();
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const weekday = weekdayOf(localDateCell(row, 'date'));
    const record = table.rows[i]!;
    const key = JSON.stringify([weekday, ...record.cells.map((cell, j) => (j === dateColumn ? '' : cell.trim()))]);
    if (seen.has(key)) return;
    seen.add(key);
    byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), record]);
  });
  const replayed: CsvRecord[] = [];
  const closedDays: LocalDate[] = [];
  // Plain UTC day arithmetic: a local date has no time zone, and 120 days of it must cost nothing.
  const first = Date.parse(`${from}T00:00:00Z`);
  const firstWeekday = weekdayOf(from);
  for (let i = 0; i < days; i++) {
    const date = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
    const model = byWeekday.get(((firstWeekday - 1 + i) % 7) + 1) ?? [];
    if (model.length === 0) closedDays.push(date);
    for (const record of model) replayed.push({ line: record.line, cells: record.cells.map((cell, j) => (j === dateColumn ? date : cell)) });
  }
  return { table: { separator: table.separator, header: table.header, rows: replayed }, closedDays };
}
