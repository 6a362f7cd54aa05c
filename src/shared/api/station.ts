import * as z from 'zod';
import { Settings, SettingsPatch, StationRole } from '../settings';
import { Language } from '../i18n/languages';
import { defineMethod } from '../define';
import { Instant, NoArgs } from './common';
import { S, languageOnly, open } from '../access';

export const SyncMode = z.enum(['online', 'degraded', 'offline']);
export type SyncMode = z.infer<typeof SyncMode>;

export const PrinterState = z.enum(['none', 'ready', 'busy', 'offline', 'paper_out', 'cover_open', 'error']);
export type PrinterState = z.infer<typeof PrinterState>;

/** What the status bar shows, read from the station's own stores. */
export const StationStatus = z.object({
  stationId: z.string(),
  centreId: z.string(),
  centreName: z.string(),
  role: StationRole,
  language: Language,
  version: z.string(),
  schemaVersion: z.number().int(),
  startedAt: Instant,
  now: Instant,
  sync: z.object({
    /** False while no federal backend URL is set: the station works alone by design. */
    configured: z.boolean(),
    mode: SyncMode,
    offlineSince: Instant.nullable(),
    waiting: z.number().int().nonnegative(),
    oldestWaitingAt: Instant.nullable(),
    needsReview: z.number().int().nonnegative(),
  }),
  printer: z.object({ state: PrinterState, queued: z.number().int().nonnegative() }),
  cardReader: z.object({ available: z.boolean(), readers: z.array(z.string()) }),
  /** Citizen messages: waiting to go out, and those staff must check (maybe sent). */
  messages: z.object({ configured: z.boolean(), waiting: z.number().int().nonnegative(), uncertain: z.number().int().nonnegative() }),
  transport: z.enum(['electron', 'http']),
});
export type StationStatus = z.infer<typeof StationStatus>;


export const stationMethods = {
  'station.status': defineMethod(NoArgs, StationStatus, open()),
  'settings.get': defineMethod(NoArgs, Settings, open()),
  'settings.update': defineMethod(SettingsPatch, Settings, { roles: [S], personal: false, security: 'admin', publicIf: languageOnly }),
};

export const stationEvents = {
  'station.status': StationStatus,
};
