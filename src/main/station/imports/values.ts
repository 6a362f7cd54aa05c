import { DateTime } from 'luxon';
import { isLocalDate, isLocalTime, localInstant, localTimeOf, type LocalDate, type LocalTime } from '../../../domain/time/local-time';
import { ImportError } from './import-error';
import { required, type Row } from './columns';

/** YYYY-MM-DD or DD/MM/YYYY (the Belgian way spreadsheets print dates), as YYYY-MM-DD. */
export function localDateCell(row: Row, column: string): LocalDate {
  const value = required(row, column);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const date = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : value;
  if (!isLocalDate(date)) throw new ImportError('import.date_invalid', { column, value }, row.line);
  return date;
}

/** HH:MM (H:MM accepted) that exists on that day in Brussels: the spring-forward gap does not. */
export function localTimeCell(row: Row, column: string, date: LocalDate): LocalTime {
  const value = required(row, column);
  const time = /^\d:\d\d$/.test(value) ? `0${value}` : value;
  if (!isLocalTime(time)) throw new ImportError('import.time_invalid', { column, value }, row.line);
  if (localTimeOf(localInstant(date, time)) !== time) throw new ImportError('import.time_not_local', { column, value, date }, row.line);
  return time;
}

/** A local date-time `YYYY-MM-DD HH:MM` (or with `T`, or DD/MM/YYYY HH:MM) as a UTC instant. */
export function localInstantCell(row: Row, column: string): string {
  const value = row.get(column);
  const m = /^(\S+)[ T](\d{1,2}:\d\d)$/.exec(value);
  const at = m ? DateTime.fromISO(`${normalDate(m[1]!)}T${m[2]!.padStart(5, '0')}`, { zone: 'Europe/Brussels' }) : null;
  if (!at?.isValid || at.toFormat('HH:mm') !== m![2]!.padStart(5, '0')) throw new ImportError('import.instant_invalid', { column, value }, row.line);
  return at.toUTC().toISO()!;
}

function normalDate(text: string): string {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : text;
}
