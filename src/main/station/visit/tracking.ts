import type { StationContext } from '../base/context';
import type { CallInfo, Handler, PlainHandler } from '../base/handlers';
import type { ParsedArgsOf, ResultOf } from '../../../shared/contract';
import { visitActor } from './handlers';
import { DoseDeskError } from '../../../shared/errors';
import { closeVisit, moveVisit, openVisitFor, visitOf } from './visits';
import type { VisitRow } from './visit-store';

/** The calls that write a record of the visit, each taking an optional `visitId`. */
export type TrackedMethod = 'screening.record' | 'vials.use' | 'booking.administer' | 'booking.notGiven' | 'booking.printCard' | 'booking.rebook' | 'booking.voidDose';
export type TrackedHandlers = { [M in TrackedMethod]: Handler<M> };

export interface TrackingDeps {
  /** The observation started with a dose, if any. */
  observationOfDose(doseId: string): string | null;
}

/**
 * Wraps a call so that, given a `visitId`, the visit is checked before the record is written and
 * moved after it, inside the call's one transaction: a refused call (an error) leaves the visit at
 * its step, and a record never exists without its visit knowing it.
 */
function tracked<M extends TrackedMethod>(
  handler: Handler<M>,
  check: (args: ParsedArgsOf<M>, visitId: string, call: CallInfo) => VisitRow,
  after: (row: VisitRow, result: ResultOf<M>, args: ParsedArgsOf<M>, call: CallInfo) => void,
): PlainHandler<M> {
  const plain = handler as PlainHandler<M>;
  return (args, call) => {
    const visitId = (args as { visitId?: string }).visitId;
    if (!visitId) return plain(args, call);
    const row = check(args, visitId, call);
    const result = plain(args, call);
    after(row, result, args, call);
    return result;
  };
}

/** A call on a record of the visit must name the visit's own record (its dose, its card). */
function sameRecord(row: VisitRow, id: string, column: 'dose_id' | 'card_appointment_id'): VisitRow {
  if (row[column] !== id) throw new DoseDeskError('visit.other_record');
  return row;
}

export function trackVisits(ctx: StationContext, handlers: TrackedHandlers, deps: TrackingDeps): { [M in TrackedMethod]: PlainHandler<M> } {
  const db = ctx.db;
  const actor = (call: CallInfo) => visitActor(ctx, call);
  const openFor = (visitId: string, call: CallInfo, ssin: string | null) => openVisitFor(db, visitId, actor(call).stationId, ssin);
  const anyOf = (visitId: string, call: CallInfo) => visitOf(db, visitId, actor(call).stationId);
  return {
    // Go on: the vial is next and the dose will name this screening; otherwise the visit ends not vaccinated.
    'screening.record': tracked<'screening.record'>(handlers['screening.record'], (a, id, call) => openFor(id, call, a.ssin), (row, r, _a, call) =>
      moveVisit(db, row, r.notGiven ? { step: 'not_given', screening_id: r.id, not_given_id: r.notGiven.id } : { step: 'vial', screening_id: r.id }, actor(call)),
    ),
    'vials.use': tracked<'vials.use'>(handlers['vials.use'], (a, id, call) => openFor(id, call, a.ssin ?? null), (row, r, _a, call) =>
      moveVisit(db, row, { step: 'confirm', lot_id: r.lot.lotId, vial_id: r.vial.id }, actor(call)),
    ),
    'booking.administer': tracked<'booking.administer'>(handlers['booking.administer'], (a, id, call) => openFor(id, call, a.ssin), (row, r, a, call) => {
      const booked = r.next.kind === 'booked' ? r.next : null;
      // Held as booking.administer holds it: a card of a new appointment not printed yet.
      const held = booked !== null && booked.card !== null && r.printJobId === null && !r.alreadyRecorded && a.holdCard === true;
      moveVisit(
        db,
        row,
        {
          step: 'done',
          dose_id: r.dose.id,
          lot_id: row.lot_id ?? a.lotId,
          card_appointment_id: booked?.appointment.id ?? null,
          card_held: held ? 1 : 0,
          card_print_job_id: r.printJobId,
          observation_id: deps.observationOfDose(r.dose.id),
        },
        actor(call),
      );
    }),
    'booking.notGiven': tracked<'booking.notGiven'>(handlers['booking.notGiven'], (a, id, call) => openFor(id, call, a.ssin), (row, r, _a, call) =>
      moveVisit(db, row, { step: 'not_given', not_given_id: r.id }, actor(call)),
    ),
    'booking.printCard': tracked<'booking.printCard'>(handlers['booking.printCard'], (a, id, call) => sameRecord(anyOf(id, call), a.appointmentId, 'card_appointment_id'), (row, r, a, call) =>
      moveVisit(db, row, { card_appointment_id: a.appointmentId, card_held: 0, card_print_job_id: r.printJobId }, actor(call)),
    ),
    // A new time: the visit's card is the new appointment's; printed now unless it still waits for agreement.
    'booking.rebook': tracked<'booking.rebook'>(handlers['booking.rebook'], (a, id, call) => sameRecord(anyOf(id, call), a.appointmentId, 'card_appointment_id'), (row, r, a, call) => {
      const booked = r.next.kind === 'booked' ? r.next.appointment.id : null;
      const printed = a.print !== false && r.printJobId !== null;
      moveVisit(db, row, { card_appointment_id: booked, card_held: booked && !printed ? row.card_held : 0, card_print_job_id: printed ? r.printJobId : row.card_print_job_id }, actor(call));
    }),
    // An undone dose: its card is void (cardState says so), and an open visit starts over with the next person.
    'booking.voidDose': tracked<'booking.voidDose'>(handlers['booking.voidDose'], (a, id, call) => sameRecord(anyOf(id, call), a.doseId, 'dose_id'), (row, _r, _a, call) => {
      const by = actor(call);
      moveVisit(db, row, { card_held: 0 }, by);
      closeVisit(db, row, by.now);
    }),
  };
}
