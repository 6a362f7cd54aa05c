import * as z from 'zod';
import { defineMethod } from '../define';
import { Instant, NoArgs } from './common';
import { S, only } from '../access';

/** The audit trail of the station (hash-chained) and the retention run that pseudonymises old records. */
export const AuditCheck = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The first entry that does not fit the chain, and why. */
  problem: z.object({ seq: z.number().int().nullable(), reason: z.string() }).nullable(),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: Instant,
  stationId: z.string(),
  actor: z.string(),
  staffName: z.string().nullable(),
  method: z.string(),
  action: z.string(),
  subjects: z.array(z.string()),
  outcome: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const RetentionSummary = z.object({
  dryRun: z.boolean(),
  cutoff: Instant,
  citizens: z.number().int().nonnegative(),
  standby: z.number().int().nonnegative(),
  outboxPayloads: z.number().int().nonnegative(),
  printJobs: z.number().int().nonnegative(),
  changes: z.number().int().nonnegative(),
  reviews: z.number().int().nonnegative(),
});
export type RetentionSummary = z.infer<typeof RetentionSummary>;

export const auditMethods = {
  'audit.verify': defineMethod(NoArgs, AuditCheck, only([S])),
  'audit.recent': defineMethod(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), z.object({ entries: z.array(AuditEntryView) }), only([S], false, 'admin')),
  /** Pseudonymises personal fields of records past the retention period (see docs/SECURITY.md). */
  'audit.runRetention': defineMethod(z.object({ dryRun: z.boolean().optional() }).strict(), RetentionSummary, only([S], false, 'purge')),
};
