import * as z from 'zod';
import { defineMethod } from '../define';
import { Settings } from '../settings';
import { Language } from '../i18n/languages';
import { NoArgs } from './common';
import { NihdiNumber, Pin, StaffCode, SignInResult } from './staff';
import { S, only, open } from '../access';

/**
 * Setting up a centre from the screens: the same use cases as `centre init/join/export` on the
 * command line. Creating, joining and the first supervisor are open only while the station has no
 * supervisor (first start); the handlers refuse them afterwards.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/** A sealed centre file travels base64 encoded; the largest centre file measured is 4.1 MB. */
export const MAX_CENTRE_FILE_BYTES = 16 * 1024 * 1024;
const Base64File = z
  .string()
  .min(1)
  .max(Math.ceil(MAX_CENTRE_FILE_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const Passphrase = z.string().max(1000);

export const CentreStatus = z.object({
  /** The station belongs to a centre (created here or joined). */
  centre: z.boolean(),
  /** An active supervisor exists: set-up is over, the sign-in screen is shown. */
  supervisor: z.boolean(),
  stationId: z.string(),
  centreId: z.string().nullable(),
  centreName: z.string().nullable(),
  /** The weekdays the centre opens, as created (null: made before centres had them). */
  openDays: z.array(Weekday).nullable(),
});
export type CentreStatus = z.infer<typeof CentreStatus>;

export const CentreCreate = z
  .object({
    centreId: Settings.shape.centreId,
    name: z.string().trim().min(1).max(120),
    address: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
    languages: z.array(Language).min(1).max(4),
    openDays: z.array(Weekday).min(1).max(7),
  })
  .strict();

const JoinAdded = z.object({
  products: z.number().int(),
  days: z.number().int(),
  sessions: z.number().int(),
  slots: z.number().int(),
  units: z.number().int(),
  allocations: z.number().int(),
  staff: z.number().int(),
});

export const centreMethods = {
  'centre.status': defineMethod(NoArgs, CentreStatus, open()),
  /** First start: this station becomes the first station of a new centre. */
  'centre.create': defineMethod(CentreCreate, z.object({ centreId: z.string(), stationId: z.string(), cardKeyFingerprint: z.string() }), open({ writes: true })),
  /** First start: this station joins the centre of a centre file (bytes base64, passphrase). */
  'centre.join': defineMethod(
    z.object({ file: Base64File, passphrase: Passphrase }).strict(),
    z.object({ centreId: z.string(), stationId: z.string(), added: JoinAdded, cardKeyFingerprint: z.string() }),
    open({ writes: true }),
  ),
  /** Supervisor: the sealed centre file another station joins from. */
  'centre.export': defineMethod(
    z.object({ passphrase: Passphrase }).strict(),
    z.object({ file: z.string(), bytes: z.number().int(), products: z.number().int(), sessions: z.number().int(), staff: z.number().int() }),
    only([S], false, 'admin'),
  ),
  /** First start: the first supervisor, only while the station has none. Signs them in. */
  'centre.firstSupervisor': defineMethod(
    z
      .object({ displayName: z.string().trim().min(1).max(120), code: StaffCode.nullable().optional(), nihdi: NihdiNumber.nullable().optional(), pin: Pin })
      .strict()
      .refine((a) => Boolean(a.code || a.nihdi), { message: 'a staff number or an NIHDI number to sign in with', path: ['code'] }),
    SignInResult,
    open({ writes: true }),
  ),
};
