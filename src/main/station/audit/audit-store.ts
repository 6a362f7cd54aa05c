import type { Db } from '../../adapters/sqlite/database';

/** audit_log (migration 41): the hash-chained trail of who did what. */

/** The fields of an audit row that its hash covers, in a fixed order. */
export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  station_id: string;
  centre_id: string;
  actor: string;
  session: string | null;
  transport: string;
  method: string;
  action: string;
  subjects: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

/** An audit row with the display name of the staff member who acted, when the actor is staff. */
export interface AuditListRow extends AuditRow {
  staff_name: string | null;
}

export function insertAuditRow(db: Db, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_log (seq, id, at, station_id, centre_id, actor, session, transport, method, action, subjects, outcome, prev_hash, hash)
     VALUES (@seq, @id, @at, @station_id, @centre_id, @actor, @session, @transport, @method, @action, @subjects, @outcome, @prev_hash, @hash)`,
  ).run(row);
}

/** Every row in sequence order, one at a time (the trail can be long). */
export function iterateAuditRows(db: Db): IterableIterator<AuditRow> {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}

/** The newest rows first; with a subject, only the rows that name it. */
export function latestAuditRows(db: Db, limit: number, filter: { subject?: string } = {}): AuditListRow[] {
  const where = filter.subject ? `WHERE EXISTS (SELECT 1 FROM json_each(a.subjects) WHERE value = @subject)` : '';
  return db
    .prepare(
      `SELECT a.*, s.display_name AS staff_name FROM audit_log a
       LEFT JOIN staff s ON a.actor = 'staff:' || s.id
       ${where} ORDER BY a.seq DESC LIMIT @limit`,
    )
    .all({ limit, ...(filter.subject ? { subject: filter.subject } : {}) }) as AuditListRow[];
}
