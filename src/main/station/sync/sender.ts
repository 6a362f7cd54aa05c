import type { Immunization, Resource } from 'fhir/r4';
import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { FederalClient } from '../../adapters/federal/client';
import { FederalError, toFederalError } from '../../adapters/federal/errors';
import { readTransactionResponse, transactionBundle, weakEtag, type SendPlan } from '../../../domain/fhir/bundle';
import { brusselsDay } from '../../../domain/fhir/day';
import { vaccineKeysOf } from '../../../domain/fhir/immunization';
import { failingEntryIndex, outcomeSummary } from '../../../domain/fhir/outcome';
import { asSyncPayload, personLabelOf, type SyncPayload } from '../../../domain/fhir/payloads';
import { recordVersionOf, resourceTypeOf, sameMeaning, stationRecordIdOf, toFhirResource, patientSsinOf } from '../../../domain/fhir/resource';
import { SSIN_SYSTEM, STATION_RECORD_SYSTEM, token } from '../../../domain/fhir/systems';
import type { DoseRecordPayload } from '../../../domain/records';
import { fullJitterDelay, type BackoffPolicy } from './backoff';
import { claim, lastSyncedPayloadText, markNeedsReview, markRetry, markSynced, type OutboxRow } from './outbox-store';
import { addReview, isOverruled, type ReviewKind } from './review-store';
import { isSizeRefusal, TransactionSizeLimit } from './transaction-size';

/**
 * Sends one batch of outbox rows as one transaction Bundle, after the reads that keep the
 * backend's data from being overwritten or duplicated (see domain/fhir/bundle.ts):
 * - corrections: read the backend's copy by station identifier, decide create/update/conflict;
 * - first sending of a dose: look for the same dose recorded elsewhere (same person, vaccine and
 *   Brussels day under another identifier): a conflict for review, unless a person overruled it.
 * Outcome per row: synced, back to waiting (transient failure, with full-jitter backoff), or
 * needs_review with the reason (refused content or conflict; never retried on its own).
 */

export interface SenderDeps {
  db: Db;
  clock: Clock;
  client: FederalClient;
  backoff: BackoffPolicy;
  random: () => number;
  log: (line: string) => void;
}

export interface BatchReport {
  claimed: number;
  synced: number;
  review: number;
  retried: number;
  /** Transaction requests made (each size refusal counts as one). */
  transactions: number;
  /** Transactions the backend refused as too large (then halved and sent again at once). */
  tooLarge: number;
  /** Set when the backend could not be reached or answered with a transient failure, and nothing went through. */
  transport: FederalError | null;
}

export interface SendOptions {
  /** Entries one transaction may carry for this backend; learned from size refusals. Unset: the whole read group. */
  limit?: TransactionSizeLimit;
  /**
   * Rows read and planned together (their reads go out as one round): the next group is read
   * while the previous one's transactions are on the wire. Unset: all rows in one group.
   */
  groupSize?: number;
}

interface Item {
  row: OutboxRow;
  payload: SyncPayload;
  forced: boolean;
  lastSent: SyncPayload | null;
}

interface Planned {
  item: Item;
  plan: SendPlan;
}

const CHUNK = 40;

/** The backend refused a transaction for its size: nothing of it applied, send it smaller. */
const TOO_LARGE = Symbol('too large');

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Several outcome writes as one commit; nothing when the station closed meanwhile. */
function write(db: Db, fn: () => void): void {
  if (db.open) db.transaction(fn)();
}

function parsePayload(text: string | null): SyncPayload | null {
  if (text === null) return null;
  try {
    return asSyncPayload(JSON.parse(text));
  } catch {
    return null;
  }
}

export async function sendBatch(deps: SenderDeps, rows: readonly OutboxRow[], options: SendOptions = {}): Promise<BatchReport> {
  const { db, clock } = deps;
  const report: BatchReport = { claimed: 0, synced: 0, review: 0, retried: 0, transactions: 0, tooLarge: 0, transport: null };
  report.claimed = rows.length;
  // Rows claimed ('sending') and not settled yet. A group is claimed just before its transaction
  // goes, so after a crash 'sending' means "on the wire", not "read and waiting its turn".
  const open = new Set<number>();
  /** Rows with an outcome (synced, review, back to waiting), claimed or settled by the reads. */
  const settled = new Set<number>();

  // The station may close while a request is in flight: then leave the rows to crash recovery.
  const synced = (item: Item) => {
    if (!db.open) return;
    markSynced(db, item.row.seq, clock.now());
    open.delete(item.row.seq);
    settled.add(item.row.seq);
    report.synced++;
  };
  const review = (row: OutboxRow, payload: SyncPayload | null, kind: ReviewKind, reason: string, detail: Record<string, unknown> = {}) => {
    if (!db.open) return;
    const now = clock.now();
    db.transaction(() => {
      markNeedsReview(db, row.seq, now, reason);
      addReview(
        db,
        {
          outboxId: row.id,
          recordId: row.recordId,
          recordType: payload?.type ?? row.kind,
          personKey: row.personKey,
          personLabel: payload ? personLabelOf(payload) : row.personKey,
          kind,
          reason,
          detail,
        },
        now,
      );
    }).immediate();
    open.delete(row.seq);
    settled.add(row.seq);
    report.review++;
  };
  const retry = (item: Item, error: FederalError | null, penalise: boolean) => {
    if (!db.open) return;
    const now = clock.now();
    let at: Date | null = null;
    if (penalise) {
      const delay = Math.max(fullJitterDelay(item.row.attempts + 1, deps.backoff, deps.random), error?.retryAfterMs ?? 0);
      at = new Date(now.getTime() + delay);
    }
    markRetry(db, item.row.seq, now, at, error?.message ?? null, penalise);
    open.delete(item.row.seq);
    settled.add(item.row.seq);
    report.retried++;
  };
  const out: Outcomes = { synced, review, retry, report };

  try {
    const items: Item[] = [];
    for (const row of rows) {
      const payload = parsePayload(row.payloadText);
      if (!payload) {
        review(row, null, 'unreadable', 'The record could not be read for sending (unknown type or damaged payload).');
        continue;
      }
      items.push({ row, payload, forced: isOverruled(db, row.id), lastSent: parsePayload(lastSyncedPayloadText(db, row.recordId, row.seq)) });
    }
    const limit = options.limit ?? new TransactionSizeLimit(Math.max(1, items.length));
    const groups = chunks(items, Math.max(1, options.groupSize ?? items.length));
    const plan = (group: readonly Item[]) => planGroup(deps, group, review, synced);
    let accepted = false;
    let transport: FederalError | null = null;
    // Pipelined: the next group's reads and planning run while this group's transactions are on the wire.
    let next = groups.length > 0 ? plan(groups[0]!) : null;
    for (let g = 0; g < groups.length && next; g++) {
      const planned = await next;
      next = g + 1 < groups.length ? plan(groups[g + 1]!) : null;
      if (!Array.isArray(planned)) {
        const e = planned.error;
        if (e.kind === 'refused') {
          for (const item of groups[g]!) if (!settled.has(item.row.seq)) review(item.row, item.payload, 'refused', `The backend refused the check made before sending: ${e.message}`);
          continue;
        }
        write(db, () => groups[g]!.forEach((item) => !settled.has(item.row.seq) && retry(item, e, true)));
        transport = e;
      } else {
        if (!db.open) break;
        const taken = new Set(claim(db, planned.map((p) => p.item.row.seq), clock.now()));
        taken.forEach((seq) => open.add(seq));
        report.claimed -= planned.length - taken.size;
        const sent = await sendInTransactions(deps, planned.filter((p) => taken.has(p.item.row.seq)), limit, out);
        accepted ||= sent.accepted;
        transport = sent.transport;
      }
      // A transient failure ends the batch: the groups not sent yet were never claimed and stay waiting, unpenalised.
      if (transport) {
        await next;
        break;
      }
    }
    report.transport = accepted ? null : transport;
    return report;
  } finally {
    // Safety net: nothing claimed by this batch stays 'sending' once it is over.
    write(db, () => open.forEach((seq) => markRetry(db, seq, clock.now(), null, null, false)));
  }
}

/** Reads before sending for one group; a failed read is returned, not thrown (the group waits). */
async function planGroup(deps: SenderDeps, group: readonly Item[], review: Review, synced: (i: Item) => void): Promise<Planned[] | { error: FederalError }> {
  const corrections = group.filter((i) => i.payload.version > 1 || i.lastSent !== null);
  const creates = group.filter((i) => !corrections.includes(i));
  try {
    return [...(await planCreates(deps, creates, review, synced)), ...(await planCorrections(deps, corrections, review, synced))];
  } catch (error) {
    return { error: toFederalError(error, 'read before sending') };
  }
}

/**
 * Sends planned entries in transactions of the backend's size. A refusal for size halves the
 * size and sends again at once: nothing was applied, so no backoff, no breaker failure, no
 * attempt counted. A transient failure stops here; the rows not yet sent go back to waiting.
 */
async function sendInTransactions(deps: SenderDeps, planned: readonly Planned[], limit: TransactionSizeLimit, out: Outcomes): Promise<{ accepted: boolean; transport: FederalError | null }> {
  let accepted = false;
  let rest = planned;
  while (rest.length > 0) {
    const size = Math.max(1, Math.min(rest.length, limit.current));
    out.report.transactions++;
    const outcome = await sendPlanned(deps, rest.slice(0, size), out);
    if (outcome === TOO_LARGE) {
      out.report.tooLarge++;
      deps.log(`transaction of ${size} entries refused as too large; sending at most ${Math.floor(size / 2)} at a time`);
      limit.onTooLarge(size);
      continue;
    }
    rest = rest.slice(size);
    if (outcome) return { accepted, transport: outcome };
    accepted = true;
    limit.onAccepted(size);
  }
  return { accepted, transport: null };
}

type Review = (row: OutboxRow, payload: SyncPayload | null, kind: ReviewKind, reason: string, detail?: Record<string, unknown>) => void;

/**
 * First sending: creates, after the duplicate-elsewhere check for doses. The same read finds a
 * dose of ours the backend already holds (sent before, the answer lost): synced without sending
 * it again, so a lost answer costs no second transaction.
 */
async function planCreates(deps: SenderDeps, creates: readonly Item[], review: Review, synced: (i: Item) => void): Promise<Planned[]> {
  const doses = creates.filter((i) => i.payload.type === 'dose' && !i.forced);
  const bySsin = new Map<string, Immunization[]>();
  const ssins = [...new Set(doses.map((i) => (i.payload as DoseRecordPayload).person.ssin))];
  // The reads of one batch go out together: latency is paid once per batch, not once per chunk.
  const pages = await Promise.all(
    chunks(ssins, CHUNK).map((group) =>
      deps.client.search<Immunization>('Immunization', {
        'patient:identifier': group.map((s) => token(SSIN_SYSTEM, s)).join(','),
        _count: '200',
      }),
    ),
  );
  for (const found of pages) {
    for (const r of found) {
      const ssin = patientSsinOf(r);
      if (ssin) bySsin.set(ssin, [...(bySsin.get(ssin) ?? []), r]);
    }
  }
  const planned: Planned[] = [];
  for (const item of creates) {
    // Nothing at the backend for this person (the usual case): no comparison to make.
    const found = item.payload.type === 'dose' && !item.forced ? (bySsin.get(item.payload.person.ssin) ?? []) : [];
    if (item.payload.type === 'dose' && found.length > 0) {
      const dose = item.payload;
      const mine = toFhirResource(dose) as Immunization;
      const codes = vaccineKeysOf(mine);
      const day = brusselsDay(new Date(dose.administeredAt));
      const own = found.filter((r) => stationRecordIdOf(r) === dose.id);
      if (own.length === 1 && recordVersionOf(own[0]!) === dose.version && sameMeaning(own[0]!, mine)) {
        synced(item);
        continue;
      }
      const elsewhere = found.filter(
        (r) =>
          stationRecordIdOf(r) !== dose.id &&
          // A voided dose or a vaccination not done (booking.notGiven) is no dose given.
          r.status === 'completed' &&
          r.occurrenceDateTime !== undefined &&
          brusselsDay(new Date(r.occurrenceDateTime)) === day &&
          [...vaccineKeysOf(r)].some((k) => codes.has(k)),
      );
      if (elsewhere.length > 0) {
        review(item.row, dose, 'duplicate_elsewhere', `The backend already holds a dose of this vaccine for this person on ${day}, recorded elsewhere.`, {
          remoteIds: elsewhere.map((r) => r.id ?? null),
          remoteRecorded: elsewhere.map((r) => r.recorded ?? null),
        });
        continue;
      }
    }
    planned.push({ item, plan: { action: 'create', payload: item.payload } });
  }
  return planned;
}

/** Corrections and voids: read the backend's copy first, then update with If-Match or stop. */
async function planCorrections(deps: SenderDeps, corrections: readonly Item[], review: Review, synced: (i: Item) => void): Promise<Planned[]> {
  const remote = new Map<string, Resource[]>();
  const byType = new Map<string, Item[]>();
  for (const item of corrections) byType.set(resourceTypeOf(item.payload), [...(byType.get(resourceTypeOf(item.payload)) ?? []), item]);
  const reads = [...byType].flatMap(([type, items]) =>
    chunks(items, CHUNK).map((group) =>
      deps.client.search(type, {
        identifier: group.map((i) => token(STATION_RECORD_SYSTEM, i.payload.id)).join(','),
        _count: '200',
      }),
    ),
  );
  for (const found of await Promise.all(reads)) {
    for (const r of found) {
      const id = stationRecordIdOf(r);
      if (id) remote.set(id, [...(remote.get(id) ?? []), r]);
    }
  }
  const planned: Planned[] = [];
  for (const item of corrections) {
    const copies = remote.get(item.payload.id) ?? [];
    const mine = toFhirResource(item.payload);
    if (copies.length === 0) {
      planned.push({ item, plan: { action: 'create', payload: item.payload } });
      continue;
    }
    if (copies.length > 1) {
      review(item.row, item.payload, 'changed_at_backend', `The backend holds ${copies.length} copies of this record; it cannot be corrected automatically.`, {
        remoteIds: copies.map((c) => c.id ?? null),
      });
      continue;
    }
    const copy = copies[0]!;
    const theirs = recordVersionOf(copy);
    const ifMatch = copy.meta?.versionId ? weakEtag(copy.meta.versionId) : null;
    if (theirs > item.payload.version) {
      review(item.row, item.payload, 'newer_at_backend', `The backend already holds version ${theirs} of this record; this station's version ${item.payload.version} is older.`, {
        remoteId: copy.id ?? null,
      });
    } else if (theirs === item.payload.version && sameMeaning(copy, mine)) {
      synced(item); // sent before, the answer was lost
    } else if (item.forced) {
      planned.push({ item, plan: { action: 'update', payload: item.payload, ifMatch } });
    } else if (theirs < item.payload.version && item.lastSent && sameMeaning(copy, toFhirResource(item.lastSent))) {
      planned.push({ item, plan: { action: 'update', payload: item.payload, ifMatch } });
    } else {
      review(item.row, item.payload, 'changed_at_backend', 'The backend copy differs from what this station last sent; it was changed there. Check before sending this change.', {
        remoteId: copy.id ?? null,
        remoteVersion: copy.meta?.versionId ?? null,
      });
    }
  }
  return planned;
}

interface Outcomes {
  synced: (i: Item) => void;
  review: Review;
  retry: (i: Item, e: FederalError | null, penalise: boolean) => void;
  report: BatchReport;
}

function refusalKind(e: FederalError): ReviewKind {
  return e.status === 412 || e.status === 409 ? 'changed_at_backend' : 'refused';
}

function refusalReason(e: FederalError): string {
  const detail = outcomeSummary(e.body);
  return `The backend refused this record (HTTP ${e.status ?? '?'})${detail ? `: ${detail}` : '.'}`;
}

/**
 * Sends the planned entries as one transaction. A refusal for size (see `isSizeRefusal`) leaves
 * every row as it is and answers TOO_LARGE. Another refusal (4xx) names its entry when the server
 * says which; otherwise the entries are sent one by one to find it. The others were not
 * applied (all-or-nothing) and go back to waiting without penalty.
 */
async function sendPlanned(deps: SenderDeps, planned: readonly Planned[], out: Outcomes): Promise<FederalError | null | typeof TOO_LARGE> {
  if (planned.length === 0) return null;
  let response: unknown;
  try {
    response = await deps.client.transaction(transactionBundle(planned.map((p) => p.plan)));
  } catch (error) {
    const e = toFederalError(error, 'transaction');
    if (e.kind !== 'refused') {
      write(deps.db, () => planned.forEach((p) => out.retry(p.item, e, true)));
      return e;
    }
    if (planned.length > 1 && isSizeRefusal(e)) return TOO_LARGE;
    if (planned.length === 1) {
      out.review(planned[0]!.item.row, planned[0]!.item.payload, refusalKind(e), refusalReason(e), { status: e.status });
      return null;
    }
    const index = failingEntryIndex(e.body);
    if (index !== null && index < planned.length) {
      const bad = planned[index]!;
      write(deps.db, () => {
        out.review(bad.item.row, bad.item.payload, refusalKind(e), refusalReason(e), { status: e.status });
        for (const p of planned) if (p !== bad) out.retry(p.item, null, false);
      });
      return null;
    }
    deps.log(`transaction of ${planned.length} refused without naming an entry; sending them one by one`);
    for (let i = 0; i < planned.length; i++) {
      out.report.transactions++;
      // A single entry is never refused for size (that is a refusal of the record): no TOO_LARGE here.
      const transport = await sendPlanned(deps, [planned[i]!], out);
      if (transport === TOO_LARGE) continue;
      if (transport) {
        for (const rest of planned.slice(i + 1)) out.retry(rest.item, transport, true);
        return transport;
      }
    }
    return null;
  }
  let results;
  try {
    results = readTransactionResponse(response, planned.length);
  } catch (error) {
    const e = new FederalError('protocol', `transaction: ${(error as Error).message}`);
    write(deps.db, () => planned.forEach((p) => out.retry(p.item, e, true)));
    return e;
  }
  // One commit for the whole batch: with synchronous=FULL every commit is a disk flush.
  write(deps.db, () =>
    results.forEach((r, i) => {
      const p = planned[i]!;
      if (r.status >= 200 && r.status < 300) out.synced(p.item);
      else out.review(p.item.row, p.item.payload, 'refused', `The backend answered ${r.status} for this record.`, { status: r.status });
    }),
  );
  return null;
}
