import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { intOption, parseOptions } from '../args';
import { reportRefusals } from '../refusal';
import { openConfSettings } from '../../main/adapters/settings/conf-settings';
import { openStationFile } from '../../main/adapters/sqlite/station-file';
import { backupDatabase } from '../../main/adapters/sqlite/backup';
import { checkDatabaseKey } from '../../main/adapters/crypto/db-key';
import { readKeyFile } from '../../main/adapters/crypto/host-key';
import { defaultDataDir } from '../../main/host/paths';
import { auditHead, personSubject, recentAudit, subjectKey, verifyAudit } from '../../main/station/audit/audit-log';
import { runRetention } from '../../main/station/audit/retention';
import { readPolicy } from '../../main/station/staff/policy';

/** The station folder of a command: --data, or the default folder of --station (station-1). */
export function dataDirOf(values: { data?: string | undefined; station?: string | undefined }): string {
  return values.data ? resolve(values.data) : defaultDataDir(values.station ?? 'station-1');
}

export const cliActor = (): string => `cli:${userInfo().username}`;

/**
 * Runs a command body on a station folder: a refusal (DoseDeskError, full disk, damaged file)
 * becomes one line in the station's language with its code and exit code 1.
 */
export async function reportErrors(body: () => Promise<number> | number, dataDir?: string): Promise<number> {
  try {
    return await reportRefusals(dataDir, body);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('No station database')) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const dataOptions = { data: { type: 'string' }, station: { type: 'string' } } as const;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Verify or list the tamper-evident audit trail of personal data',
  usage: [
    'Usage: npm run -s cli -- audit verify [--data DIR]',
    '       npm run -s cli -- audit list [--data DIR] [--limit N] [--ssin NATIONAL_NUMBER]',
    '       npm run -s cli -- audit head [--data DIR]',
    '  verify   walks the hash chain: prints "audit ok: N entries" (exit 0) or the first bad entry (exit 1)',
    '  list     the latest entries, newest first; --ssin shows only those about one person',
    '  head     the entry count and head hash, to copy outside the station (day report) as an anchor',
    '  --data DIR     station folder (default: the user data folder of --station, station-1)',
    '  The database key comes from DOSEDESK_DB_KEY or the key file next to the folder (<DIR>.key).',
  ].join('\n'),
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify' && sub !== 'list' && sub !== 'head') throw new UsageError('say "verify", "list" or "head"');
    const { values } = parseOptions(rest, { ...dataOptions, limit: { type: 'string' }, ssin: { type: 'string' } });
    return reportErrors(() => {
      const { db } = openStationFile(dataDirOf(values), { readonly: true });
      try {
        if (sub === 'verify') {
          const check = verifyAudit(db);
          if (check.ok) {
            process.stdout.write(`audit ok: ${check.entries} entries\n`);
            return 0;
          }
          process.stdout.write(`audit BROKEN at entry ${check.problem?.seq ?? '?'}: ${check.problem?.reason ?? 'unknown'} (${check.entries} entries verified before it)\n`);
          return 1;
        }
        if (sub === 'head') {
          const head = auditHead(db);
          process.stdout.write(`${head.count} ${head.hash}\n`);
          return 0;
        }
        const ssin = values.ssin?.replace(/\D/g, '');
        const subject = ssin ? personSubject(subjectKey(db, new Date()), ssin) : undefined;
        const entries = recentAudit(db, intOption(values.limit, 'limit', 50), subject ? { subject } : {});
        for (const e of entries) {
          process.stdout.write(`${e.seq}\t${e.at}\t${e.stationId}\t${e.staffName ?? e.actor}\t${e.method}\t${e.action}\t${e.outcome}\t${e.subjects.join(' ')}\n`);
        }
        return 0;
      } finally {
        db.close();
      }
    }, dataDirOf(values));
  },
};

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Write an encrypted, consistent copy of a station database',
  usage: [
    'Usage: npm run -s cli -- backup --data DIR --out FILE [--backup-key-file FILE]',
    '  --out FILE              the copy to write (refused if it exists)',
    '  --backup-key-file FILE  encrypt the copy under this key (mode 0600, 64 hex digits or a passphrase)',
    '                          instead of the station key; DOSEDESK_BACKUP_KEY works too',
    '  The copy is taken while the station runs; it is never written unencrypted.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, { ...dataOptions, out: { type: 'string' }, 'backup-key-file': { type: 'string' } });
    if (!values.out) throw new UsageError('--out is required');
    const out = resolve(values.out);
    return reportErrors(() => {
      const backupKey = values['backup-key-file']
        ? readKeyFile(resolve(values['backup-key-file']))
        : process.env.DOSEDESK_BACKUP_KEY
          ? checkDatabaseKey(process.env.DOSEDESK_BACKUP_KEY, 'DOSEDESK_BACKUP_KEY')
          : undefined;
      const { db, key } = openStationFile(dataDirOf(values));
      try {
        if (!key && !backupKey) {
          process.stderr.write('This station database is not encrypted: give --backup-key-file so that the copy is.\n');
          return 1;
        }
        const result = backupDatabase(db, out, { sourceKey: key, ...(backupKey ? { backupKey } : {}) });
        process.stdout.write(`backup written: ${result.file} (${result.bytes} bytes, encrypted with the ${backupKey ? 'backup' : 'station'} key)\n`);
        return 0;
      } finally {
        db.close();
      }
    }, dataDirOf(values));
  },
};

export const retentionCommand: CliCommand = {
  name: 'retention',
  summary: 'Pseudonymise personal data of records synced and older than the retention period',
  usage: [
    'Usage: npm run -s cli -- retention --data DIR [--days N] [--dry-run]',
    '  --days N    retention period in days (default: the station policy, 120)',
    '  --dry-run   count what would be pseudonymised, change nothing',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions(argv, { ...dataOptions, days: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
    const dataDir = dataDirOf(values);
    return reportErrors(() => {
      const { db } = openStationFile(dataDir);
      try {
        const settings = openConfSettings(dataDir).get();
        const days = intOption(values.days, 'days', readPolicy(db).retentionDays);
        if (days < 7) throw new UsageError('--days must be at least 7');
        const summary = runRetention(db, {
          now: new Date(),
          retentionDays: days,
          dryRun: values['dry-run'],
          by: cliActor(),
          audit: { stationId: settings.stationId, centreId: settings.centreId, transport: 'cli' },
        });
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return 0;
      } finally {
        db.close();
      }
    }, dataDir);
  },
};

/** Reads one line (a PIN) from standard input, so that it never appears in the process list or shell history. */
export function readStdinLine(): string {
  try {
    return readFileSync(0, 'utf8').split(/\r?\n/)[0]!.trim();
  } catch {
    return '';
  }
}
