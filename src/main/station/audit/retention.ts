import { randomUUID } from 'node:crypto';
import type { Db } from '../../adapters/sqlite/database';
import type { RetentionSummary } from '../../../shared/api/audit';
import { appendAudit } from './audit-log';
import { standaloneUnit, type UnitOfWork } from '../base/unit-of-work';
import { eligibleCitizens, eraseFreedPages, finishRetentionRun, insertRetentionRun, recordPurged, tableExists, truncateWal } from './retention-store';
import { appointmentIdsOfCitizen, citizenChangeRows, closedAnonymousStandbyIds, doseIdsOfCitizen, standbyIdsOfPerson } from '../booking/retention-queries';
import { pseudonymiseCitizen, pseudonymiseStandby, replaceCitizenChange } from '../identity/pseudonym-store';
import { replacePayload, syncedPayloadsOfPerson } from '../sync/outbox-store';
import { replaceReviewLabel, reviewLabelsOfPerson } from '../sync/review-store';
import { replaceJobCard, settledJobsOfRecords } from '../printing/print-job-store';
import { forgetRecipients } from '../messages/store';

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
 * the names (and standby phone numbers and notes, and where citizen messages went) of citizens whose records are all synced and
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
    if (!options.dryRun) insertRetentionRun(db, { id: runId, at, by: options.by, cutoff, retentionDays: options.retentionDays });
    const has = { messages: tableExists(db, 'citizen_message'), standby: tableExists(db, 'standby'), print: tableExists(db, 'print_job'), review: tableExists(db, 'sync_review'), doses: tableExists(db, 'dose_records'), appts: tableExists(db, 'appointments') };
    for (const c of citizens) {
      const given = `#${c.id.slice(0, 8)}`;
      const scrub = nameScrubber(c.family_name, c.given_names, given);
      const changes = citizenChangeRows(db, c.id);
      const outbox = syncedPayloadsOfPerson(db, c.ssin, c.id);
      const standby = has.standby ? standbyIdsOfPerson(db, c.id, c.ssin) : [];
      const recordIds = [...(has.doses ? doseIdsOfCitizen(db, c.id) : []), ...(has.appts ? appointmentIdsOfCitizen(db, c.id) : [])];
      const jobs = has.print && recordIds.length ? settledJobsOfRecords(db, recordIds) : [];
      const reviews = has.review ? reviewLabelsOfPerson(db, c.ssin, c.id) : [];
      summary.changes += changes.length;
      summary.outboxPayloads += outbox.length;
      summary.standby += standby.length;
      summary.printJobs += jobs.length;
      summary.reviews += reviews.length;
      if (options.dryRun) continue;
      pseudonymiseCitizen(db, c.id, PSEUDONYM_FAMILY, given);
      for (const ch of changes) replaceCitizenChange(db, ch.id, scrubJson(ch.before, scrub), scrubJson(ch.after, scrub));
      for (const o of outbox) replacePayload(db, o.id, scrubJson(o.payload, scrub));
      for (const id of standby) pseudonymiseStandby(db, id, `${PSEUDONYM_FAMILY} ${given}`);
      for (const j of jobs) replaceJobCard(db, j.id, scrubJson(j.card, scrub), scrub(j.citizen_name));
      for (const r of reviews) replaceReviewLabel(db, r.id, scrub(r.person_label));
      if (has.messages) forgetRecipients(db, c.id, at);
      recordPurged(db, c.id, runId, at);
    }
    // Standby entries of people never registered as citizens: name, phone and note go once closed.
    if (has.standby) {
      const loose = closedAnonymousStandbyIds(db, cutoff, PSEUDONYM_FAMILY);
      summary.standby += loose.length;
      if (!options.dryRun) for (const id of loose) pseudonymiseStandby(db, id, PSEUDONYM_FAMILY);
    }
    if (options.dryRun) return;
    const { dryRun: _d, cutoff: _c, ...counts } = summary;
    finishRetentionRun(db, runId, summary.citizens, JSON.stringify(counts));
    work.note(`retention:${runId}`);
    if (options.audit) {
      appendAudit(db, {
        at: options.now,
        ...options.audit,
        actor: options.by,
        method: 'audit.runRetention',
        action: 'purge',
        subjects: [`retention:${runId}`],
        outcome: 'ok',
      });
    }
  };
  // Old values must not linger in free pages or the WAL once replaced.
  if (!options.dryRun) eraseFreedPages(db);
  work.transaction(purge);
  if (!options.dryRun) truncateWal(db);
  return summary;
}
