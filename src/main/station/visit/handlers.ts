import type { visitMethods } from '../../../shared/api/visit';
import type { StationContext } from '../base/context';
import type { CallInfo, HandlersFor } from '../base/handlers';
import { beginVisit, closeVisit, currentVisit, moveVisit, openVisitFor, recentVisits, visitOf, visitView, type VisitActor, type VisitDeps } from './visits';

const RECENT_LIMIT = 30;

/** Who moved the visit: the signed-in staff member's name (a station without sessions says so). */
export function visitActor(ctx: StationContext, call: CallInfo): VisitActor {
  return { stationId: ctx.settings.get().stationId, staffName: call.staff?.displayName ?? 'station', now: ctx.clock.now() };
}

/**
 * The handlers of visit.* methods. The visit belongs to the station (its booth), not to a staff
 * member: whoever signs in at the booth resumes the open visit.
 */
export function visitNamespaceHandlers(ctx: StationContext, deps: VisitDeps): HandlersFor<typeof visitMethods> {
  const db = ctx.db;
  const stationId = () => ctx.settings.get().stationId;
  return {
    'visit.begin': (a, call) => {
      const actor = visitActor(ctx, call);
      return visitView(beginVisit(db, actor, { ssin: a.ssin, cardToken: a.cardToken ?? null, language: a.language, mayVaccinate: a.mayVaccinate }), deps, actor.now);
    },
    'visit.current': () => {
      const row = currentVisit(db, stationId());
      return row ? visitView(row, deps, ctx.clock.now()) : null;
    },
    'visit.setLanguage': (a, call) => {
      const actor = visitActor(ctx, call);
      const row = openVisitFor(db, a.visitId, actor.stationId, null);
      moveVisit(db, row, { language: a.language }, actor);
      return visitView(visitOf(db, row.id, actor.stationId), deps, actor.now);
    },
    'visit.dropVial': (a, call) => {
      const actor = visitActor(ctx, call);
      const row = openVisitFor(db, a.visitId, actor.stationId, null);
      // Only before the dose: once it is recorded, the vial is part of its record.
      if (row.step === 'confirm') moveVisit(db, row, { step: 'vial', lot_id: null, vial_id: null }, actor);
      return visitView(visitOf(db, row.id, actor.stationId), deps, actor.now);
    },
    'visit.close': (a) => closeVisit(db, visitOf(db, a.visitId, stationId()), ctx.clock.now()),
    'visit.recent': (a) => recentVisits(db, deps, stationId(), ctx.clock.now(), a.limit ?? RECENT_LIMIT),
  };
}
