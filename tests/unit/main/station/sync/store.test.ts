import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion, type Db } from '../../../../../src/main/adapters/sqlite/database';
import { MIGRATIONS } from '../../../../../src/main/adapters/sqlite/migrations';
import { claim, markNeedsReview, markSynced, resetSending, selectDue, markRetry, closeDismissed } from '../../../../../src/main/station/sync/outbox-store';
import { addReview, isOverruled, openReviews, recordResolution } from '../../../../../src/main/station/sync/review-store';
import { makeTempDir } from '../../../../support/temp-dir';
import { appointment, dose, enqueue, person } from '../../../../support/federal/records';

const temps: (() => void)[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((d) => d.open && d.close());
  temps.splice(0).forEach((c) => c());
});
function open(migrations = MIGRATIONS): Db {
  const t = makeTempDir();
  temps.push(t.cleanup);
  const db = openDatabase(join(t.dir, 'station.sqlite'), { migrations });
  dbs.push(db);
  return db;
}
const now = new Date('2026-03-01T08:00:00Z');

describe('migration 20 (sync)', () => {
  it('adds its STRICT tables on top of a database that already has outbox rows, and keeps them', () => {
    const before = MIGRATIONS.filter((m) => m.version < 20);
    const db = open(before);
    enqueue(db, [dose(person(1))], now);
    expect(migrate(db, MIGRATIONS)).toBeGreaterThanOrEqual(20);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(20);
    const tables = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync_%'`).all() as { name: string; sql: string }[]);
    expect(tables.map((t) => t.name).sort()).toEqual(['sync_capacity', 'sync_eligibility', 'sync_expected_appointment', 'sync_product', 'sync_pull', 'sync_review', 'sync_state']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT$/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'sync_outbox_record'`).get()).toBeTruthy();
  });

  it('refuses a review with an unknown kind or a half-recorded decision', () => {
    const db = open();
    const insert = (kind: string, resolvedAt: string | null, resolution: string | null) =>
      db
        .prepare(`INSERT INTO sync_review (id, record_id, record_type, person_key, person_label, kind, reason, created_at, resolved_at, resolution) VALUES (?, 'r', 'dose', 'p', 'P', ?, 'x', ?, ?, ?)`)
        .run(crypto.randomUUID(), kind, now.toISOString(), resolvedAt, resolution);
    expect(() => insert('whatever', null, null)).toThrow(/CHECK/);
    expect(() => insert('refused', now.toISOString(), null)).toThrow(/CHECK/);
    expect(() => insert('refused', null, null)).not.toThrow();
  });
});

describe('outbox selection', () => {
  it('gives the oldest due rows, one per person and per record, never past an earlier unsynced row', () => {
    const db = open();
    const a = person(1);
    const b = person(2);
    const aDose = dose(a);
    const [s1, s2, s3, s4] = [aDose, dose(b), appointment(a), { ...aDose, version: 2, status: 'entered-in-error' as const }];
    enqueue(db, [s1, s2, s3, s4], now);
    const seqOf = (id: string, version = 1) => (db.prepare(`SELECT seq FROM outbox WHERE record_id = ? AND json_extract(payload, '$.version') = ?`).get(id, version) as { seq: number }).seq;
    expect(selectDue(db, now, 10).map((r) => r.recordId)).toEqual([s1.id, s2.id]);

    // A's dose is in review: A's later rows stay behind it; B goes on.
    markNeedsReview(db, seqOf(s1.id), now, 'refused');
    markSynced(db, seqOf(s2.id), now);
    expect(selectDue(db, now, 10)).toEqual([]);
    // Dismissed: closed, A's booking goes; the void of the same record waits for the booking (same person).
    closeDismissed(db, seqOf(s1.id), now, 'wrong person');
    expect(selectDue(db, now, 10).map((r) => r.recordId)).toEqual([s3.id]);
    markSynced(db, seqOf(s3.id), now);
    expect(selectDue(db, now, 10).map((r) => [r.recordId, r.seq])).toEqual([[s4.id, seqOf(s4.id, 2)]]);
  });

  it('respects backoff times and puts rows left sending back to waiting after a crash', () => {
    const db = open();
    const d = dose(person(3));
    enqueue(db, [d], now);
    const [row] = selectDue(db, now, 1);
    expect(claim(db, [row!.seq], now)).toEqual([row!.seq]);
    expect(claim(db, [row!.seq], now)).toEqual([]); // never claimed twice
    expect(selectDue(db, now, 1)).toEqual([]);
    expect(resetSending(db, now)).toBe(1);
    claim(db, [row!.seq], now);
    markRetry(db, row!.seq, now, new Date(now.getTime() + 30_000), 'HTTP 503', true);
    expect(selectDue(db, now, 1)).toEqual([]);
    expect(selectDue(db, new Date(now.getTime() + 30_000), 1).map((r) => r.attempts)).toEqual([1]);
  });
});

describe('review list', () => {
  it('adds a pull conflict once, and knows when a person overruled a conflict', () => {
    const db = open();
    const d = dose(person(4));
    const [outboxId] = enqueue(db, [d], now);
    const review = { outboxId: null, recordId: 'appt-1', recordType: 'appointment', personKey: 'p', personLabel: 'P', kind: 'moved_at_backend' as const, reason: 'moved', dedupeKey: 'remote:v2' };
    expect(addReview(db, review, now)).not.toBeNull();
    expect(addReview(db, review, now)).toBeNull();
    expect(addReview(db, { ...review, dedupeKey: 'remote:v3' }, now)).not.toBeNull();

    const id = addReview(db, { outboxId: outboxId!, recordId: d.id, recordType: 'dose', personKey: d.person.ssin, personLabel: 'X', kind: 'duplicate_elsewhere', reason: 'dup' }, now)!;
    expect(isOverruled(db, outboxId!)).toBe(false);
    expect(recordResolution(db, id, 'retry', 'another dose, confirmed', now, { id: 'staff-1', name: 'Sup' })).toBe(true);
    expect(recordResolution(db, id, 'dismiss', 'twice', now)).toBe(false);
    expect(isOverruled(db, outboxId!)).toBe(true);
    expect(openReviews(db).map((r) => r.kind)).toEqual(['moved_at_backend', 'moved_at_backend']);
  });
});
