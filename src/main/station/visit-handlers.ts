import type { StationContext } from './base/context';
import type { BookingOptions } from './booking/administer';
import { bookingHandlers } from './booking/handlers';
import { capacityHandlers } from './capacity/handlers';
import { checkinHandlers } from './checkin/handlers';
import { productsHandlers } from './products/handlers';
import { standbyHandlers } from './standby/handlers';
import { vialsHandlers } from './vials/handlers';
import { rebalanceNow } from './centre-sync/service';
import { cancelToFollowUp } from './booking/follow-up';
import { findByLogin, rolesOf } from './staff/staff-store';
import { actorOf } from './booking/centre';
import { assertMayReceive, cardDoseFor } from './booking/eligibility';
import { localDateOf } from '../../domain/time/local-time';
import { observationHandlers } from './observation/handlers';
import { startObservation } from './observation/observations';
import { sendDoseReactions } from './booking/doses';
import { screeningHandlers } from './screening/handlers';
import { assertScreenedForDose, type ScreeningDeps } from './screening/screenings';
import { invitedProducts } from './booking/eligibility';
import { lastCompletedDose } from './booking/dose-store';
import { recordNotGiven } from './booking/not-given';
import { notGivenView } from './booking/views';

function staffMember(ctx: StationContext, login: string) {
  const row = findByLogin(ctx.db, login);
  return row ? { active: row.active === 1, nihdi: row.nihdi, roles: rolesOf(row), name: row.display_name } : null;
}

/** What screening asks of booking: the person's products, and the "not vaccinated" record of booking.notGiven. */
function screeningDeps(ctx: StationContext): ScreeningDeps {
  return {
    productsOf: (ssin, day) => {
      const course = lastCompletedDose(ctx.db, ssin)?.product_code;
      return course ? [course] : invitedProducts(ctx.db, ssin, day);
    },
    notGiven: (input) => {
      // A person already recorded as not vaccinated today keeps that record (and its reason).
      const { record, alreadyRecorded } = recordNotGiven(ctx.db, actorOf(ctx, input.vaccinator.nihdi), input);
      return notGivenView(ctx.db, record, alreadyRecorded);
    },
  };
}

/**
 * The slices of a visit (check-in, products, vials, standby, capacity, booking, observation) wired together:
 * the station root is the one place that knows them all, so no slice imports another's handlers.
 */
export function visitHandlers(ctx: StationContext, options: BookingOptions = {}) {
  return {
    ...checkinHandlers(ctx),
    ...productsHandlers(ctx),
    ...vialsHandlers(ctx, {
      assertMayReceive: (ssin, productCode, now, cardToken) => assertMayReceive(ctx.db, ssin, productCode, localDateOf(now), cardDoseFor(ctx, ssin, cardToken)),
      checkScreening: (screeningId, ssin, now) => void assertScreenedForDose(ctx.db, screeningId, ssin, now),
    }),
    ...standbyHandlers(ctx),
    ...capacityHandlers(ctx, {
      rebalance: (weights) => rebalanceNow(ctx, weights),
      cancelToFollowUp: (appointmentId, reason, by) => void cancelToFollowUp(ctx.db, actorOf(ctx, by), appointmentId, reason),
    }),
    // A dose given now starts the person's observation in the dose's own transaction.
    // A paper record names its vaccinator by staff number or NIHDI.
    // A dose after a screening is checked against it; its allergic-history answer sets the observation.
    ...bookingHandlers(ctx, {
      ...options,
      onDoseGiven: (dose) => startObservation(ctx.db, dose, ctx.settings.get().stationId),
      findStaff: (login) => staffMember(ctx, login),
      checkScreening: (screeningId, ssin, now) => assertScreenedForDose(ctx.db, screeningId, ssin, now),
    }),
    // A reaction is sent in the dose's Immunization, as a new version of it.
    ...observationHandlers(ctx, { sendReactions: (doseId, reactions, now) => void sendDoseReactions(ctx.db, doseId, reactions, now) }),
    ...screeningHandlers(ctx, screeningDeps(ctx)),
  };
}
