import type { Db } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import type { CentreInfo } from './print-card';
import type { Actor } from './appointments';

const META_KEY = 'booking.centre_info';

/** The centre's card details (address, place, phone): settings give the name, station_meta the rest. */
export function centreInfo(ctx: StationContext): CentreInfo {
  const settings = ctx.settings.get();
  const row = ctx.db.prepare('SELECT value FROM station_meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
  const extra = row ? (JSON.parse(row.value) as Partial<CentreInfo>) : {};
  return {
    centreId: settings.centreId,
    centreName: settings.centreName,
    address: extra.address ?? [],
    place: extra.place ?? settings.centreName,
    reschedulePhone: extra.reschedulePhone ?? null,
    rescheduleUrl: extra.rescheduleUrl ?? null,
  };
}

export function setCentreInfo(db: Db, info: Partial<Omit<CentreInfo, 'centreId' | 'centreName'>>, now: Date): void {
  db.prepare(
    `INSERT INTO station_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(META_KEY, JSON.stringify(info), now.toISOString());
}

/** The acting station, centre and time for a use case. */
export function actorOf(ctx: StationContext, by: string): Actor {
  const settings = ctx.settings.get();
  return { stationId: settings.stationId, centreId: settings.centreId, now: ctx.clock.now(), by };
}
