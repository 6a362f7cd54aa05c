import type { z } from 'zod';
import type { CheckinAnswer, CheckinConfirmArgs, CheckinResult } from '../../../shared/api/checkin';
import { localDateOf } from '../../../domain/time/local-time';
import type { StationContext } from '../base/context';
import { workOf, type CallInfo } from '../base/handlers';
import { checkedSsin } from '../identity/citizens';
import { appendArrival, lastArrivalOn } from './arrival-log';

/**
 * checkin.confirm: the desk confirms that the person arrived. Recorded in the name of the
 * signed-in staff member (never a name from the screen), at this station, at the station's time.
 */
export function confirmArrival(ctx: StationContext, args: z.output<typeof CheckinConfirmArgs>, call: CallInfo): { id: string; at: string } {
  const now = ctx.clock.now();
  // The number came from a check-in answer: a card the state issued is not refused here.
  const ssin = checkedSsin(args.ssin, now, 'document');
  const staff = call.staff ? { id: call.staff.id, name: call.staff.displayName } : null;
  return ctx.db
    .transaction(() => {
      const arrival = appendArrival(ctx.db, {
        ssin,
        source: args.source,
        invitationCode: args.invitationCode ?? null,
        warningsAcknowledged: args.warningsAcknowledged,
        stationId: ctx.settings.get().stationId,
        staff,
        at: now,
      });
      // The audit entry commits with the row and names it (the person comes from the arguments).
      workOf(call, ctx.db).note(`checkin:${arrival.id}`);
      return arrival;
    })
    .immediate();
}

/** Adds to what check-in found whether this station already confirmed the person's arrival today. */
export function withArrival(ctx: StationContext, found: z.infer<typeof CheckinResult>): CheckinAnswer {
  const checkedInAt = found.person ? lastArrivalOn(ctx.db, found.person.ssin, localDateOf(ctx.clock.now())) : null;
  return { ...found, checkedInAt };
}
