import * as z from 'zod';
import { defineMethod } from '../define';
import { Id, Instant, ProductCode, Ssin } from './common';
import { C, V, S, only } from '../access';

/** People who can come at short notice for doses left in an open vial. */
export const StandbyView = z.object({
  id: Id,
  ssin: Ssin.nullable(),
  displayName: z.string(),
  phone: z.string().nullable(),
  productCodes: z.array(z.string()),
  note: z.string().nullable(),
  status: z.enum(['waiting', 'called', 'vaccinated', 'removed']),
  addedAt: Instant,
  /** The answer of the last call: called (no answer yet), coming, or not reachable. */
  callOutcome: z.enum(['called', 'coming', 'unreachable']).nullable(),
});

/** Who to call now for the doses left in open vials, when the session ends soon. */
export const StandbyToCall = z.object({
  /** End of the session running now (latest if several), or null when none runs. */
  sessionEndsAt: Instant.nullable(),
  /** True when a session runs and ends within 30 minutes: the list below is to be called. */
  callNow: z.boolean(),
  /** Doses left in usable open vials, by product (every station of the centre's database). */
  dosesLeft: z.array(z.object({ productCode: ProductCode, doses: z.number().int() })),
  /** One person per dose left, earliest added first, for a product they may receive (empty unless callNow). */
  people: z.array(StandbyView.extend({ forProduct: ProductCode })),
});

export const standbyMethods = {
  'standby.add': defineMethod(
    z
      .object({
        ssin: Ssin.nullable().optional(),
        displayName: z.string().trim().min(1).max(200),
        phone: z.string().trim().max(40).nullable().optional(),
        // No minimum here: an empty list gets standby.product_required in the staff's language.
        productCodes: z.array(ProductCode).max(10),
        note: z.string().max(500).nullable().optional(),
      })
      .strict(),
    StandbyView,
    only([C, V, S], 'create'),
  ),
  'standby.list': defineMethod(z.object({ status: z.enum(['waiting', 'called', 'vaccinated', 'removed']).optional() }).strict(), z.array(StandbyView), only([C, V, S], 'read')),
  'standby.toCall': defineMethod(z.object({}).strict(), StandbyToCall, only([C, V, S], 'read')),
  /** The answer of a call: 'unreachable' leaves the person waiting and calls the next one today. */
  'standby.callOutcome': defineMethod(z.object({ id: Id, outcome: z.enum(['called', 'coming', 'unreachable']) }).strict(), StandbyView, only([C, V, S], 'correct')),
  'standby.update': defineMethod(z.object({ id: Id, status: z.enum(['waiting', 'called', 'vaccinated', 'removed']), reason: z.string().max(500).nullable().optional() }).strict(), StandbyView, only([C, V, S], 'correct')),
};
