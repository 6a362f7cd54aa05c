import * as z from 'zod';
import { defineMethod } from '../define';
import { IsoDay, Ssin } from './common';
import { staff } from '../access';

/**
 * Identification at the desk: whatever was scanned or typed, parsed into one of five kinds. Warnings
 * are codes with a message `identity.warning.<code>` in the identity catalog.
 */
const Sex = z.enum(['M', 'F']).nullable();
const Warnings = z.array(z.string()).readonly();
const PartialDate = z.object({
  year: z.number().int().nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
});

export const SsinScan = z.object({
  kind: z.literal('ssin'),
  ssin: Ssin,
  formatted: z.string(),
  numberKind: z.enum(['nn', 'bis']),
  bis: z.boolean(),
  birthDate: IsoDay.nullable(),
  birth: PartialDate,
  sex: Sex,
  warnings: Warnings,
});

export const MrzScan = z.object({
  kind: z.literal('mrz'),
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  ssin: Ssin.nullable(),
  surname: z.string(),
  givenNames: z.string(),
  namesTruncated: z.boolean(),
  birthDate: IsoDay.nullable(),
  birth: PartialDate,
  sex: Sex,
  expiryDate: IsoDay,
  nationality: z.string(),
  warnings: Warnings,
});

export const Gs1Scan = z.object({
  kind: z.literal('gs1'),
  gtin: z.string().regex(/^\d{14}$/),
  expiry: IsoDay,
  lot: z.string().min(1).max(20),
  serial: z.string().min(1).max(20).nullable(),
  aim: z.string().nullable(),
  warnings: Warnings,
});

export const InvitationScan = z.object({ kind: z.literal('invitation'), code: z.string().min(1) });
/**
 * An appointment card's QR text as scanned (trimmed, AIM prefix dropped). Its format belongs to
 * src/domain/booking/card-token.ts alone, which classifyScan asks; the contract does not repeat it.
 */
export const CardScan = z.object({ kind: z.literal('card'), token: z.string().min(1) });

export const ScanResult = z.discriminatedUnion('kind', [SsinScan, MrzScan, Gs1Scan, InvitationScan, CardScan]);
export type ScanResult = z.infer<typeof ScanResult>;

export const IDENTITY_TEXT_MAX = 4096;

export const identityMethods = {
  /** Parses one scan or typed entry; refusals come back as errors with an `identity.*` code. */
  'identity.parse': defineMethod(z.object({ text: z.string().max(IDENTITY_TEXT_MAX) }).strict(), ScanResult, staff()),
};
