import { z } from 'zod';
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
  'standby.update': defineMethod(z.object({ id: Id, status: z.enum(['waiting', 'called', 'vaccinated', 'removed']), reason: z.string().max(500).nullable().optional() }).strict(), StandbyView, only([C, V, S], 'correct')),
};
