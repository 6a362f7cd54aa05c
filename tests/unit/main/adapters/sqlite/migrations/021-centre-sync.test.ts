import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../../src/main/adapters/sqlite/migrations';
import { migrate, openDatabase, schemaVersion } from '../../../../../../src/main/adapters/sqlite/database';
import { addReview, openReviews } from '../../../../../../src/main/station/sync/review-store';
import { storeCapacity, capacityAllocations } from '../../../../../../src/main/station/sync/pulled-store';
import { makeTempDir } from '../../../../../support/temp-dir';
import { dose, enqueue, person } from '../../../../../support/federal/records';

const temp = makeTempDir('dosedesk-m21-');
afterAll(() => temp.cleanup());
const now = new Date('2026-03-02T08:00:00.000Z');

describe('migration 21 (centre-sync)', () => {
  it('keeps review items and pulled capacity, takes capacity conflicts, and still refuses what it refused', () => {
    const db = openDatabase(join(temp.dir, 'm21.sqlite'), { migrations: MIGRATIONS.filter((m) => m.version <= 20) });
    try {
      const [outboxId] = enqueue(db, [dose(person(1))], now);
      addReview(db, { outboxId: outboxId!, recordId: 'r1', recordType: 'dose', personKey: 'p', personLabel: 'P', kind: 'refused', reason: 'no lot', detail: { status: 400 } }, now);
      addReview(db, { outboxId: null, recordId: 'r2', recordType: 'appointment', personKey: 'q', personLabel: 'Q', kind: 'moved_at_backend', reason: 'moved', dedupeKey: 'k' }, now);
      db.prepare(
        `INSERT INTO sync_capacity (remote_id, day, record_id, centre_id, station_id, product_code, start_at, end_at, doses, active, fetched_at)
         VALUES ('x', '2026-03-02', NULL, 'heysel', NULL, 'comirnaty', '2026-03-02T08:00:00Z', '2026-03-02T11:00:00Z', 100, 1, ?)`,
      ).run(now.toISOString());
      const before = openReviews(db);

      expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 21))).toBe(21);
      expect(schemaVersion(db)).toBe(21);
      expect(openReviews(db)).toEqual(before);
      expect(capacityAllocations(db, '2026-03-02')).toEqual([expect.objectContaining({ remoteId: 'x', doses: 100, units: null, slotMinutes: null })]);
      // And it stores what an allocation needs now.
      storeCapacity(db, '2026-03-02', [{ remoteId: 'y', recordId: null, centreId: 'heysel', stationId: 's1', productCode: 'comirnaty', start: '2026-03-03T08:00:00Z', end: '2026-03-03T09:00:00Z', doses: null, active: true, versionId: '2', units: '0-2', slotMinutes: 15, capacityPerSlot: 3 }], now, ['2026-03-02', '2026-03-03']);
      expect(capacityAllocations(db, '2026-03-03')).toEqual([expect.objectContaining({ remoteId: 'y', versionId: '2', units: '0-2', slotMinutes: 15, capacityPerSlot: 3 })]);
      expect(capacityAllocations(db, '2026-03-02')).toEqual([]); // no longer listed: gone
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      // The new kind is taken; the old rules hold (unknown kind, half-recorded decision, same conflict twice).
      expect(addReview(db, { outboxId: null, recordId: 'a1', recordType: 'capacity', personKey: 'capacity:heysel', personLabel: 'C', kind: 'capacity_conflict', reason: 'x', dedupeKey: 'a1' }, now)).not.toBeNull();
      expect(addReview(db, { outboxId: null, recordId: 'a1', recordType: 'capacity', personKey: 'capacity:heysel', personLabel: 'C', kind: 'capacity_conflict', reason: 'x', dedupeKey: 'a1' }, now)).toBeNull();
      const insert = (kind: string, resolvedAt: string | null, resolution: string | null) =>
        db
          .prepare(`INSERT INTO sync_review (id, record_id, record_type, person_key, person_label, kind, reason, created_at, resolved_at, resolution) VALUES (?, 'r', 'dose', 'p', 'P', ?, 'x', ?, ?, ?)`)
          .run(crypto.randomUUID(), kind, now.toISOString(), resolvedAt, resolution);
      expect(() => insert('whatever', null, null)).toThrow(/CHECK/);
      expect(() => insert('refused', now.toISOString(), null)).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO sync_review (id, outbox_id, record_id, record_type, person_key, person_label, kind, reason, created_at) VALUES ('z', 'no-such-row', 'r', 'dose', 'p', 'P', 'refused', 'x', ?)`).run(now.toISOString())).toThrow(/FOREIGN KEY/);

      // Its own tables are STRICT and their states are checked.
      for (const t of ['centre_sync_view', 'centre_sync_task', 'centre_sync_release']) {
        expect((db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(t) as { sql: string }).sql, t).toMatch(/\) STRICT$/);
      }
      expect(() =>
        db
          .prepare(`INSERT INTO centre_sync_release (transfer_id, slot_id, unit, epoch, from_station, to_station, state, released_at, updated_at) VALUES ('t', 's', 0, 1, 'a', 'b', 'lost', 'x', 'x')`)
          .run(),
      ).toThrow(/CHECK/);
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sync_review' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
      expect(indexes).toEqual(['sync_review_dedupe', 'sync_review_open', 'sync_review_outbox']);
    } finally {
      db.close();
    }
  });
});
