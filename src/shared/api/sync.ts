import * as z from 'zod';
import { defineMethod } from '../define';
import { Instant, NoArgs } from './common';
import { S, only, staff } from '../access';
import { SyncMode } from './station';

/** Why a record or a booking waits for a person (message keys: sync.review.kind.<kind>). */
export const ReviewKind = z.enum([
  'refused',
  'duplicate_elsewhere',
  'changed_at_backend',
  'moved_at_backend',
  'newer_at_backend',
  'unreadable',
  /** A backend capacity allocation gives units another station already owns (supervisor). */
  'capacity_conflict',
]);
export type ReviewKind = z.infer<typeof ReviewKind>;


export const SyncModeInfo = z.object({
  mode: SyncMode,
  /** When the backend stopped answering; null unless offline. */
  offlineSince: Instant.nullable(),
});
export type SyncModeInfo = z.infer<typeof SyncModeInfo>;

export const SyncStatus = SyncModeInfo.extend({
  /** False when no federal URL is set: records wait, nothing is sent. */
  configured: z.boolean(),
  federalUrl: z.string(),
  waiting: z.number().int().nonnegative(),
  sending: z.number().int().nonnegative(),
  oldestWaitingAt: Instant.nullable(),
  oldestAgeSeconds: z.number().int().nonnegative().nullable(),
  /** Open review items (refused records and conflicts, including bookings the backend moved). */
  needsReview: z.number().int().nonnegative(),
  lastSuccessAt: Instant.nullable(),
  lastSyncedAt: Instant.nullable(),
  /** Technical detail of the last failure (English), for support. */
  lastError: z.string().nullable(),
  lastPullAt: Instant.nullable(),
  lastPullError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ReviewItem = z.object({
  id: z.uuid(),
  kind: ReviewKind,
  /** Translated explanation and what to do: `sync.review.kind.<kind>`. */
  messageKey: z.string(),
  recordId: z.string(),
  recordType: z.string(),
  /** Detail from the backend or the station (technical, not translated). */
  reason: z.string(),
  createdAt: Instant,
  /** Retry sends the record again (overruling the conflict check when it was a conflict). */
  retryable: z.boolean(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewPerson = z.object({
  personKey: z.string(),
  personLabel: z.string(),
  items: z.array(ReviewItem),
});
export type ReviewPerson = z.infer<typeof ReviewPerson>;


export const syncMethods = {
  'sync.status': defineMethod(NoArgs, SyncStatus, staff()),
  'sync.review': defineMethod(NoArgs, z.object({ persons: z.array(ReviewPerson) }), only([S], 'read')),
  'sync.resolveReview': defineMethod(
    z
      .object({
        id: z.uuid(),
        action: z.enum(['retry', 'dismiss']),
        reason: z.string().trim().min(3).max(500),
      })
      .strict(),
    z.object({ id: z.uuid(), action: z.enum(['retry', 'dismiss']), resolvedAt: Instant }),
    only([S], 'correct'),
  ),
  /** Pulls the centre's day and sends what is due now; answers with the status after that. */
  'sync.now': defineMethod(NoArgs, SyncStatus, staff()),
};

export const syncEvents = {
  'sync.mode': SyncModeInfo,
};
