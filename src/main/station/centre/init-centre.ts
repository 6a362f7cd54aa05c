import { DoseDeskError } from '../../../shared/errors';
import type { Clock } from '../../adapters/clock';
import type { Db } from '../../adapters/sqlite/database';
import type { SettingsStore } from '../../adapters/settings/settings-store';
import { appendAudit } from '../audit/audit-log';
import { readCardKey } from '../booking/card-key';
import { setCentreInfo } from '../booking/centre';
import { activeSupervisors } from '../staff/staff-store';
import type { CentreProfile } from './centre-profile';
import { writeCentreProfile } from './centre-profile';
import { ownRecordCounts } from './centre-file-store';
import { createStationFolder, provisionCentreKeyAndCatalogue, type StationIdentity } from './new-station';

export interface InitCentre extends StationIdentity {
  /** The lines of the centre's postal address, printed on appointment cards. */
  address?: readonly string[];
  /** Where in the building, printed on cards (default: the centre name). */
  place?: string;
  reschedulePhone?: string;
  /** The languages the centre serves in and the weekdays it opens (set-up screen, `--languages`, `--open-days`). */
  profile?: CentreProfile;
}

/** The centre's own details and the audit entry of its creation, in the caller's transaction. */
function recordCentre(db: Db, centre: InitCentre, now: Date, actor: string, transport: 'cli' | 'http' | 'electron'): { cardKey: Buffer } {
  if (centre.address || centre.place || centre.reschedulePhone) {
    setCentreInfo(db, { address: [...(centre.address ?? [])], ...(centre.place ? { place: centre.place } : {}), reschedulePhone: centre.reschedulePhone ?? null }, now);
  }
  if (centre.profile) writeCentreProfile(db, centre.profile, now);
  appendAudit(db, { at: now, stationId: centre.stationId, centreId: centre.centreId, actor, transport, method: 'centre.init', action: 'admin', subjects: [`centre:${centre.centreId}`, `station:${centre.stationId}`], outcome: 'ok' });
  return { cardKey: readCardKey(db)! };
}

/**
 * The first station of a new centre: a blank station folder (no demo data) with the default
 * vaccine catalogue, its own card key and the centre's card details. The first supervisor is
 * then added with `staff add`; the other stations join from a centre file this one exports.
 */
export function initCentre(dataDir: string, centre: InitCentre, clock: Clock, actor: string, env: NodeJS.ProcessEnv = process.env): { cardKey: Buffer } {
  const now = clock.now();
  return createStationFolder(dataDir, centre, now, (db) => recordCentre(db, centre, now, actor, 'cli'), env);
}

/** A station belongs to a centre once it holds a card key: init, join and the demo seed give one. */
export function stationHasCentre(db: Db): boolean {
  return readCardKey(db) !== null;
}

/**
 * The same creation on the station a host already runs on a blank folder (the set-up screen):
 * refused once the station has a centre, a supervisor or records of its own. Runs in the caller's
 * transaction; the settings take the centre's identity last, once the database part succeeded.
 */
export function initCentreOnStation(db: Db, settings: SettingsStore, centre: Omit<InitCentre, 'stationId'>, now: Date, actor: string, transport: 'http' | 'electron'): { cardKey: Buffer; stationId: string } {
  const stationId = settings.get().stationId;
  if (stationHasCentre(db) || activeSupervisors(db) > 0) throw new DoseDeskError('centre.setup_done');
  if (Object.values(ownRecordCounts(db)).some((n) => n > 0)) throw new DoseDeskError('centre.setup_done');
  provisionCentreKeyAndCatalogue(db, now);
  const made = recordCentre(db, { ...centre, stationId }, now, actor, transport);
  settings.update({ centreId: centre.centreId, centreName: centre.centreName });
  return { ...made, stationId };
}
