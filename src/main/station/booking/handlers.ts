import { bookingMethods } from '../../../shared/api/booking';
import { DoseDeskError } from '../../../shared/errors';
import { localDateOf } from '../../../domain/time/local-time';
import type { StationContext } from '../base/context';
import type { CallInfo, HandlersFor } from '../base/handlers';
import { administer, cardFor, nextView, printQueue, type BookingOptions } from './administer';
import {
  bookForPerson,
  getAppointment,
  proposeSlots,
  rebookAppointment,
  type NextDoseOutcome,
} from './appointments';
import { actorOf, centreInfo } from './centre';
import { checkedSsin, findCitizen, type CitizenRow } from '../identity/citizens';
import { correctDose, getDose, nextAfter, voidDose } from './doses';
import { getProduct } from '../products/products';
import { dayPlan, waitingRequests } from './day-plan';
import { recordNotGiven } from './not-given';
import { rekey } from './rekey';
import { cardModel, queueNewAppointmentCard, reachableFor } from './print-card';
import { appointmentView, doseView, notGivenView, personView, requestView } from './views';
import { appointmentsOfDay } from './appointment-store';
import { partOfDayOf } from '../../../domain/time/local-time';
import { bookAllThatFit, cancelToFollowUp } from './follow-up';
import { closeDay, markEndedSessions } from './no-shows';

const digits = (nihdi: string) => nihdi.replace(/\D/g, '');

/**
 * The dose is recorded in the name of whoever is signed in: the back end does not take the
 * vaccinator from the screen's word. A screen may name the vaccinator (it must then be the
 * signed-in one); only a station without sessions (roles switched off) relies on the argument.
 */
function signedInVaccinator(vaccinator: { nihdi: string; name: string } | undefined, call: CallInfo): { nihdi: string; name: string } {
  const staff = call.staff;
  if (!staff) {
    if (!vaccinator) throw new DoseDeskError('booking.no_nihdi');
    return vaccinator;
  }
  if (!staff.nihdi) throw new DoseDeskError('booking.no_nihdi');
  if (vaccinator && digits(vaccinator.nihdi) !== digits(staff.nihdi)) throw new DoseDeskError('booking.vaccinator_not_signed_in', { signedIn: staff.displayName });
  return { nihdi: staff.nihdi, name: staff.displayName };
}

/** A correction or void is by the signed-in person, in the role the session really has. */
function signedInCorrector(by: { nihdi: string; name: string; role: 'vaccinator' | 'supervisor' } | undefined, call: CallInfo) {
  const staff = call.staff;
  if (!staff) {
    if (!by) throw new DoseDeskError('booking.no_nihdi');
    return by;
  }
  const role: 'vaccinator' | 'supervisor' = staff.roles.includes('supervisor') ? 'supervisor' : 'vaccinator';
  if (role === 'vaccinator') return { ...signedInVaccinator(by, call), role };
  return { nihdi: staff.nihdi ?? staff.id, name: staff.displayName, role };
}

function citizenOf(ctx: StationContext, ssin: string): CitizenRow {
  const c = findCitizen(ctx.db, ssin);
  if (!c) throw new DoseDeskError('booking.unknown_person', { ssin });
  return c;
}

/** The follow-up desk's filter; a window that ends before it starts is a typing slip, said as such. */
function checkedFilter<F extends { from?: string | undefined; to?: string | undefined }>(filter: F): F {
  if (filter.from && filter.to && filter.to < filter.from) throw new DoseDeskError('booking.window_filter_reversed', { from: filter.from, to: filter.to });
  return filter;
}

/** A booked or moved appointment is new: its card is queued as an original, inside the booking's transaction. */
function newCard(ctx: StationContext, options: BookingOptions, print: boolean | undefined, citizen: CitizenRow, outcome: NextDoseOutcome, now: Date) {
  return queueNewAppointmentCard(ctx.db, { centre: centreInfo(ctx), citizen, outcome, queue: print === false ? null : printQueue(options), now });
}

/** The handlers of booking.* methods; `options.enqueuePrintJob` connects printing. */
export function bookingHandlers(ctx: StationContext, options: BookingOptions = {}): HandlersFor<typeof bookingMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  /** The card of an open appointment, as an original (the person agreed to it) or a copy (a reprint). */
  const printAppointmentCard = (appointmentId: string, copy: boolean) => {
    const actor = actorOf(ctx, 'staff');
    return db.transaction(() => {
      const appointment = getAppointment(db, appointmentId);
      if (appointment.status !== 'booked' || !appointment.previous_dose_id) throw new DoseDeskError('booking.appointment_not_open', { appointment: appointment.id, status: appointment.status });
      const citizen = citizenOf(ctx, appointment.ssin);
      const dose = getDose(db, appointment.previous_dose_id);
      const product = getProduct(db, dose.product_code);
      const outcome = nextAfter(db, dose, product);
      const card = cardFor(db, actor.centreId, citizen, outcome, actor.now);
      if (!card) throw new DoseDeskError('booking.appointment_not_open', { appointment: appointment.id, status: appointment.status });
      const queue = printQueue(options);
      const centre = centreInfo(ctx);
      const printJobId = queue ? queue(db, cardModel(centre, citizen, product, dose, outcome, card, copy, reachableFor(db, centre, citizen)), actor.now, { copy, recordId: dose.id }) : null;
      return { token: card.token, shortCode: card.shortCode, printJobId };
    }).immediate();
  };

  return {
    'booking.administer': (a, call) => administer(ctx, { ...a, vaccinator: signedInVaccinator(a.vaccinator, call) }, options),
    'booking.rekey': (a, call) => rekey(ctx, a, call.staff, options),
    'booking.notGiven': (a, call) => {
      const vaccinator = signedInVaccinator(a.vaccinator, call);
      const actor = actorOf(ctx, vaccinator.nihdi);
      const ssin = checkedSsin(a.ssin, actor.now, a.person ? 'document' : 'typed');
      const { record, alreadyRecorded } = recordNotGiven(db, actor, { ssin, person: a.person ?? null, reason: a.reason, note: a.note ?? null, productCode: a.productCode ?? null, vaccinator });
      return notGivenView(db, record, alreadyRecorded);
    },
    'booking.proposeSlots': (a) => {
      const r = proposeSlots(db, actorOf(ctx, 'system'), { ssin: checkedSsin(a.ssin, now(), 'document'), preference: a.preference ?? {}, limit: a.limit ?? 10 });
      return {
        productCode: r.productCode,
        doseNumber: r.doseNumber,
        window: r.window,
        slots: r.slots.map((s) => ({ slotId: s.slotId, sessionId: s.sessionId, start: s.start, end: s.end, localDate: localDateOf(s.start), partOfDay: partOfDayOf(s.start), freeUnits: s.freeOwnedUnits.length, rank: s.rank })),
        ...(r.gap ? { gap: r.gap } : {}),
      };
    },
    'booking.book': (a) => {
      const ssin = checkedSsin(a.ssin, now(), 'document');
      const actor = actorOf(ctx, 'staff');
      return db.transaction(() => {
        const outcome = bookForPerson(db, actor, { ssin, slotId: a.slotId ?? null, preference: a.preference ?? {} });
        const citizen = citizenOf(ctx, ssin);
        const printed = newCard(ctx, options, a.print, citizen, outcome, actor.now);
        return { ...nextView(outcome, citizen, printed.card, reachableFor(db, centreInfo(ctx), citizen)), ...printed };
      }).immediate();
    },
    'booking.rebook': (a) => {
      const actor = actorOf(ctx, 'staff');
      return db.transaction(() => {
        const r = rebookAppointment(db, actor, { appointmentId: a.appointmentId, slotId: a.slotId ?? null, preference: a.preference ?? {}, reason: a.reason });
        const citizen = citizenOf(ctx, r.cancelled.ssin);
        const printed = newCard(ctx, options, a.print, citizen, r, actor.now);
        return { cancelled: appointmentView(r.cancelled), next: nextView(r, citizen, printed.card, reachableFor(db, centreInfo(ctx), citizen)), ...printed };
      }).immediate();
    },
    'booking.cancel': (a) => {
      const actor = actorOf(ctx, 'staff');
      // The next dose is not booked any more: the person waits on the follow-up desk.
      return appointmentView(cancelToFollowUp(db, actor, a.appointmentId, a.reason));
    },
    'booking.reprintCard': (a) => printAppointmentCard(a.appointmentId, true),
    'booking.printCard': (a) => printAppointmentCard(a.appointmentId, false),
    'booking.correctDose': (a, call) => {
      const by = signedInCorrector(a.by, call);
      return doseView(db, correctDose(db, actorOf(ctx, by.nihdi), { doseId: a.doseId, lotId: a.lotId ?? null, administeredAt: a.administeredAt ?? null, vaccinator: a.vaccinator ?? null, reason: a.reason, by }));
    },
    'booking.voidDose': (a, call) => {
      const by = signedInCorrector(a.by, call);
      const r = voidDose(db, actorOf(ctx, by.nihdi), { doseId: a.doseId, reason: a.reason, by });
      return { dose: doseView(db, r.dose), cancelledAppointments: r.cancelledAppointments.map(appointmentView) };
    },
    'booking.dayPlan': (a) => {
      markEndedSessions(db, actorOf(ctx, 'system'));
      return dayPlan(db, a.date ?? localDateOf(now()), now());
    },
    'booking.toBeBooked': (a) => {
      const filter = checkedFilter(a);
      markEndedSessions(db, actorOf(ctx, 'system'));
      return waitingRequests(db, filter).map((r) => requestView(db, r));
    },
    'booking.bookAllThatFit': (a) => {
      const filter = checkedFilter(a);
      const actor = actorOf(ctx, 'staff');
      markEndedSessions(db, actorOf(ctx, 'system'));
      const r = bookAllThatFit(db, actor, filter);
      return { booked: r.booked.length, left: r.left, appointments: r.booked.map(appointmentView) };
    },
    'booking.dayAppointments': (a) => {
      markEndedSessions(db, actorOf(ctx, 'system'));
      return appointmentsOfDay(db, a.date).map((row) => {
        const citizen = findCitizen(db, row.ssin);
        return { appointment: appointmentView(row), person: citizen ? personView(citizen) : null };
      });
    },
    'booking.closeDay': (a) => {
      const today = localDateOf(now());
      const date = a.date ?? today;
      if (date > today) throw new DoseDeskError('booking.day_not_over', { date });
      return { date, noShows: closeDay(db, actorOf(ctx, 'staff'), date).length };
    },
  };
}

