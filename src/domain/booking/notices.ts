/**
 * Why a next dose could not be booked on the spot, and how the citizen will hear about it. Each
 * code has `booking.notice.<code>` in the booking catalog, in the citizen's four languages; the
 * card shows it instead of a date. `cancelled` (staff cancelled the appointment) and `noshow` (the
 * person did not come) put someone back on the follow-up desk's list after a booking.
 */
export const TO_BE_BOOKED_REASONS = ['no_capacity', 'no_session', 'preference', 'window_passed', 'cancelled', 'noshow'] as const;
export type ToBeBookedReason = (typeof TO_BE_BOOKED_REASONS)[number];

/** The message key the citizen is shown: the centre will send the date by SMS, e-mail or letter. */
export function toBeBookedMessageKey(reason: ToBeBookedReason): string {
  return `booking.notice.${reason}`;
}
