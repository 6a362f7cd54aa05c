import type { SessionChange } from '../../../domain/fhir/session-change';
import { sessionChangeRecordId, sessionChangeToFhir } from '../../../domain/fhir/session-change';
import { STATION_RECORD_SYSTEM } from '../../../domain/fhir/systems';
import { SESSION_CHANGE_KIND } from '../capacity/session-changes';
import { markNeedsReview, markSynced, waitingOfKinds, type WaitingOutboxRow } from '../sync/outbox-store';
import { addReview } from '../sync/review-store';
import { isOk, putByIdentifier, sendWrites } from './fhir-io';
import { ensureOpen, type CentreDeps } from './options';

/**
 * Sends this station's session changes and closings (outbox kind `centre-session`, queued with
 * the local change) to the backend: one Schedule per session, replaced by its newest state. The
 * other stations apply it at their next pull (sync/session-changes.ts). Rows wait while the backend
 * is unreachable; a refused one goes to review like any refused record.
 */
export async function sendSessionChanges(deps: CentreDeps): Promise<number> {
  const { db, clock, client } = deps;
  const rows = waitingOfKinds(db, [SESSION_CHANGE_KIND], 500);
  if (rows.length === 0) return 0;
  // Only the newest row of a session is sent: the older ones say what it no longer is.
  const newest = new Map<string, { row: WaitingOutboxRow; change: SessionChange }>();
  const superseded: WaitingOutboxRow[] = [];
  const unreadable: WaitingOutboxRow[] = [];
  for (const row of rows) {
    const change = readChange(row);
    if (!change) {
      unreadable.push(row);
      continue;
    }
    const before = newest.get(change.sessionId);
    if (before) superseded.push(before.row);
    newest.set(change.sessionId, { row, change });
  }
  const sending = [...newest.values()];
  const writes = sending.map(({ change }) => putByIdentifier('Schedule', sessionChangeToFhir(change), STATION_RECORD_SYSTEM, sessionChangeRecordId(change.sessionId)));
  const statuses = writes.length > 0 ? await sendWrites(client, writes) : [];
  ensureOpen(db);
  const now = clock.now();
  db.transaction(() => {
    for (const row of superseded) markSynced(db, row.seq, now);
    for (const row of unreadable) refuse(deps, row, 'This session change could not be read for sending.', now);
    sending.forEach(({ row }, i) => {
      const status = statuses[i]!;
      if (isOk(status)) markSynced(db, row.seq, now);
      // 412/409: changed in between, sent again next round; other 4xx: refused content.
      else if (status >= 400 && status < 500 && status !== 412 && status !== 409) refuse(deps, row, `The backend refused this session change (HTTP ${status}).`, now);
    });
  }).immediate();
  return sending.filter((_, i) => isOk(statuses[i]!)).length;
}

function refuse(deps: CentreDeps, row: WaitingOutboxRow, reason: string, now: Date): void {
  markNeedsReview(deps.db, row.seq, now, reason);
  addReview(
    deps.db,
    { outboxId: row.id, recordId: row.record_id, recordType: row.kind, personKey: `centre:${deps.centreId}`, personLabel: `Session change ${row.record_id}`, kind: 'refused', reason },
    now,
  );
}

function readChange(row: WaitingOutboxRow): SessionChange | null {
  try {
    const p = JSON.parse(row.payload) as Partial<SessionChange>;
    const texts = [p.centreId, p.sessionId, p.date, p.productCode, p.start, p.end];
    if (texts.every((t) => typeof t === 'string') && typeof p.slotMinutes === 'number' && typeof p.capacityPerSlot === 'number' && typeof p.active === 'boolean') return p as SessionChange;
  } catch {
    // not JSON
  }
  return null;
}
