/**
 * Calendar days as plain numbers. The parsers take `today` as an ISO day (YYYY-MM-DD) that the
 * caller computed in Europe/Brussels, so nothing here depends on the machine's clock or zone.
 */
export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Reads the caller's `today`; a malformed one is a programming error, not bad input. */
export function parseToday(today: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new Error(`today must be YYYY-MM-DD, got "${today}"`);
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!isValidDay(day.year, day.month, day.day)) throw new Error(`today is not a calendar day: "${today}"`);
  return day;
}

/** Negative when a is before b. */
export function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Birth date parts where any part may be unknown (null). */
export interface PartialDate {
  readonly year: number | null;
  readonly month: number | null;
  readonly day: number | null;
}

export function fullIso(date: PartialDate): string | null {
  return date.year !== null && date.month !== null && date.day !== null ? isoDay(date.year, date.month, date.day) : null;
}

/** Two partial dates disagree only where both know the part. */
export function partialDatesConflict(a: PartialDate, b: PartialDate): boolean {
  if (a.year !== null && b.year !== null && a.year !== b.year) return true;
  if (a.month !== null && b.month !== null && a.month !== b.month) return true;
  if (a.month !== null && a.month === b.month && a.day !== null && b.day !== null && a.day !== b.day) return true;
  return false;
}
