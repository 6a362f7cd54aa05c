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
  // A real calendar day reads back the same from a UTC midnight (2021-02-30 would read 2021-03-02).
  if (!DATE_RE.test(s)) return false;
  const midnight = Date.parse(`${s}T00:00:00.000Z`);
  return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(s);
}
export function isLocalTime(s: string): boolean {
  return TIME_RE.test(s);
}

function at(instant: Date | string): DateTime {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!dt.isValid) throw new Error(`not an instant: ${String(instant)}`);
  return dt.setZone(TIME_ZONE);
}

/** The instant as stored (`toISOString`), or a valid Date; anything else is left to luxon. */
const STORED_INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function plainMillis(instant: Date | string): number | null {
  if (typeof instant !== 'string') return Number.isNaN(instant.getTime()) ? null : instant.getTime();
  if (!STORED_INSTANT_RE.test(instant)) return null;
  const ms = Date.parse(instant);
  return Number.isNaN(ms) || new Date(ms).toISOString() !== instant ? null : ms;
}

/** The zone's offset (minutes) of each UTC hour asked for: it changes on whole hours only, if at all. */
const hourOffsets = new Map<number, number | null>();
const HOUR_OFFSETS_KEPT = 8192;
const HOUR_MS = 3_600_000;

function offsetOfHour(hour: number): number | null {
  let offset = hourOffsets.get(hour);
  if (offset === undefined) {
    const first = DateTime.fromMillis(hour * HOUR_MS, { zone: TIME_ZONE }).offset;
    const last = DateTime.fromMillis(hour * HOUR_MS + HOUR_MS - 1, { zone: TIME_ZONE }).offset;
    offset = first === last ? first : null; // an hour with a change inside (not in this zone's rules): luxon decides
    if (hourOffsets.size >= HOUR_OFFSETS_KEPT) hourOffsets.clear();
    hourOffsets.set(hour, offset);
  }
  return offset;
}

/**
 * The local wall clock of an instant as `YYYY-MM-DDTHH:mm`, from the UTC hour's offset: the same
 * answer as luxon's, without a time-zone lookup for every instant of a calendar. Null: ask luxon.
 */
function localWallClock(instant: Date | string): string | null {
  const ms = plainMillis(instant);
  if (ms === null) return null;
  const offset = offsetOfHour(Math.floor(ms / HOUR_MS));
  if (offset === null) return null;
  const wall = new Date(ms + offset * 60_000).toISOString();
  return wall.length === 24 ? wall.slice(0, 16) : null; // years beyond 9999 are written differently
}

/** The local calendar day of an instant. */
export function localDateOf(instant: Date | string): LocalDate {
  return localWallClock(instant)?.slice(0, 10) ?? at(instant).toISODate()!;
}

/** The local wall-clock time (HH:mm) of an instant. */
export function localTimeOf(instant: Date | string): LocalTime {
  return localWallClock(instant)?.slice(11, 16) ?? at(instant).toFormat('HH:mm');
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

/**
 * Instants of local date-times already computed: a calendar asks for the same few times of each day
 * again and again, and each answer costs luxon a time-zone lookup. Emptied when full, so it stays small.
 */
const localInstants = new Map<string, string>();
const LOCAL_INSTANTS_KEPT = 4096;

/** The instant of a local date and wall-clock time. */
export function localInstant(date: LocalDate, time: LocalTime): string {
  const key = `${date}T${time}`;
  const known = localInstants.get(key);
  if (known !== undefined) return known;
  const dt = DateTime.fromISO(key, { zone: TIME_ZONE });
  if (!dt.isValid) throw new Error(`not a local date-time: ${date} ${time}`);
  const instant = dt.toUTC().toISO()!;
  if (localInstants.size >= LOCAL_INSTANTS_KEPT) localInstants.clear();
  localInstants.set(key, instant);
  return instant;
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
  // Real elapsed time is plain milliseconds: only the two ends need the time zone.
  const from = Date.parse(localInstant(date, start));
  const to = Date.parse(localInstant(date, end));
  const step = slotMinutes * 60_000;
  const out: { start: string; end: string }[] = [];
  for (let s = from; s + step <= to; s += step) out.push({ start: new Date(s).toISOString(), end: new Date(s + step).toISOString() });
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
