import { localDateOf, type LocalDate } from '../time/local-time';

/**
 * When a dose can plausibly have been given. No COVID-19 vaccine was given in Belgium before the
 * first EU authorisation in late December 2020; 2020-12-01 leaves room for trial doses brought in
 * later, and callers may pass another floor.
 */
export const EARLIEST_DOSE_DATE: LocalDate = '2020-12-01';
/** How far ahead of the station clock a typed time may be (clocks of two devices disagree a little). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type DoseDateRefusal =
  | { code: 'booking.administered_in_future'; params: { at: string } }
  | { code: 'booking.administered_before_floor'; params: { date: LocalDate; floor: LocalDate } }
  | { code: 'booking.administered_before_birth'; params: { date: LocalDate; birth: LocalDate } };

export interface DoseDateInput {
  /** The instant of the injection, ISO. */
  at: string;
  now: Date;
  /** The person's birth date, YYYY-MM-DD; null or partial when unknown (then not checked). */
  birthDate?: string | null;
  floor?: LocalDate;
}

/** Null when the instant is plausible; otherwise why not, judged on Brussels calendar days. */
export function checkDoseDate(input: DoseDateInput): DoseDateRefusal | null {
  const time = Date.parse(input.at);
  if (time > input.now.getTime() + CLOCK_SKEW_MS) return { code: 'booking.administered_in_future', params: { at: input.at } };
  const day = localDateOf(input.at);
  const floor = input.floor ?? EARLIEST_DOSE_DATE;
  if (day < floor) return { code: 'booking.administered_before_floor', params: { date: day, floor } };
  const birth = input.birthDate ?? null;
  if (birth !== null && /^\d{4}-\d{2}-\d{2}$/.test(birth) && day < birth) return { code: 'booking.administered_before_birth', params: { date: day, birth } };
  return null;
}
