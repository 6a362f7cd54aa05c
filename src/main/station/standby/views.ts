import type { z } from 'zod';
import type { StandbyView } from '../../../shared/api/standby';
import type { StandbyRow } from './standby-store';

export function standbyView(s: StandbyRow): z.infer<typeof StandbyView> {
  return {
    id: s.id,
    ssin: s.ssin,
    displayName: s.display_name,
    phone: s.phone,
    productCodes: JSON.parse(s.product_codes) as string[],
    note: s.note,
    status: s.status,
    addedAt: s.added_at,
    callOutcome: s.call_outcome,
  };
}
