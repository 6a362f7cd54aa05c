import type { Db } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import type { CentreInfo } from './print-card';
import type { Actor } from './appointments';
import { readMeta, writeMeta } from '../shell/station-meta-store';
import { configuredChannels } from '../messages/queue';

const META_KEY = 'booking.centre_info';

/** The centre's card details (address, place, phone): settings give the name, station_meta the rest. */
export function centreInfo(ctx: StationContext): CentreInfo {
  const settings = ctx.settings.get();
  const stored = readMeta(ctx.db, META_KEY);
  const extra = stored !== undefined ? (JSON.parse(stored) as Partial<CentreInfo>) : {};
  return {
    centreId: settings.centreId,
    centreName: settings.centreName,
    address: extra.address ?? [],
    place: extra.place ?? settings.centreName,
    reschedulePhone: extra.reschedulePhone ?? null,
    rescheduleUrl: extra.rescheduleUrl ?? null,
    messageChannels: configuredChannels(settings.messages),
  };
}

export function setCentreInfo(db: Db, info: Partial<Omit<CentreInfo, 'centreId' | 'centreName' | 'messageChannels'>>, now: Date): void {
  writeMeta(db, META_KEY, JSON.stringify(info), now.toISOString());
}

/** The acting station, centre and time for a use case. */
export function actorOf(ctx: StationContext, by: string): Actor {
  const settings = ctx.settings.get();
  return { stationId: settings.stationId, centreId: settings.centreId, now: ctx.clock.now(), by, messageChannels: configuredChannels(settings.messages) };
}
