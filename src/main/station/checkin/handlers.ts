import type { checkinMethods } from '../../../shared/api/checkin';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';
import { verifyCardToken } from '../booking/card-token';
import { checkinLookup, checkinScan, verifiedCardView } from './checkin';
import { confirmArrival, withArrival } from './confirm';

/** The handlers of checkin.* methods. */
export function checkinHandlers(ctx: StationContext): HandlersFor<typeof checkinMethods> {
  const db = ctx.db;
  return {
    'checkin.verifyCard': (a) => verifiedCardView(db, verifyCardToken(db, a.text, ctx.settings.get().centreId)),
    'checkin.scan': (a) => withArrival(ctx, checkinScan(ctx, a)),
    'checkin.lookup': (a) => withArrival(ctx, checkinLookup(ctx, a.ssin)),
    'checkin.confirm': (a, call) => confirmArrival(ctx, a, call),
  };
}
