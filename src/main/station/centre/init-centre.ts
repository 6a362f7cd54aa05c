import type { Clock } from '../../adapters/clock';
import { appendAudit } from '../audit/audit-log';
import { readCardKey } from '../booking/card-key';
import { setCentreInfo } from '../booking/centre';
import { createStationFolder, type StationIdentity } from './new-station';

export interface InitCentre extends StationIdentity {
  /** The lines of the centre's postal address, printed on appointment cards. */
  address?: readonly string[];
  /** Where in the building, printed on cards (default: the centre name). */
  place?: string;
  reschedulePhone?: string;
}

/**
 * The first station of a new centre: a blank station folder (no demo data) with the default
 * vaccine catalogue, its own card key and the centre's card details. The first supervisor is
 * then added with `staff add`; the other stations join from a centre file this one exports.
 */
export function initCentre(dataDir: string, centre: InitCentre, clock: Clock, actor: string, env: NodeJS.ProcessEnv = process.env): { cardKey: Buffer } {
  const now = clock.now();
  return createStationFolder(
    dataDir,
    centre,
    now,
    (db) => {
      if (centre.address || centre.place || centre.reschedulePhone) {
        setCentreInfo(db, { address: [...(centre.address ?? [])], ...(centre.place ? { place: centre.place } : {}), reschedulePhone: centre.reschedulePhone ?? null }, now);
      }
      appendAudit(db, { at: now, stationId: centre.stationId, centreId: centre.centreId, actor, transport: 'cli', method: 'centre.init', action: 'admin', subjects: [`centre:${centre.centreId}`, `station:${centre.stationId}`], outcome: 'ok' });
      return { cardKey: readCardKey(db)! };
    },
    env,
  );
}
