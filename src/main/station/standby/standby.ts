import type { z } from 'zod';
import type { StandbyView } from '../../../shared/api/standby';
import { DoseDeskError } from '../../../shared/errors';
import type { Db } from '../../adapters/sqlite/database';
import { smsNumber } from '../../../domain/messages/phone';
import { findCitizen } from '../identity/citizens';
import { findProduct } from '../products/products';
import { newId } from '../base/ids';
import { standbyView } from './views';
import { insertStandby, setCallOutcome, setStandbyStatus, standbyRow, standbyRows, type CallOutcome, type StandbyRow } from './standby-store';

export function addStandby(
  db: Db,
  input: { ssin?: string | null; displayName: string; phone?: string | null; productCodes: string[]; note?: string | null; stationId: string },
  now: Date,
): z.infer<typeof StandbyView> {
  // A leftover dose is offered for one product: an entry without one would be called for any vial.
  if (input.productCodes.length === 0) throw new DoseDeskError('standby.product_required', {});
  for (const code of input.productCodes) if (!findProduct(db, code)) throw new DoseDeskError('products.unknown', { product: code });
  const phone = standbyPhone(input.phone);
  const citizen = input.ssin ? findCitizen(db, input.ssin) : null;
  const id = newId();
  const at = now.toISOString();
  insertStandby(db, {
    id,
    citizenId: citizen?.id ?? null,
    ssin: input.ssin ?? null,
    displayName: input.displayName,
    phone,
    productCodes: JSON.stringify(input.productCodes),
    note: input.note ?? null,
    stationId: input.stationId,
    at,
  });
  return standbyView(standbyRow(db, id));
}

/** The number the person is called on, in E.164 (Belgian when written without a country code); refused when not a number. */
function standbyPhone(text: string | null | undefined): string | null {
  const written = text?.trim();
  if (!written) return null;
  const e164 = smsNumber(written);
  if (!e164) throw new DoseDeskError('standby.phone_invalid', { value: written.slice(0, 32) });
  return e164;
}

export function listStandby(db: Db, status?: StandbyRow['status']): z.infer<typeof StandbyView>[] {
  return standbyRows(db, status).map(standbyView);
}

export function updateStandby(db: Db, id: string, status: StandbyRow['status'], reason: string | null, now: Date): z.infer<typeof StandbyView> {
  if (!setStandbyStatus(db, id, status, reason, now.toISOString())) throw new DoseDeskError('standby.unknown', { id });
  return standbyView(standbyRow(db, id));
}

/** Records the answer of a call (called, coming, not reachable). */
export function recordCallOutcome(db: Db, id: string, outcome: CallOutcome, now: Date): z.infer<typeof StandbyView> {
  if (!setCallOutcome(db, id, outcome, now.toISOString())) throw new DoseDeskError('standby.unknown', { id });
  return standbyView(standbyRow(db, id));
}
