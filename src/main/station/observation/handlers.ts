import type { observationMethods } from '../../../shared/api/observation';
import type { StationContext } from '../base/context';
import type { CallInfo, HandlersFor } from '../base/handlers';
import { listObservations, observationOfDoseView, recordReaction, release, setAllergyHistory, voidReaction, type ObservationDeps } from './observations';

/** Who acted, as the record keeps it: the signed-in staff member's name (a station without sessions says so). */
const actingStaff = (call: CallInfo): string => call.staff?.displayName ?? 'station';

/** The handlers of observation.* methods; `deps.sendReactions` connects the dose record (booking). */
export function observationHandlers(ctx: StationContext, deps: ObservationDeps): HandlersFor<typeof observationMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  return {
    'observation.list': () => listObservations(db, ctx.settings.get().stationId, now()),
    'observation.ofDose': (a) => observationOfDoseView(db, a.doseId, now()),
    'observation.setAllergyHistory': (a) => setAllergyHistory(db, a.id, a.allergyHistory, now()),
    'observation.release': (a, call) => release(db, a.id, actingStaff(call), a.reason ?? null, now()),
    'observation.reaction': (a, call) => recordReaction(db, deps, a, actingStaff(call), now()),
    'observation.voidReaction': (a, call) => voidReaction(db, deps, a.reactionId, a.reason, actingStaff(call), now()),
  };
}
