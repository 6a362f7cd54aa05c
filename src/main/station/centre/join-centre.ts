import { resolve } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import type { Clock } from '../../adapters/clock';
import type { Db } from '../../adapters/sqlite/database';
import { openConfSettings, refuseLostSettings } from '../../adapters/settings/conf-settings';
import type { SettingsStore } from '../../adapters/settings/settings-store';
import { openStationFile, stationDatabaseFile } from '../../adapters/sqlite/station-file';
import { appendAudit } from '../audit/audit-log';
import { readCardKey, setCardKey } from '../booking/card-key';
import { setCentreInfo } from '../booking/centre';
import { ensureProducts } from '../products/products';
import { hasMeta } from '../shell/station-meta-store';
import { readCentreFile, type CentreFileContent } from './centre-file-content';
import { addMissingCalendar, addMissingStaff, ownRecordCounts } from './centre-file-store';
import { mergeUnitOwners } from './centre-units';
import { readCentreProfile, writeCentreProfile } from './centre-profile';
import { writeFederal } from './federal-files';
import { createStationFolder, requireStationDatabase, stationFolderState } from './new-station';

export interface JoinSummary {
  centreId: string;
  stationId: string;
  data: string;
  /** true: the folder was created; false: an existing station joined. */
  created: boolean;
  added: { products: number; days: number; sessions: number; slots: number; units: number; allocations: number; staff: number };
  federalFiles: boolean;
  cardKey: Buffer;
}

type Added = JoinSummary['added'];
type Transport = 'cli' | 'http' | 'electron';

/**
 * Adds what the station lacks; what it has (its own rows, doses, bookings, outbox) is never touched.
 * The centre profile likewise: a station with a profile of its own keeps it, unless it is blank and
 * takes the centre over (`takeOver`).
 */
function mergeContent(db: Db, content: CentreFileContent, stationId: string, now: Date, actor: string, takeOver: boolean): Added {
  const products = ensureProducts(db, content.products, now);
  if (content.profile && (takeOver || readCentreProfile(db) === null)) writeCentreProfile(db, content.profile, now);
  if (!hasMeta(db, 'booking.centre_info')) {
    const c = content.centre;
    setCentreInfo(db, { address: c.address, ...(c.place ? { place: c.place } : {}), reschedulePhone: c.reschedulePhone, rescheduleUrl: c.rescheduleUrl }, now);
  }
  const calendar = addMissingCalendar(db, content.calendar);
  const units = mergeUnitOwners(db, stationId, content.calendar.units, content.calendar.allocations);
  const staff = addMissingStaff(db, content.staff, actor, now.toISOString()).length;
  return { products, ...calendar, ...units, staff };
}

function audit(db: Db, content: CentreFileContent, stationId: string, actor: string, now: Date, added: Added, transport: Transport = 'cli'): void {
  appendAudit(db, {
    at: now,
    stationId,
    centreId: content.centre.centreId,
    actor,
    transport,
    method: 'centre.join',
    action: 'admin',
    subjects: [`centre:${content.centre.centreId}`, `from-station:${content.exportedBy}`, `added:${Object.entries(added).map(([k, v]) => `${k}=${v}`).join(',')}`],
    outcome: 'ok',
  });
}

function takeCentreSettings(settings: SettingsStore, content: CentreFileContent): void {
  const current = settings.get();
  settings.update({
    centreId: content.centre.centreId,
    centreName: content.centre.centreName,
    printer: { ...current.printer, ...content.printer },
    ...(current.federalUrl === '' ? { federalUrl: content.federal.url } : {}),
  });
}

/**
 * Enrols a station in the centre of a centre file. An empty or missing folder becomes a new
 * station of that centre; an existing station that is blank (no doses, bookings, people or outbox)
 * takes the centre over; one of the same centre gets what it lacks added. Refusals:
 * `centre.station_id_taken` (the id of the station that exported), `centre.station_id_mismatch`,
 * `centre.other_centre`, `centre.card_key_conflict`, `centre.unit_conflict` (a unit the file gives
 * another station that this one has booked), and those of the file itself. Unit owners travel as
 * the exporting station knows them (centre-units.ts), so no unit has two owners.
 */
export function joinCentre(dataDir: string, stationId: string, file: Buffer, passphrase: string, clock: Clock, actor: string, env: NodeJS.ProcessEnv = process.env): JoinSummary {
  const dir = resolve(dataDir);
  const content = readCentreFile(file, passphrase);
  if (stationId === content.exportedBy) throw new DoseDeskError('centre.station_id_taken', { stationId });
  const key = Buffer.from(content.cardKey, 'base64url');
  const now = clock.now();
  const { centreId, centreName } = content.centre;
  if (stationFolderState(dir, env) !== 'station') {
    const { added, federalFiles } = createStationFolder(
      dir,
      { centreId, centreName, stationId },
      now,
      (db, settings, folder) => {
        setCardKey(db, key, now);
        const merged = mergeContent(db, content, stationId, now, actor, true);
        audit(db, content, stationId, actor, now, merged);
        takeCentreSettings(settings, content);
        return { added: merged, federalFiles: writeFederal(folder, content.federal) };
      },
      env,
    );
    return { centreId, stationId, data: dir, created: true, added, federalFiles, cardKey: key };
  }
  requireStationDatabase(dir, env);
  refuseLostSettings(dir, stationDatabaseFile(dir));
  const settings = openConfSettings(dir);
  const { db } = openStationFile(dir, { env });
  let joined: { added: Added; federalFiles: boolean };
  try {
    joined = joinOpenStation(db, settings, dir, stationId, content, now, actor, 'cli');
  } finally {
    db.close();
  }
  return { centreId, stationId, data: dir, created: false, added: joined.added, federalFiles: joined.federalFiles, cardKey: key };
}

/**
 * The join of an existing station whose database is open (the command line's, or the running
 * host's on its set-up screen): the checks, the merge in one transaction (a savepoint inside the
 * caller's), then the settings of a blank station and the federal files.
 */
export function joinOpenStation(
  db: Db,
  settings: SettingsStore,
  dir: string,
  stationId: string,
  content: CentreFileContent,
  now: Date,
  actor: string,
  transport: Transport,
): { added: Added; federalFiles: boolean } {
  const own = settings.get();
  if (stationId === content.exportedBy) throw new DoseDeskError('centre.station_id_taken', { stationId });
  if (own.stationId !== stationId) throw new DoseDeskError('centre.station_id_mismatch', { stationId: own.stationId });
  const { centreId } = content.centre;
  const key = Buffer.from(content.cardKey, 'base64url');
  const blank = Object.values(ownRecordCounts(db)).every((n) => n === 0);
  if (own.centreId !== centreId && !blank) throw new DoseDeskError('centre.other_centre', { centreId: own.centreId });
  const existing = readCardKey(db);
  // Cards this station printed verify only with its key: a station with records keeps it.
  if (existing && !existing.equals(key) && !blank) throw new DoseDeskError('centre.card_key_conflict');
  const added = db.transaction(() => {
    if (!existing?.equals(key)) setCardKey(db, key, now);
    const merged = mergeContent(db, content, stationId, now, actor, blank);
    audit(db, content, stationId, actor, now, merged, transport);
    return merged;
  }).immediate();
  if (blank) takeCentreSettings(settings, content);
  return { added, federalFiles: writeFederal(dir, content.federal) };
}
