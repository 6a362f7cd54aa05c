import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { UsageError } from '../../command';
import { parseOptions } from '../../args';
import { refusalOf, stationLanguage } from '../../refusal';
import { translate } from '../../../shared/i18n/translate';
import type { Settings } from '../../../shared/settings';
import type { Db } from '../../../main/adapters/sqlite/database';
import { openConfSettings } from '../../../main/adapters/settings/conf-settings';
import { openStationFile } from '../../../main/adapters/sqlite/station-file';
import { appendAudit } from '../../../main/station/audit/audit-log';
import { MAX_IMPORT_BYTES, parseCsvBytes, type CsvTable } from '../../../main/station/imports/csv';
import { ImportError, isImportError } from '../../../main/station/imports/import-error';
import { cliActor, dataDirOf } from '../audit';

export interface ImportJob {
  db: Db;
  table: CsvTable;
  settings: Settings;
  now: Date;
  dryRun: boolean;
  /** Options only this step takes (e.g. `--stations` of import-calendar), as given. */
  options: Record<string, string | undefined>;
}

/** The file's bytes, refused unread when larger than any centre spreadsheet. */
function readImportFile(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new ImportError('import.file_unreadable', { file }, null);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_IMPORT_BYTES) throw new ImportError('import.file_too_large', { max: MAX_IMPORT_BYTES / (1024 * 1024) }, null);
    const bytes = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function clockOption(iso: string | undefined): Date {
  if (iso === undefined) return new Date();
  const at = new Date(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(at.getTime())) throw new UsageError(`--clock takes an ISO date and time, not "${iso}"`);
  return at;
}

/**
 * Runs one `centre import-*` step: `--data DIR FILE [--dry-run]`. Prints one JSON line: the
 * step's summary (exit 0) or `{"error":{code,message,line}}` in the station's language (exit 1).
 * The step validates every row before it writes, in one transaction, so a refusal leaves the
 * station as it was.
 */
export async function runImport(argv: string[], method: string, body: (job: ImportJob) => object, stepOptions: readonly string[] = []): Promise<number> {
  const extra = Object.fromEntries(stepOptions.map((name) => [name, { type: 'string' as const }]));
  const { values, positionals } = parseOptions(argv, { ...extra, data: { type: 'string' }, station: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, clock: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import');
  const dataDir = dataDirOf(values);
  const now = clockOption(values.clock);
  const dryRun = values['dry-run'];
  const language = stationLanguage(dataDir);
  try {
    const table = parseCsvBytes(readImportFile(positionals[0]!));
    const { db } = openStationFile(dataDir, dryRun ? { readonly: true } : {});
    try {
      const settings = openConfSettings(dataDir).get();
      const options = Object.fromEntries(stepOptions.map((name) => [name, (values as Record<string, unknown>)[name] as string | undefined]));
      const job = { db, table, settings, now, dryRun, options };
      // The import and its audit entry commit together or not at all.
      const summary = dryRun
        ? body(job)
        : db.transaction(() => {
            const done = body(job);
            appendAudit(db, { at: now, stationId: settings.stationId, centreId: settings.centreId, actor: cliActor(), transport: 'cli', method, action: 'admin', subjects: [], outcome: 'ok' });
            return done;
          }).immediate();
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    const refusal = error instanceof Error && error.message.startsWith('No station database') ? new ImportError('import.no_station', { dir: dataDir }, null) : refusalOf(error);
    if (!refusal) throw error;
    const line = isImportError(refusal) ? refusal.line : null;
    const message = translate(language, `error.${refusal.code}`, refusal.params);
    process.stdout.write(`${JSON.stringify({ error: { code: refusal.code, message, line } })}\n`);
    return 1;
  }
}
