import * as z from 'zod';
import { defineMethod } from '../define';
import { NoArgs, ProductCode, Reason } from './common';
import { S, only, staff } from '../access';

/** The centre's vaccine catalogue: products, their GTINs, intervals, vial sizes and usable hours. */
export const ProductView = z.object({
  code: ProductCode,
  name: z.string(),
  dosesInCourse: z.number().int(),
  interval: z.object({ minDays: z.number().int(), targetDays: z.number().int(), maxDays: z.number().int() }).nullable(),
  dosesPerVial: z.number().int(),
  usableHoursAfterPuncture: z.number(),
  gtins: z.array(z.string()),
  active: z.boolean(),
  /** Belgian pharmacy code and WHO ATC code, when the centre's product list gave them. */
  cnk: z.string().nullable().optional(),
  atc: z.string().nullable().optional(),
  /** How a dose of it is usually given (the confirm step's defaults). */
  administration: z.object({ site: z.string(), side: z.enum(['left', 'right']), route: z.string(), doseMl: z.number().nullable() }).optional(),
});

export const productsMethods = {
  'products.list': defineMethod(NoArgs, z.array(ProductView), staff()),
  /** Supervisor: change an interval (e.g. Vaxzevria 84 -> 56 days), vial size, usable hours, CNK, ATC or add a GTIN; history kept. */
  'products.configure': defineMethod(
    z
      .object({
        code: ProductCode,
        interval: z.object({ minDays: z.number().int().min(1), targetDays: z.number().int().min(1), maxDays: z.number().int().min(1) }).strict().optional(),
        dosesPerVial: z.number().int().min(1).max(30).optional(),
        usableHoursAfterPuncture: z.number().positive().max(72).optional(),
        active: z.boolean().optional(),
        /** CNK and ATC as typed ('' or null clears them); checked by the product list's own rules. */
        cnk: z.string().max(40).nullable().optional(),
        atc: z.string().max(40).nullable().optional(),
        /** GTINs to add (a GTIN is never removed: vials in stock still carry it). */
        addGtins: z.array(z.string().max(40)).max(20).optional(),
        reason: Reason,
        by: z.string().min(1).max(200),
      })
      .strict(),
    ProductView,
    only([S], false, 'admin'),
  ),
};
