import type { standbyMethods } from '../../../shared/api/standby';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { checkedSsin } from '../identity/citizens';
import { addStandby, listStandby, updateStandby } from './standby';

/** The handlers of standby.* methods. */
export function standbyHandlers(ctx: StationContext): HandlersFor<typeof standbyMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'standby.add': (a) => addStandby(db, { ...a, ssin: a.ssin ? checkedSsin(a.ssin, now(), 'document') : null, stationId: stationId() }, now()),
    'standby.list': (a) => listStandby(db, a.status),
    'standby.update': (a) => updateStandby(db, a.id, a.status, a.reason ?? null, now()),
  };
}
