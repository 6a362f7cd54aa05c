import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import type { RetentionSummary } from '../../../shared/api/staff';
import { appendAudit } from './audit-log';
import { standaloneUnit, type UnitOfWork } from '../base/unit-of-work';

export interface RetentionOptions {
  now: Date;
  retentionDays: number;
  dryRun: boolean;
  /** Who ran it, for retention_runs ('staff:<id>', 'cli:<user>', 'system'). */
  by: string;
  /** Outside a station call (the CLI), the run writes its own audit entry. */
  audit?: { stationId: string; centreId: string; transport: string };
  /**
   * The calling method's unit of work: the purge is its transaction and names the run for its
   * audit entry. The WAL is truncated after that transaction commits, so the handler awaits.
   */
  work?: UnitOfWork;
}

export const PSEUDONYM_FAMILY = 'PSEUDONYMISED';

interface CitizenRow {
  id: string;
  ssin: string;
  family_name: string;
  given_names: string;
}

const tableExists = (db: Db, name: string): boolean => !!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name);

/**
 * Citizens whose every record is synced and untouched since the cut-off, with nothing still open
 * (a booked appointment, a booking request, a standby entry, a review item). Tables another
 * capability has not created yet are simply not consulted.
 */
function eligibleCitizens(db: Db, cutoff: string): CitizenRow[] {
  const guards = [`c.updated_at < @cutoff`, `NOT EXISTS (SELECT 1 FROM retention_purged p WHERE p.citizen_id = c.id)`];
  guards.push(`NOT EXISTS (SELECT 1 FROM outbox o WHERE o.person_key IN (c.ssin, c.id) AND (o.state != 'synced' OR coalesce(o.synced_at, o.updated_at) >= @cutoff))`);
  if (tableExists(db, 'dose_records')) guards.push(`NOT EXISTS (SELECT 1 FROM dose_records d WHERE d.citizen_id = c.id AND d.updated_at >= @cutoff)`);
  if (tableExists(db, 'appointments'))
    guards.push(`NOT EXISTS (SELECT 1 FROM appointments a WHERE a.citizen_id = c.id AND (a.status = 'booked' OR a.updated_at >= @cutoff OR a.end_at >= @cutoff))`);
  if (tableExists(db, 'booking_requests'))
    guards.push(`NOT EXISTS (SELECT 1 FROM booking_requests b WHERE b.citizen_id = c.id AND (b.status = 'waiting' OR b.updated_at >= @cutoff))`);
  if (tableExists(db, 'standby'))
    guards.push(`NOT EXISTS (SELECT 1 FROM standby s WHERE (s.citizen_id = c.id OR s.ssin = c.ssin) AND (s.status IN ('waiting', 'called') OR s.updated_at >= @cutoff))`);
  if (tableExists(db, 'sync_review'))
    guards.push(`NOT EXISTS (SELECT 1 FROM sync_review r WHERE r.person_key IN (c.ssin, c.id) AND (r.resolved_at IS NULL OR r.resolved_at >= @cutoff))`);
  return db.prepare(`SELECT c.id, c.ssin, c.family_name, c.given_names FROM citizens c WHERE ${guards.join(' AND ')}`).all({ cutoff }) as CitizenRow[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces each name part (as a whole word, any case) wherever it appears in a string. */
export function nameScrubber(familyName: string, givenNames: string, given: string): (text: string) => string {
  const parts = (s: string) => s.split(/[\s,]+/).filter((p) => p.length >= 2);
  const rules: [RegExp, string][] = [
    ...[familyName.trim(), ...parts(familyName)].filter(Boolean).map((p): [RegExp, string] => [new RegExp(`(?<![\\p{L}])${escapeRegExp(p)}(?![\\p{L}])`, 'giu'), PSEUDONYM_FAMILY]),
    ...[givenNames.trim(), ...parts(givenNames)].filter(Boolean).map((p): [RegExp, string] => [new RegExp(`(?<![\\p{L}])${escapeRegExp(p)}(?![\\p{L}])`, 'giu'), given]),
  ].sort((a, b) => b[0].source.length - a[0].source.length);
  return (text) => rules.reduce((out, [re, to]) => out.replace(re, to), text);
}

/** Scrubs every string value of a JSON document, keeping its shape (so its readers still parse it). */
export function scrubJson(text: string, scrub: (s: string) => string): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  try {
    return JSON.stringify(walk(JSON.parse(text)));
  } catch {
    return scrub(text);
  }
}

/**
 * Retention (GDPR art. 5(1)(e)): the station keeps health data only as long as it needs them.
 * Nothing is deleted — record ids, doses, appointments, the outbox and the audit chain stay — but
 * the names (and standby phone numbers and notes) of citizens whose records are all synced and
 * older than the retention period are replaced by a pseudonym, everywhere the station copied them.
 * The SSIN and birth date stay: they key the records the federal backend holds.
 */
export function runRetention(db: Db, options: RetentionOptions): RetentionSummary {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 86_400_000).toISOString();
  const summary: RetentionSummary = { dryRun: options.dryRun, cutoff, citizens: 0, standby: 0, outboxPayloads: 0, printJobs: 0, changes: 0, reviews: 0 };
  const work = options.work ?? standaloneUnit(db);
  const purge = () => {
    const citizens = eligibleCitizens(db, cutoff);
    summary.citizens = citizens.length;
    const runId = randomUUID();
    const at = options.now.toISOString();
    if (!options.dryRun) {
      db.prepare('INSERT INTO retention_runs (id, at, by, cutoff, retention_days, citizens, detail) VALUES (?, ?, ?, ?, ?, 0, ?)').run(runId, at, options.by, cutoff, options.retentionDays, '{}');
    }
    const has = { standby: tableExists(db, 'standby'), print: tableExists(db, 'print_job'), review: tableExists(db, 'sync_review'), doses: tableExists(db, 'dose_records'), appts: tableExists(db, 'appointments') };
    for (const c of citizens) {
      const given = `#${c.id.slice(0, 8)}`;
      const scrub = nameScrubber(c.family_name, c.given_names, given);
      const changes = db.prepare('SELECT id, before, after FROM citizen_changes WHERE citizen_id = ?').all(c.id) as { id: string; before: string; after: string }[];
      const outbox = db.prepare(`SELECT id, payload FROM outbox WHERE person_key IN (?, ?) AND state = 'synced'`).all(c.ssin, c.id) as { id: string; payload: string }[];
      const standby = has.standby ? (db.prepare('SELECT id FROM standby WHERE citizen_id = ? OR ssin = ?').all(c.id, c.ssin) as { id: string }[]) : [];
      const recordIds = [
        ...(has.doses ? (db.prepare('SELECT id FROM dose_records WHERE citizen_id = ?').all(c.id) as { id: string }[]) : []),
        ...(has.appts ? (db.prepare('SELECT id FROM appointments WHERE citizen_id = ?').all(c.id) as { id: string }[]) : []),
      ].map((r) => r.id);
      const jobs = has.print && recordIds.length
        ? (db.prepare(`SELECT id, card, citizen_name FROM print_job WHERE state != 'queued' AND state != 'sending' AND record_id IN (${recordIds.map(() => '?').join(',')})`).all(...recordIds) as { id: string; card: string; citizen_name: string }[])
        : [];
      const reviews = has.review ? (db.prepare('SELECT id, person_label FROM sync_review WHERE person_key IN (?, ?)').all(c.ssin, c.id) as { id: string; person_label: string }[]) : [];
      summary.changes += changes.length;
      summary.outboxPayloads += outbox.length;
      summary.standby += standby.length;
      summary.printJobs += jobs.length;
      summary.reviews += reviews.length;
      if (options.dryRun) continue;
      db.prepare('UPDATE citizens SET family_name = ?, given_names = ? WHERE id = ?').run(PSEUDONYM_FAMILY, given, c.id);
      for (const ch of changes) db.prepare('UPDATE citizen_changes SET before = ?, after = ? WHERE id = ?').run(scrubJson(ch.before, scrub), scrubJson(ch.after, scrub), ch.id);
      for (const o of outbox) db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(scrubJson(o.payload, scrub), o.id);
      for (const s of standby) db.prepare('UPDATE standby SET display_name = ?, phone = NULL, note = NULL WHERE id = ?').run(`${PSEUDONYM_FAMILY} ${given}`, s.id);
      for (const j of jobs) db.prepare('UPDATE print_job SET card = ?, citizen_name = ? WHERE id = ?').run(scrubJson(j.card, scrub), scrub(j.citizen_name), j.id);
      for (const r of reviews) db.prepare('UPDATE sync_review SET person_label = ? WHERE id = ?').run(scrub(r.person_label), r.id);
      db.prepare('INSERT INTO retention_purged (citizen_id, run_id, purged_at) VALUES (?, ?, ?)').run(c.id, runId, at);
    }
    // Standby entries of people never registered as citizens: name, phone and note go once closed.
    if (has.standby) {
      const loose = db
        .prepare(`SELECT id FROM standby WHERE citizen_id IS NULL AND ssin IS NULL AND status IN ('vaccinated', 'removed') AND updated_at < ? AND display_name NOT LIKE ?`)
        .all(cutoff, `${PSEUDONYM_FAMILY}%`) as { id: string }[];
      summary.standby += loose.length;
      if (!options.dryRun) for (const s of loose) db.prepare('UPDATE standby SET display_name = ?, phone = NULL, note = NULL WHERE id = ?').run(PSEUDONYM_FAMILY, s.id);
    }
    if (options.dryRun) return;
    const { dryRun: _d, cutoff: _c, ...counts } = summary;
    db.prepare('UPDATE retention_runs SET citizens = ?, detail = ? WHERE id = ?').run(summary.citizens, JSON.stringify(counts), runId);
    work.note(`retention:${runId}`);
    if (options.audit) {
      appendAudit(db, {
        at: options.now,
        ...options.audit,
        actor: options.by,
        method: 'retention.run',
        action: 'purge',
        subjects: [`retention:${runId}`],
        outcome: 'ok',
      });
    }
  };
  // Old values must not linger in free pages or the WAL once replaced.
  if (!options.dryRun) db.pragma('secure_delete = ON');
  work.transaction(purge);
  if (!options.dryRun) db.pragma('wal_checkpoint(TRUNCATE)');
  return summary;
}
