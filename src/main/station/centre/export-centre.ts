import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import { localDateOf } from '../../../domain/time/local-time';
import type { Clock } from '../../adapters/clock';
import { openConfSettings, refuseLostSettings } from '../../adapters/settings/conf-settings';
import { openStationFile, stationDatabaseFile } from '../../adapters/sqlite/station-file';
import type { Db } from '../../adapters/sqlite/database';
import { appendAudit } from '../audit/audit-log';
import { readCardKey } from '../booking/card-key';
import { listProducts } from '../products/products';
import { readMeta } from '../shell/station-meta-store';
import { CentreFileContent } from './centre-file-content';
import { sealCentreFile } from './centre-file-crypto';
import { calendarFrom, staffAccounts } from './centre-file-store';
import { readCentreProfile } from './centre-profile';
import { readFederal } from './federal-files';
import { requireStationDatabase, stationFolderState } from './new-station';

/** Where booking keeps the card's centre details (see booking/centre.ts). */
const CENTRE_INFO_META = 'booking.centre_info';

function centreDetails(db: Db): Pick<CentreFileContent['centre'], 'address' | 'place' | 'reschedulePhone' | 'rescheduleUrl'> {
  const stored = readMeta(db, CENTRE_INFO_META);
  const info = stored !== undefined ? (JSON.parse(stored) as Partial<Record<'address' | 'place' | 'reschedulePhone' | 'rescheduleUrl', unknown>>) : {};
  return {
    address: Array.isArray(info.address) ? info.address.map(String) : [],
    place: typeof info.place === 'string' ? info.place : null,
    reschedulePhone: typeof info.reschedulePhone === 'string' ? info.reschedulePhone : null,
    rescheduleUrl: typeof info.rescheduleUrl === 'string' ? info.rescheduleUrl : null,
  };
}

export interface ExportSummary {
  centreId: string;
  stationId: string;
  out: string;
  products: number;
  sessions: number;
  staff: number;
  federalCredentials: boolean;
}

/**
 * Writes the centre file another station joins from: identity, card key, catalogue, calendar from
 * today on, staff (PIN hashes), printer defaults, federal address, CA and credentials; all sealed
 * under the passphrase (centre-file-crypto.ts). Written whole or not at all; never over a file.
 */
/**
 * The sealed centre file of a station whose database is open (the command line's, or the running
 * host's for the supervisor's export button): checked as join will check it, so a station never
 * writes a file that no station can read.
 */
export function sealCentre(db: Db, dir: string, settings: Settings, passphrase: string, now: Date): { sealed: Buffer; checked: CentreFileContent; settings: Settings } {
  const cardKey = readCardKey(db);
  if (!cardKey) throw new DoseDeskError('centre.no_card_key');
  const content: CentreFileContent = {
    exportedAt: now.toISOString(),
    exportedBy: settings.stationId,
    centre: { centreId: settings.centreId, centreName: settings.centreName, ...centreDetails(db) },
    profile: readCentreProfile(db),
    cardKey: cardKey.toString('base64url'),
    products: listProducts(db),
    calendar: calendarFrom(db, localDateOf(now)),
    staff: staffAccounts(db),
    printer: { type: settings.printer.type, width: settings.printer.width, paper: settings.printer.paper },
    federal: readFederal(dir, settings.federalUrl),
  };
  const checked = CentreFileContent.parse(content);
  return { sealed: sealCentreFile(Buffer.from(JSON.stringify(checked), 'utf8'), passphrase), checked, settings };
}

export function exportCentre(dataDir: string, outFile: string, passphrase: string, clock: Clock, actor: string): ExportSummary {
  const dir = resolve(dataDir);
  const out = resolve(outFile);
  if (stationFolderState(dir) !== 'station') throw new DoseDeskError('centre.no_station', { data: dir });
  if (existsSync(out)) throw new DoseDeskError('centre.out_exists', { file: out });
  requireStationDatabase(dir);
  refuseLostSettings(dir, stationDatabaseFile(dir));
  const { db } = openStationFile(dir);
  const partial = `${out}.partial`;
  try {
    const now = clock.now();
    const { sealed, checked, settings } = sealCentre(db, dir, openConfSettings(dir).get(), passphrase, now);
    try {
      writeFileSync(partial, sealed, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw new DoseDeskError('centre.out_unwritable', { file: out, detail: (error as NodeJS.ErrnoException).code ?? 'error' });
    }
    appendAudit(db, {
      at: now,
      stationId: settings.stationId,
      centreId: settings.centreId,
      actor,
      transport: 'cli',
      method: 'centre.export',
      action: 'admin',
      subjects: [`centre:${settings.centreId}`, `file:${basename(out)}`],
      outcome: 'ok',
    });
    renameSync(partial, out);
    return {
      centreId: settings.centreId,
      stationId: settings.stationId,
      out,
      products: checked.products.length,
      sessions: checked.calendar.sessions.length,
      staff: checked.staff.length,
      federalCredentials: checked.federal.credentials !== null,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}
