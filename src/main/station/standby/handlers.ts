import type { standbyMethods } from '../../../shared/api/standby';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { checkedSsin } from '../identity/citizens';
import { addStandby, listStandby, recordCallOutcome, updateStandby } from './standby';
import { standbyToCall } from './to-call';

/** The handlers of standby.* methods. */
export function standbyHandlers(ctx: StationContext): HandlersFor<typeof standbyMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'standby.add': (a) => addStandby(db, { ...a, ssin: a.ssin ? checkedSsin(a.ssin, now(), 'document') : null, stationId: stationId() }, now()),
    'standby.list': (a) => listStandby(db, a.status),
    'standby.toCall': () => standbyToCall(db, now()),
    'standby.callOutcome': (a) => recordCallOutcome(db, a.id, a.outcome, now()),
    'standby.update': (a) => updateStandby(db, a.id, a.status, a.reason ?? null, now()),
  };
}
