import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import { prepared } from '../../adapters/sqlite/statements';

/** The review list: what a person must decide on, per person, with the decision kept. */

export type ReviewKind = 'refused' | 'duplicate_elsewhere' | 'changed_at_backend' | 'moved_at_backend' | 'newer_at_backend' | 'unreadable' | 'capacity_conflict';

/** Conflicts a person may overrule with "retry": the worker then sends without that check. */
export const OVERRULABLE: readonly ReviewKind[] = ['duplicate_elsewhere', 'changed_at_backend'];

export interface NewReview {
  outboxId: string | null;
  recordId: string;
  recordType: string;
  personKey: string;
  personLabel: string;
  kind: ReviewKind;
  reason: string;
  detail?: Record<string, unknown>;
  dedupeKey?: string | null;
}

export interface ReviewRow {
  id: string;
  outboxId: string | null;
  recordId: string;
  recordType: string;
  personKey: string;
  personLabel: string;
  kind: ReviewKind;
  reason: string;
  detail: Record<string, unknown>;
  createdAt: string;
  resolvedAt: string | null;
  resolution: 'retry' | 'dismiss' | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
}

interface RawReview {
  id: string;
  outbox_id: string | null;
  record_id: string;
  record_type: string;
  person_key: string;
  person_label: string;
  kind: ReviewKind;
  reason: string;
  detail: string;
  created_at: string;
  resolved_at: string | null;
  resolution: 'retry' | 'dismiss' | null;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

function toReview(r: RawReview): ReviewRow {
  return {
    id: r.id,
    outboxId: r.outbox_id,
    recordId: r.record_id,
    recordType: r.record_type,
    personKey: r.person_key,
    personLabel: r.person_label,
    kind: r.kind,
    reason: r.reason,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    resolutionReason: r.resolution_reason,
    resolvedBy: r.resolved_by,
    resolvedByName: r.resolved_by_name,
  };
}

/** Adds a review item; the same pull conflict (same dedupe key) is only added once. */
export function addReview(db: Db, review: NewReview, now: Date): string | null {
  const id = randomUUID();
  const changes = db
    .prepare(
      `INSERT OR IGNORE INTO sync_review (id, outbox_id, record_id, record_type, person_key, person_label, kind, reason, detail, dedupe_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      review.outboxId,
      review.recordId,
      review.recordType,
      review.personKey,
      review.personLabel,
      review.kind,
      review.reason.slice(0, 1000),
      JSON.stringify(review.detail ?? {}),
      review.dedupeKey ?? null,
      now.toISOString(),
    ).changes;
  return changes === 1 ? id : null;
}

export function getReview(db: Db, id: string): ReviewRow | null {
  const r = db.prepare('SELECT * FROM sync_review WHERE id = ?').get(id) as RawReview | undefined;
  return r ? toReview(r) : null;
}

export function openReviews(db: Db): ReviewRow[] {
  return (db.prepare('SELECT * FROM sync_review WHERE resolved_at IS NULL ORDER BY person_key, created_at, id').all() as RawReview[]).map(toReview);
}

export function openReviewCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM sync_review WHERE resolved_at IS NULL').get() as { n: number }).n;
}

export function recordResolution(
  db: Db,
  id: string,
  resolution: 'retry' | 'dismiss',
  reason: string,
  now: Date,
  by: { id: string; name: string } | null = null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE sync_review SET resolved_at = ?, resolution = ?, resolution_reason = ?, resolved_by = ?, resolved_by_name = ?
         WHERE id = ? AND resolved_at IS NULL`,
      )
      .run(now.toISOString(), resolution, reason, by?.id ?? null, by?.name ?? null, id).changes === 1
  );
}

/** True when a person overruled a conflict for this outbox row: send without that check. */
export function isOverruled(db: Db, outboxId: string): boolean {
  const kinds = OVERRULABLE.map(() => '?').join(', ');
  const r = prepared(db, `SELECT 1 FROM sync_review WHERE outbox_id = ? AND resolution = 'retry' AND kind IN (${kinds}) LIMIT 1`).get(outboxId, ...OVERRULABLE);
  return r !== undefined;
}

/** A person's review items (keyed by SSIN or citizen id), for retention to pseudonymise their label. */
export function reviewLabelsOfPerson(db: Db, ssin: string, citizenId: string): { id: string; person_label: string }[] {
  return db.prepare('SELECT id, person_label FROM sync_review WHERE person_key IN (?, ?)').all(ssin, citizenId) as { id: string; person_label: string }[];
}

export function replaceReviewLabel(db: Db, id: string, label: string): void {
  db.prepare('UPDATE sync_review SET person_label = ? WHERE id = ?').run(label, id);
}
