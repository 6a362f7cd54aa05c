import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../shared/i18n/languages';

/**
 * Calendar arithmetic in the centre's time zone. Every "day" a person or a rule talks about (the
 * day of a dose, an interval in days, a lot's expiry, a session date) is a local Brussels day;
 * instants are stored as ISO strings in UTC.
 */
export type LocalDate = string; // YYYY-MM-DD
export type LocalTime = string; // HH:mm

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isLocalDate(s: string): boolean {
  return DATE_RE.test(s) && DateTime.fromISO(s, { zone: 'UTC' }).isValid;
}
export function isLocalTime(s: string): boolean {
  return TIME_RE.test(s);
}

function at(instant: Date | string): DateTime {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!dt.isValid) throw new Error(`not an instant: ${String(instant)}`);
  return dt.setZone(TIME_ZONE);
}

/** The local calendar day of an instant. */
export function localDateOf(instant: Date | string): LocalDate {
  return at(instant).toISODate()!;
}

/** The local wall-clock time (HH:mm) of an instant. */
export function localTimeOf(instant: Date | string): LocalTime {
  return at(instant).toFormat('HH:mm');
}

/** Minutes since local midnight (wall clock). */
export function localMinutesOf(instant: Date | string): number {
  const dt = at(instant);
  return dt.hour * 60 + dt.minute;
}

/** Whole calendar days from a to b (b - a); DST days count as one day like any other. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const da = DateTime.fromISO(a, { zone: 'UTC' });
  const db = DateTime.fromISO(b, { zone: 'UTC' });
  return Math.round(db.diff(da, 'days').days);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** ISO weekday of a local date: 1 Monday .. 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/**
 * The same wall-clock time `days` later: 7 March 2021 10:00 + 21 days = 28 March 2021 10:00 local,
 * although the clocks moved forward in between. A wall time that does not exist (the spring gap)
 * moves forward by the gap, as luxon does.
 */
export function plusLocalDays(instant: Date | string, days: number): string {
  return at(instant).plus({ days }).toUTC().toISO()!;
}

/** The instant of a local date and wall-clock time. */
export function localInstant(date: LocalDate, time: LocalTime): string {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: TIME_ZONE });
  if (!dt.isValid) throw new Error(`not a local date-time: ${date} ${time}`);
  return dt.toUTC().toISO()!;
}

export function toUtcIso(instant: Date | string): string {
  return at(instant).toUTC().toISO()!;
}

/** A local rendering for staff and cards, e.g. 2021-03-28 10:00. */
export function formatLocal(instant: Date | string): string {
  return at(instant).toFormat('yyyy-MM-dd HH:mm');
}

export function addHours(instant: Date | string, hours: number): string {
  return at(instant).plus({ hours }).toUTC().toISO()!;
}

/**
 * Slots of a session: stepped in real elapsed time from the local start to the local end, so a
 * session across a clock change has as many slots as it has real minutes (a 01:00-04:00 session
 * on the spring-forward night holds two hours of slots, on the autumn night four).
 */
export function sessionSlotTimes(date: LocalDate, start: LocalTime, end: LocalTime, slotMinutes: number): { start: string; end: string }[] {
  if (slotMinutes <= 0) throw new Error('slot length must be positive');
  const from = DateTime.fromISO(localInstant(date, start));
  const to = DateTime.fromISO(localInstant(date, end));
  const out: { start: string; end: string }[] = [];
  for (let s = from; s.plus({ minutes: slotMinutes }) <= to; s = s.plus({ minutes: slotMinutes })) {
    out.push({ start: s.toUTC().toISO()!, end: s.plus({ minutes: slotMinutes }).toUTC().toISO()! });
  }
  return out;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Morning before 12:00, afternoon 12:00-16:59, evening from 17:00 (local wall clock of the start). */
export function partOfDayOf(instant: Date | string): PartOfDay {
  const minutes = localMinutesOf(instant);
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 17 * 60) return 'afternoon';
  return 'evening';
}
