import { DateTime } from 'luxon';

const ZONE = 'Europe/Brussels';

/** The Brussels calendar day of an instant, `YYYY-MM-DD`. */
export function brusselsDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate()!;
}

/**
 * The instants bounding a Brussels calendar day, for date searches that must not depend on
 * the server's own time zone: `date=ge<start>&date=lt<end>`.
 */
export function brusselsDayBounds(day: string): { start: string; end: string } {
  const start = DateTime.fromISO(day, { zone: ZONE }).startOf('day');
  if (!start.isValid) throw new Error(`not a calendar day: ${day}`);
  return { start: start.toISO({ suppressMilliseconds: true })!, end: start.plus({ days: 1 }).toISO({ suppressMilliseconds: true })! };
}
