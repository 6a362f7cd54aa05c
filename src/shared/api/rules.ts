import * as z from 'zod';
import { defineMethod } from '../define';
import { IsoDay, NoArgs, ProductCode, Reason } from './common';
import { S, only, staff } from '../access';

const Interval = z.object({ minDays: z.number().int().min(1).max(400), targetDays: z.number().int().min(1).max(400), maxDays: z.number().int().min(1).max(400) }).strict();
const Age = z.number().int().min(0).max(130).nullable();

/** What a version of a product's rule says (interval, ages, mixed schedule, booster). */
export const RuleTermsArgs = z
  .object({
    productCode: ProductCode,
    /** First Brussels day the version applies: today or later. */
    validFrom: IsoDay,
    interval: Interval.nullable(),
    minAgeYears: Age,
    maxAgeYears: Age,
    /** Other products that may give the later doses of a course started with this one. */
    mixedWith: z.array(ProductCode).max(20),
    booster: z.object({ products: z.array(ProductCode).min(1).max(20), minDaysAfterLastDose: z.number().int().min(1).max(2000), minAgeYears: Age }).strict().nullable(),
  })
  .strict();

export const RuleVersionView = RuleTermsArgs.extend({
  id: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The version that applies today. */
  inForce: z.boolean(),
});

export const rulesMethods = {
  /** Every version of every product's rule, oldest first per product, the one in force today marked. */
  'rules.list': defineMethod(NoArgs, z.object({ today: IsoDay, versions: z.array(RuleVersionView) }), staff()),
  /** Supervisor: a new version from a day (today or later); earlier versions stay as they were. */
  'rules.addVersion': defineMethod(RuleTermsArgs.extend({ reason: Reason }).strict(), RuleVersionView, only([S], false, 'admin')),
};
