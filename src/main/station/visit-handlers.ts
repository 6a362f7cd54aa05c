import type { StationContext } from './base/context';
import type { BookingOptions } from './booking/administer';
import { bookingHandlers } from './booking/handlers';
import { capacityHandlers } from './capacity/handlers';
import { checkinHandlers } from './checkin/handlers';
import { productsHandlers } from './products/handlers';
import { rulesHandlers } from './rules/handlers';
import { followCatalogueInterval } from './rules/rules';
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
import { visitNamespaceHandlers } from './visit/handlers';
import { trackVisits } from './visit/tracking';
import type { VisitDeps } from './visit/visits';
import { findCitizen } from './identity/citizens';
import { appointmentView, doseView, notGivenView, personView } from './booking/views';
import { findDose, lastCompletedDose } from './booking/dose-store';
import { findNotGiven } from './booking/not-given-store';
import { findAppointment } from './booking/appointment-store';
import { doseResultOf } from './booking/dose-result';
import { findLot } from './vials/lot-store';
import { findVial } from './vials/vial-store';
import { lotView, vialView } from './vials/views';
import { observationOfDose } from './observation/observation-store';
import { screeningHandlers } from './screening/handlers';
import { assertScreenedForDose, type ScreeningDeps } from './screening/screenings';
import { invitedProducts } from './booking/eligibility';
import { recordNotGiven } from './booking/not-given';

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
/** The records a visit points at, read through their own slices. */
function visitDeps(ctx: StationContext): VisitDeps {
  const db = ctx.db;
  return {
    person: (ssin) => {
      const c = findCitizen(db, ssin);
      return c ? personView(c) : null;
    },
    lot: (lotId) => {
      const l = findLot(db, lotId);
      return l ? lotView(db, l) : null;
    },
    vial: (vialId, now) => {
      const v = findVial(db, vialId);
      return v ? vialView(db, v, now) : null;
    },
    doseResult: (doseId, printJobId, now) => doseResultOf(ctx, doseId, printJobId, now),
    dose: (doseId) => {
      const d = findDose(db, doseId);
      return d ? doseView(db, d) : null;
    },
    notGiven: (id) => {
      const n = findNotGiven(db, id);
      return n ? notGivenView(db, n, false) : null;
    },
    appointment: (id) => {
      const a = findAppointment(db, id);
      return a ? appointmentView(a) : null;
    },
  };
}

export function visitHandlers(ctx: StationContext, options: BookingOptions = {}) {
  const slices = {
    ...checkinHandlers(ctx),
    // One source for the interval of a day: a catalogue change becomes a rule version where the product has any.
    ...productsHandlers(ctx, { intervalChanged: (code, interval, by, reason, now) => followCatalogueInterval(ctx.db, code, interval, by, reason, now) }),
    ...rulesHandlers(ctx),
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
  return {
    ...slices,
    ...visitNamespaceHandlers(ctx, visitDeps(ctx)),
    // The calls that write a visit's records move the visit in their own transaction.
    ...trackVisits(ctx, slices, { observationOfDose: (doseId) => observationOfDose(ctx.db, doseId)?.id ?? null }),
  };
}
