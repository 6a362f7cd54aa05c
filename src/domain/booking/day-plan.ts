/** Vials a session needs: every booked person a dose, a started vial counts whole. */
export function vialsToPrepare(bookings: number, dosesPerVial: number): number {
  if (bookings <= 0) return 0;
  return Math.ceil(bookings / dosesPerVial);
}

/**
 * Vials to prepare for a product's day: every person still to come a dose (the own dose-2
 * bookings and the expected dose-1 visits, less the doses already given that day), less the doses
 * still in open vials; a started vial counts whole.
 */
export function vialsForDay(d: { booked: number; expected: number; given: number; inOpenVials: number; dosesPerVial: number }): number {
  const needed = d.booked + d.expected - d.given - d.inOpenVials;
  return needed <= 0 ? 0 : Math.ceil(needed / Math.max(1, d.dosesPerVial));
}

/** Doses left over in the last vial of a session, for the standby list. */
export function leftoverDoses(bookings: number, dosesPerVial: number): number {
  return vialsToPrepare(bookings, dosesPerVial) * dosesPerVial - bookings;
}

export interface VialState {
  dosesTotal: number;
  dosesUsed: number;
  usableUntil: string;
  status: 'open' | 'finished' | 'discarded';
}

/** Whether one more dose may be drawn from a vial now. */
export function vialUsable(vial: VialState, now: string): 'ok' | 'empty' | 'expired' | 'closed' {
  if (vial.status !== 'open') return 'closed';
  if (Date.parse(now) >= Date.parse(vial.usableUntil)) return 'expired';
  if (vial.dosesUsed >= vial.dosesTotal) return 'empty';
  return 'ok';
}
