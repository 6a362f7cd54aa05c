import type { NextDoseWindow } from '../vaccines/interval';
import { addDays, daysBetween, localDateOf, localMinutesOf, partOfDayOf, type LocalDate, type PartOfDay } from '../time/local-time';

/** A slot as one station sees it: which of ITS OWN capacity units are still free. */
export interface CandidateSlot {
  slotId: string;
  sessionId: string;
  productCode: string;
  start: string;
  end: string;
  freeOwnedUnits: number[];
}

export interface SlotPreference {
  /** Parts of the day the citizen can come; empty or absent means any. */
  partsOfDay?: PartOfDay[] | null;
  /** The citizen cannot come before this local day (holiday, work). */
  notBefore?: LocalDate | null;
}

/**
 * Order in which days of the window are tried. Belgian centres booked dose 2 on the target day or
 * the first day after, so: the target day, then each later day up to the latest day, and only when
 * nothing is free after the target, the days before it back to the earliest allowed day (nearest
 * first). Returns null for a day outside the window.
 */
export function dayRank(date: LocalDate, window: NextDoseWindow): number | null {
  if (date < window.earliestDate || date > window.latestDate) return null;
  const fromTarget = daysBetween(window.targetDate, date);
  if (fromTarget >= 0) return fromTarget;
  const span = daysBetween(window.targetDate, window.latestDate);
  return span + -fromTarget;
}

/** The window's days in the order `dayRank` tries them, so a station can read one day at a time. */
export function daysInRankOrder(window: NextDoseWindow): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = window.targetDate; d <= window.latestDate; d = addDays(d, 1)) days.push(d);
  for (let d = addDays(window.targetDate, -1); d >= window.earliestDate; d = addDays(d, -1)) days.push(d);
  return days;
}

/**
 * Ranks the slots this station may book for the next dose, best first: the window's day order,
 * and within a day the slot whose wall-clock start is nearest to the previous dose's time of day
 * (the earlier one on a tie), so that a citizen who came at 10:00 is asked back around 10:00.
 * Slots of other products, in the past, full (for this station), before `notBefore` or outside
 * the preferred parts of the day are left out.
 */
export function rankSlots(
  candidates: readonly CandidateSlot[],
  window: NextDoseWindow,
  productCode: string,
  preference: SlotPreference,
  now: string,
): CandidateSlot[] {
  const wantedMinutes = localMinutesOf(window.targetAt);
  const parts = preference.partsOfDay && preference.partsOfDay.length > 0 ? new Set(preference.partsOfDay) : null;
  const scored: { slot: CandidateSlot; day: number; distance: number; startMs: number }[] = [];
  for (const slot of candidates) {
    if (slot.productCode !== productCode || slot.freeOwnedUnits.length === 0) continue;
    if (Date.parse(slot.start) <= Date.parse(now)) continue;
    const date = localDateOf(slot.start);
    if (preference.notBefore && date < preference.notBefore) continue;
    const day = dayRank(date, window);
    if (day === null) continue;
    if (parts && !parts.has(partOfDayOf(slot.start))) continue;
    scored.push({ slot, day, distance: Math.abs(localMinutesOf(slot.start) - wantedMinutes), startMs: Date.parse(slot.start) });
  }
  scored.sort((a, b) => a.day - b.day || a.distance - b.distance || a.startMs - b.startMs || a.slot.slotId.localeCompare(b.slot.slotId));
  return scored.map((s) => s.slot);
}

/** The unit to take in a slot: the lowest free one this station owns, so choices are reproducible. */
export function pickUnit(slot: CandidateSlot): number {
  return Math.min(...slot.freeOwnedUnits);
}
