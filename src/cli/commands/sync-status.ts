import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { parseOptions } from '../args';
import { openStationFile } from '../../main/adapters/sqlite/station-file';
import { reportErrors } from './audit';
import { syncCounts } from '../../main/station/sync/outbox-store';
import { openReviews } from '../../main/station/sync/review-store';
import { hasSyncState, readSyncState } from '../../main/station/sync/state-store';
import { lastPulls } from '../../main/station/sync/pulled-store';

const at = (iso: string | null) => (iso ? DateTime.fromISO(iso).setZone('Europe/Brussels').toFormat('yyyy-MM-dd HH:mm:ss') : '-');

function age(iso: string | null, now: Date): string {
  if (!iso) return '-';
  const s = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${s % 60} s`;
}

export const syncStatusCommand: CliCommand = {
  name: 'sync-status',
  summary: 'Show what waits to be sent to the federal backend and what needs review',
  usage: [
    'npm run -s cli -- sync-status --data DIR [--json]',
    '',
    '  --data DIR   the station\'s data folder (holding station.sqlite)',
    '  --json       print the status as JSON',
    '',
    'Reads the database only; the mode shown is the one the running station last recorded.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, { data: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.data) throw new UsageError('--data is required');
    const dataDir = resolve(values.data);
    // With the station's key (host key file or DOSEDESK_DB_KEY): host databases are encrypted.
    return reportErrors(() => show(dataDir, values.json === true), dataDir);
  },
};

function show(dataDir: string, json: boolean): number {
  const { db } = openStationFile(dataDir, { readonly: true });
  try {
    const hasSync = hasSyncState(db);
    if (!hasSync) {
      process.stderr.write('This database predates sync (schema < 20); start the station once to update it.\n');
      return 1;
    }
    const now = new Date();
    const state = readSyncState(db);
    const counts = syncCounts(db);
    const reviews = openReviews(db);
    const pulls = lastPulls(db);
    if (json) {
      process.stdout.write(`${JSON.stringify({ state, counts, reviews, pulls }, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `Federal backend:   ${state.federalUrl ?? '(never configured)'}`,
      `Last known mode:   ${state.mode}${state.offlineSince ? ` since ${at(state.offlineSince)} (${age(state.offlineSince, now)})` : ''}`,
      `Last contact:      ${at(state.lastSuccessAt)}`,
      `Last error:        ${state.lastError ?? '-'}`,
      `Waiting:           ${counts.waiting} (oldest ${age(counts.oldestWaitingAt, now)})`,
      `Sending:           ${counts.sending}`,
      `Last synced:       ${at(counts.lastSyncedAt)}`,
      `Needs review:      ${reviews.length}`,
    ];
    if (pulls.length > 0) {
      lines.push('', 'Copies from the backend:');
      for (const p of pulls) lines.push(`  ${p.what.padEnd(13)} ${p.day.padEnd(10)} ${String(p.count).padStart(6)} rows, pulled ${at(p.pulledAt)}`);
    }
    if (reviews.length > 0) {
      lines.push('', 'To review, per person:');
      let person = '';
      for (const r of reviews) {
        if (r.personKey !== person) {
          person = r.personKey;
          lines.push(`  ${r.personLabel}`);
        }
        lines.push(`    - ${r.kind} ${r.recordType} ${r.recordId} (${at(r.createdAt)}): ${r.reason}`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    db.close();
  }
}
