import * as z from 'zod';
import { defineMethod } from '../define';
import { C, V, S, only, staff, writing } from '../access';
import { Language } from '../i18n/languages';
import { Instant } from './common';
import { PrinterState } from './station';

/** One printed line of a receipt card, as the on-screen preview shows it. */
export const LayoutLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    bold: z.boolean(),
    size: z.enum(['normal', 'double']),
    align: z.enum(['left', 'centre']),
  }),
  z.object({ kind: z.literal('qr'), data: z.string() }),
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('cut') }),
]);
export type LayoutLine = z.infer<typeof LayoutLine>;

/** A card fitted to a paper width: 32 characters on 58 mm paper, 48 on 80 mm. */
export const CardPreview = z.object({
  columns: z.union([z.literal(32), z.literal(48)]),
  lines: z.array(LayoutLine),
});
export type CardPreview = z.infer<typeof CardPreview>;

export const PrintJobState = z.enum(['queued', 'sending', 'printed', 'uncertain', 'failed']);
export type PrintJobState = z.infer<typeof PrintJobState>;

export const PrintJobSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['card', 'test']),
  state: PrintJobState,
  isCopy: z.boolean(),
  copyOf: z.uuid().nullable(),
  citizenName: z.string(),
  language: Language,
  attempts: z.number().int().nonnegative(),
  /** Message key (printing.problem.*) of why the job is uncertain or failed. */
  problem: z.string().nullable(),
  /** How staff settled an uncertain job: they reprinted it, or confirmed the card came out. */
  resolution: z.enum(['reprinted', 'confirmed']).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  printedAt: Instant.nullable(),
});
export type PrintJobSummary = z.infer<typeof PrintJobSummary>;

/** The printer as the status bar and the print panel show it. */
export const PrinterInfo = z.object({
  state: PrinterState,
  queued: z.number().int().nonnegative(),
  /** Jobs waiting for a person to decide: reprint or confirm. */
  uncertain: z.number().int().nonnegative(),
  paperNearEnd: z.boolean(),
  /** Message keys: printing.state.<state> and printing.help.<state>. */
  stateKey: z.string(),
  helpKey: z.string(),
  at: Instant,
});
export type PrinterInfo = z.infer<typeof PrinterInfo>;

const JobRef = z.object({ jobId: z.uuid() }).strict();

export const printingMethods = {
  /** Card lines of a job, or of a sample card for a fictitious citizen. */
  'printing.preview': defineMethod(
    z
      .object({
        jobId: z.uuid().optional(),
        sample: z.object({ language: Language, fullName: z.string().min(1).max(200) }).strict().optional(),
        width: z.enum(['58', '80']).optional(),
      })
      .strict(),
    CardPreview,
    staff('read'),
  ),
  'printing.testPage': defineMethod(z.object({ language: Language.optional() }).strict(), z.object({ jobId: z.uuid() }), writing(staff())),
  /** Prints the card again as a new job marked COPY; the original is never sent twice. */
  'printing.reprint': defineMethod(JobRef, z.object({ jobId: z.uuid() }), only([C, V, S], 'export')),
  /** Staff saw that an uncertain card did come out complete. */
  'printing.confirm': defineMethod(JobRef, PrintJobSummary, writing(staff())),
  'printing.jobs': defineMethod(
    z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    z.object({ printer: PrinterInfo, jobs: z.array(PrintJobSummary) }),
    staff('read'),
  ),
};

export const printingEvents = {
  'printing.state': PrinterInfo,
};
