import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import type { CardTokenContent } from '../../../domain/booking/card-token';
import { appointmentStatusOf } from './appointment-store';
import { findDose } from './dose-store';
import { verifyCardToken } from './card-token';

/** Why a card no longer tells the truth: its appointment was replaced or cancelled, or its dose undone. */
export type VoidCard = 'replaced' | 'dose_voided';

/** Whether this station knows the card to be void (null: valid as far as it knows). */
export function voidCardReason(db: Db, card: CardTokenContent): VoidCard | null {
  if (findDose(db, card.previousDose.id)?.status === 'entered-in-error') return 'dose_voided';
  return appointmentStatusOf(db, card.appointment.id) === 'cancelled' ? 'replaced' : null;
}

/** Refuses to print again a card this station knows to be void (booking.card_void). */
export function assertCardNotVoid(db: Db, token: string, centreId: string): void {
  const reason = voidCardReason(db, verifyCardToken(db, token, centreId));
  if (reason) throw new DoseDeskError('booking.card_void', { reason });
}
