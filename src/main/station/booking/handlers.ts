import { bookingMethods } from '../../../shared/api/booking';
import { checkinMethods } from '../../../shared/api/checkin';
import { DoseDeskError } from '../../../shared/errors';
import { localDateOf, addDays } from '../../../domain/time/local-time';
import { sessionShares } from './capacity';
import type { StationContext } from '../base/context';
import { awaiting, type CallInfo, type HandlersFor } from '../base/handlers';
import { administer, cardFor, nextView, printQueue, type BookingOptions } from './administer';
import {
  bookForPerson,
  cancelAppointment,
  getAppointment,
  proposeSlots,
  rebookAppointment,
  type NextDoseOutcome,
} from './appointments';
import {
  acceptCapacityTransfers,
  applyCapacityAllocation,
  capacitySharesOfDay,
  releaseCapacity,
  splitAllocation,
  stationCapacityView,
  type AllocationResult,
} from './capacity';
import { ensureSession, sessionsOfDay, setCentreDay } from './calendar';
import { actorOf, centreInfo } from './centre';
import { checkinLookup, checkinScan, verifiedCardView } from './checkin';
import { checkedSsin, findCitizen, type CitizenRow } from './citizens';
import { correctDose, getDose, nextAfter, voidDose } from './doses';
import { registerTypedLot, scanVial } from './lots';
import { configureProduct, getProduct, listProducts } from './products';
import { closeVial, openVial, openVials, vialForScan } from './vials';
import { addStandby, dayPlan, listStandby, updateStandby, waitingRequests } from './supervisor';
import { verifyCardToken } from './card-token';
import { cardModel, queueNewAppointmentCard } from './print-card';
import { newId } from './ids';
import { appointmentView, doseView, lotView, requestView, vialView } from './views';
import { partOfDayOf } from '../../../domain/time/local-time';
import { rebalanceNow } from '../centre-sync/service';
import { confirmArrival, withArrival } from '../checkin-log/confirm';

const digits = (nihdi: string) => nihdi.replace(/\D/g, '');

/**
 * With a staff session, a dose is recorded in the name of whoever is signed in: the back end does
 * not take the vaccinator from the screen's word. Without one (tests, simulator with roles off)
 * the arguments stand.
 */
function asSignedIn(vaccinator: { nihdi: string; name: string }, call: CallInfo): { nihdi: string; name: string } {
  const staff = call.staff;
  if (!staff) return vaccinator;
  if (!staff.nihdi) throw new DoseDeskError('booking.no_nihdi');
  if (digits(vaccinator.nihdi) !== digits(staff.nihdi)) throw new DoseDeskError('booking.vaccinator_not_signed_in', { signedIn: staff.displayName });
  return { nihdi: staff.nihdi, name: staff.displayName };
}

/** A correction or void is by the signed-in person, in the role the session really has. */
function correctorAsSignedIn(by: { nihdi: string; name: string; role: 'vaccinator' | 'supervisor' }, call: CallInfo) {
  const staff = call.staff;
  if (!staff) return by;
  const role: 'vaccinator' | 'supervisor' = staff.roles.includes('supervisor') ? 'supervisor' : 'vaccinator';
  if (role === 'vaccinator') return { ...asSignedIn(by, call), role };
  return { nihdi: staff.nihdi ?? staff.id, name: staff.displayName, role };
}

function summary(r: AllocationResult) {
  return { allocationId: r.allocationId, alreadyApplied: r.alreadyApplied, sessionsCreated: r.sessionsCreated, appliedUnits: r.appliedUnits, unchangedUnits: r.unchangedUnits, conflicts: r.conflicts.length };
}

function citizenOf(ctx: StationContext, ssin: string): CitizenRow {
  const c = findCitizen(ctx.db, ssin);
  if (!c) throw new DoseDeskError('booking.unknown_person', { ssin });
  return c;
}

/** A booked or moved appointment is new: its card is queued as an original, inside the booking's transaction. */
function newCard(ctx: StationContext, options: BookingOptions, print: boolean | undefined, citizen: CitizenRow, outcome: NextDoseOutcome, now: Date) {
  return queueNewAppointmentCard(ctx.db, { centre: centreInfo(ctx), citizen, outcome, queue: print === false ? null : printQueue(options), now });
}

/** The handlers of booking.* methods; `options.enqueuePrintJob` connects printing. */
export function bookingHandlers(ctx: StationContext, options: BookingOptions = {}): HandlersFor<typeof bookingMethods> {
  const db = ctx.db;
  const now = () => ctx.clock.now();
  const stationId = () => ctx.settings.get().stationId;
  return {
    'booking.products': () => listProducts(db),
    'booking.configureProduct': (a) => configureProduct(db, { ...a, ...(a.interval ? { interval: a.interval } : {}) }, now()),
    'booking.scanVial': (a) => lotView(db, scanVial(db, a.text, now())),
    'booking.registerLot': (a) => lotView(db, registerTypedLot(db, a, now())),
    'booking.administer': (a, call) => administer(ctx, { ...a, vaccinator: asSignedIn(a.vaccinator, call) }, options),
    'booking.verifyCard': (a) => verifiedCardView(db, verifyCardToken(db, a.text, ctx.settings.get().centreId)),
    'booking.proposeSlots': (a) => {
      const r = proposeSlots(db, actorOf(ctx, 'system'), { ssin: checkedSsin(a.ssin, now(), 'document'), preference: a.preference ?? {}, limit: a.limit ?? 10 });
      return {
        productCode: r.productCode,
        doseNumber: r.doseNumber,
        window: r.window,
        slots: r.slots.map((s) => ({ slotId: s.slotId, sessionId: s.sessionId, start: s.start, end: s.end, localDate: localDateOf(s.start), partOfDay: partOfDayOf(s.start), freeUnits: s.freeOwnedUnits.length, rank: s.rank })),
      };
    },
    'booking.book': (a) => {
      const ssin = checkedSsin(a.ssin, now(), 'document');
      const actor = actorOf(ctx, 'staff');
      return db.transaction(() => {
        const outcome = bookForPerson(db, actor, { ssin, slotId: a.slotId ?? null, preference: a.preference ?? {} });
        const citizen = citizenOf(ctx, ssin);
        const printed = newCard(ctx, options, a.print, citizen, outcome, actor.now);
        return { ...nextView(outcome, citizen, printed.card), ...printed };
      }).immediate();
    },
    'booking.rebook': (a) => {
      const actor = actorOf(ctx, 'staff');
      return db.transaction(() => {
        const r = rebookAppointment(db, actor, { appointmentId: a.appointmentId, slotId: a.slotId ?? null, preference: a.preference ?? {}, reason: a.reason });
        const citizen = citizenOf(ctx, r.cancelled.ssin);
        const printed = newCard(ctx, options, a.print, citizen, r, actor.now);
        return { cancelled: appointmentView(r.cancelled), next: nextView(r, citizen, printed.card), ...printed };
      }).immediate();
    },
    'booking.cancel': (a) => appointmentView(cancelAppointment(db, actorOf(ctx, 'staff'), a.appointmentId, a.reason)),
    'booking.reprintCard': (a) => {
      const actor = actorOf(ctx, 'staff');
      return db.transaction(() => {
        const appointment = getAppointment(db, a.appointmentId);
        if (appointment.status !== 'booked' || !appointment.previous_dose_id) throw new DoseDeskError('booking.appointment_not_open', { appointment: appointment.id, status: appointment.status });
        const citizen = citizenOf(ctx, appointment.ssin);
        const dose = getDose(db, appointment.previous_dose_id);
        const product = getProduct(db, dose.product_code);
        const outcome = nextAfter(db, dose, product);
        const card = cardFor(db, actor.centreId, citizen, outcome, actor.now);
        if (!card) throw new DoseDeskError('booking.appointment_not_open', { appointment: appointment.id, status: appointment.status });
        const queue = printQueue(options);
        const printJobId = queue ? queue(db, cardModel(centreInfo(ctx), citizen, product, dose, outcome, card, true), actor.now, { copy: true, recordId: dose.id }) : null;
        return { token: card.token, shortCode: card.shortCode, printJobId };
      }).immediate();
    },
    'booking.correctDose': (a, call) => {
      const by = correctorAsSignedIn(a.by, call);
      return doseView(db, correctDose(db, actorOf(ctx, by.nihdi), { doseId: a.doseId, lotId: a.lotId ?? null, administeredAt: a.administeredAt ?? null, vaccinator: a.vaccinator ?? null, reason: a.reason, by }));
    },
    'booking.voidDose': (a, call) => {
      const by = correctorAsSignedIn(a.by, call);
      const r = voidDose(db, actorOf(ctx, by.nihdi), { doseId: a.doseId, reason: a.reason, by });
      return { dose: doseView(db, r.dose), cancelledAppointments: r.cancelledAppointments.map(appointmentView) };
    },
    'booking.dayPlan': (a) => dayPlan(db, a.date ?? localDateOf(now()), now()),
    'booking.toBeBooked': () => waitingRequests(db).map((r) => requestView(db, r)),
    'booking.openVial': (a, call) => vialView(db, openVial(db, { stationId: stationId(), lotId: a.lotId, openedBy: call.staff?.displayName ?? a.openedBy, ...(a.doses ? { doses: a.doses } : {}) }, now()), now()),
    'booking.useVial': (a, call) => {
      const r = vialForScan(db, { stationId: stationId(), text: a.text, openedBy: call.staff?.displayName ?? a.openedBy ?? 'vaccinator' }, now());
      return { lot: lotView(db, r.lot), vial: vialView(db, r.vial, now()), opened: r.opened };
    },
    'booking.openVials': (a) => openVials(db, a.allStations ? null : stationId()).map((v) => vialView(db, v, now())),
    'booking.closeVial': (a) => vialView(db, closeVial(db, a.vialId, a.reason, now()), now()),
    'booking.standbyAdd': (a) => addStandby(db, { ...a, ssin: a.ssin ? checkedSsin(a.ssin, now(), 'document') : null, stationId: stationId() }, now()),
    'booking.standbyList': (a) => listStandby(db, a.status),
    'booking.standbyUpdate': (a) => updateStandby(db, a.id, a.status, a.reason ?? null, now()),
    'booking.capacityShares': (a) => capacitySharesOfDay(db, a.date),
    'booking.capacitySplit': (a) => {
      const settings = ctx.settings.get();
      const allocation = splitAllocation(db, {
        centreId: settings.centreId,
        sessionIds: sessionsOfDay(db, a.date).map((s) => s.id),
        stationIds: a.stationIds,
        ...(a.weights ? { weights: a.weights } : {}),
        source: 'supervisor',
        id: newId(),
        now: now(),
      });
      return { allocation, summary: summary(applyCapacityAllocation(db, allocation, now())) };
    },
    'booking.addSession': (a) => {
      const settings = ctx.settings.get();
      const def = { date: a.date, productCode: a.productCode, start: a.start, end: a.end, slotMinutes: a.slotMinutes, capacityPerSlot: a.capacityPerSlot };
      const sessionId = db.transaction(() => ensureSession(db, settings.centreId, def, 'supervisor', now()).sessionId).immediate();
      const allocation = splitAllocation(db, { centreId: settings.centreId, sessionIds: [sessionId], stationIds: a.stationIds, ...(a.weights ? { weights: a.weights } : {}), source: 'supervisor', id: newId(), now: now(), sessions: [{ ...def, id: sessionId }] });
      return { sessionId, allocation, summary: summary(applyCapacityAllocation(db, allocation, now())) };
    },
    'booking.setDayOpen': (a) => {
      setCentreDay(db, a.date, a.open, a.note ?? null, now());
      return { date: a.date, open: a.open };
    },
    'booking.capacityView': (a) => stationCapacityView(db, stationId(), { from: a.from, to: a.to }),
    'booking.capacityRelease': (a) => releaseCapacity(db, stationId(), a.transfers, now()),
    'booking.capacityAccept': (a) => acceptCapacityTransfers(db, stationId(), a.records, now()),
    'booking.rebalance': awaiting(async (a) => {
      const r = await rebalanceNow(ctx, a.weights);
      return {
        stations: r.plan?.stations ?? [],
        notConnected: r.plan?.notConnected ?? [],
        transfers: r.plan?.transfers ?? 0,
        requests: r.plan?.tasks ?? 0,
        released: r.released,
        received: r.received,
      };
    }),
  };
}

export function checkinHandlers(ctx: StationContext): HandlersFor<typeof checkinMethods> {
  return {
    'checkin.scan': (a) => withArrival(ctx, checkinScan(ctx, a)),
    'checkin.lookup': (a) => withArrival(ctx, checkinLookup(ctx, a.ssin)),
    'checkin.confirm': (a, call) => confirmArrival(ctx, a, call),
  };
}

/** Both maps, for station.ts. */
export function bookingAndCheckinHandlers(ctx: StationContext, options: BookingOptions = {}) {
  return { ...bookingHandlers(ctx, options), ...checkinHandlers(ctx) };
}

// Re-exported for sync and the demo: the allocation entry point and a helper for uniform shares.
export { applyCapacityAllocation, sessionShares, addDays, doseView };
