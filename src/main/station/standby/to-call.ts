import type { z } from 'zod';
import type { StandbyToCall } from '../../../shared/api/standby';
import type { Db } from '../../adapters/sqlite/database';
import { vialUsable } from '../../../domain/booking/day-plan';
import { localDateOf, localInstant } from '../../../domain/time/local-time';
import { sessionsOfDay } from '../capacity/calendar';
import { openVials } from '../vials/vials';
import { standbyView } from './views';
import { callableStandbyRows } from './standby-store';

/** How long before the session's end leftover doses are offered to the standby list. */
export const CALL_WINDOW_MINUTES = 30;

/**
 * The people to call for the doses left in open vials: when the session running now ends within
 * 30 minutes, one person per dose left, earliest added first, each for one product they may
 * receive. A person not reachable today is skipped (the next one is called) but stays on the list.
 */
export function standbyToCall(db: Db, now: Date): z.infer<typeof StandbyToCall> {
  const at = now.toISOString();
  const today = localDateOf(now);
  const running = sessionsOfDay(db, today)
    .filter((s) => s.status === 'open')
    .map((s) => ({ start: localInstant(today, s.start_local), end: localInstant(today, s.end_local) }))
    .filter((s) => Date.parse(s.start) <= now.getTime() && now.getTime() < Date.parse(s.end));
  const sessionEndsAt = running.length ? running.map((s) => s.end).sort().at(-1)! : null;
  const callNow = sessionEndsAt !== null && Date.parse(sessionEndsAt) - now.getTime() <= CALL_WINDOW_MINUTES * 60_000;

  const left = new Map<string, number>();
  for (const v of openVials(db, null)) {
    if (vialUsable({ dosesTotal: v.doses_total, dosesUsed: v.doses_used, usableUntil: v.usable_until, status: v.status }, at) !== 'ok') continue;
    left.set(v.product_code, (left.get(v.product_code) ?? 0) + v.doses_total - v.doses_used);
  }
  const dosesLeft = [...left].map(([productCode, doses]) => ({ productCode, doses })).sort((a, b) => a.productCode.localeCompare(b.productCode));
  if (!callNow) return { sessionEndsAt, callNow, dosesLeft, people: [] };

  const open = new Map(left);
  const people: z.infer<typeof StandbyToCall>['people'] = [];
  for (const row of callableStandbyRows(db)) {
    if (row.call_outcome === 'unreachable' && row.call_outcome_at && localDateOf(row.call_outcome_at) === today) continue;
    const product = (JSON.parse(row.product_codes) as string[]).find((code) => (open.get(code) ?? 0) > 0);
    if (!product) continue;
    open.set(product, open.get(product)! - 1);
    people.push({ ...standbyView(row), forProduct: product });
  }
  return { sessionEndsAt, callNow, dosesLeft, people };
}
