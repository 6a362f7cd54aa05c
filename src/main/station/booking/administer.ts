import type { z } from 'zod';
import type { AdministerArgs, AdministerResult, NextView } from '../../../shared/api/booking';
import { translate } from '../../../shared/i18n/translate';
import { DoseDeskError } from '../../../shared/errors';
import type { Db } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import { administerInTx, getDose } from './doses';
import type { NextDoseOutcome } from './appointments';
import type { CitizenRow } from '../identity/citizens';
import { findDose } from './dose-store';
import { actorOf, centreInfo } from './centre';
import { cardModel, issueCard, notifyChannel, reachableFor, type EnqueuePrintJob, type IssuedCard } from './print-card';
import type { MessageChannel } from '../messages/store';
import { appointmentView, doseView, personView } from './views';
import { checkedSsin, fullName } from '../identity/citizens';
import { enqueuePrintJob } from '../printing/queue';
import { undoSecondsFor } from '../../../domain/booking/vaccination-gate';

export interface BookingOptions {
  /**
   * Queues the appointment card inside the administer transaction. Defaults to printing's
   * `enqueuePrintJob`; `null` records without queuing a card (tests, stations without a printer).
   */
  enqueuePrintJob?: EnqueuePrintJob | null;
  /**
   * Called inside the administer transaction for a dose newly recorded now (not a repeat, not a
   * dose re-keyed from paper): the station root starts the person's observation with it.
   */
  onDoseGiven?: (dose: DoseGiven) => void;
  /**
   * A member of staff by staff number or NIHDI, for the vaccinator named on a paper record: the
   * station root wires the staff slice in, so booking does not import it.
   */
  findStaff?: (login: string) => { active: boolean; nihdi: string | null; roles: readonly string[]; name: string } | null;
  /**
   * Checks the screening a dose follows (throws when it is not this person's "go on" of today) and
   * gives its allergic-history answer: the station root wires the screening slice in.
   */
  checkScreening?: (screeningId: string, ssin: string, now: Date) => { allergyHistory: boolean };
}

/** A dose just given, as the observation after it needs it. */
export interface DoseGiven {
  doseId: string;
  ssin: string;
  displayName: string;
  productCode: string;
  at: Date;
  allergyHistory: boolean;
}

/** The print queue to use: the one given, or printing's own. */
export function printQueue(options: BookingOptions): EnqueuePrintJob | null {
  return options.enqueuePrintJob === undefined ? enqueuePrintJob : options.enqueuePrintJob;
}

/** The card of an appointment, when this station knows the dose it follows. */
export function cardFor(db: Db, centreId: string, citizen: CitizenRow, outcome: NextDoseOutcome, now: Date): IssuedCard | null {
  if (outcome.kind !== 'booked' || !outcome.appointment.previous_dose_id) return null;
  const previous = findDose(db, outcome.appointment.previous_dose_id);
  if (!previous) return null;
  return issueCard(db, centreId, citizen, previous, outcome.appointment, now);
}

/**
 * What the screen shows and says. A person whose next dose waits is promised an SMS or e-mail only
 * when one of `reachable` (channels set up here that reach them) will carry the date.
 */
export function nextView(outcome: NextDoseOutcome, citizen: CitizenRow, card: IssuedCard | null, reachable: readonly MessageChannel[] = []): NextView {
  if (outcome.kind === 'none') return { kind: 'none' };
  if (outcome.kind === 'booked') return { kind: 'booked', appointment: appointmentView(outcome.appointment), window: outcome.window, card };
  const r = outcome.request;
  return {
    kind: 'to_be_booked',
    requestId: r.id,
    doseNumber: r.dose_number,
    reason: r.reason,
    messageKey: r.message_key,
    message: noticeText(citizen, r.message_key, r.reason, { from: r.earliest_date, to: r.latest_date }, reachable),
    window: outcome.window,
  };
}

function noticeText(citizen: CitizenRow, key: string, reason: string, params: { from: string; to: string }, reachable: readonly MessageChannel[]): string {
  const notice = translate(citizen.language, key, params);
  const channel = notifyChannel(reachable);
  if (channel === 'centre' || reason === 'window_passed') return notice;
  return `${notice} ${translate(citizen.language, `booking.notice.by.${channel}`)}`;
}

/**
 * booking.administer: one IMMEDIATE transaction holds the dose, its outbox row, the fulfilled
 * appointment, the next appointment (or "to be booked"), the signed card and its print job. A
 * crash anywhere leaves none of them.
 */
/** The contract's arguments, with the vaccinator the handler established from the session. */
export type AdministerInput = z.output<typeof AdministerArgs> & { vaccinator: { nihdi: string; name: string } };

/** `rekeyedBy`: a dose written on paper, typed in by this staff member (booking.rekey). */
export function administer(ctx: StationContext, args: AdministerInput, options: BookingOptions, rekeyedBy: { staffId: string; name: string } | null = null): AdministerResult {
  const actor = actorOf(ctx, args.vaccinator.nihdi);
  const ssin = checkedSsin(args.ssin, actor.now, args.person || args.cardToken ? 'document' : 'typed');
  const centre = centreInfo(ctx);
  return ctx.db.transaction((): AdministerResult => {
    // Checked before anything is written: a refused screening leaves no dose, vial use or card.
    const screened = args.screeningId ? screeningFor(options, args.screeningId, ssin, actor.now) : null;
    const outcome = administerInTx(ctx.db, actor, {
      ssin,
      person: args.person ?? null,
      lotId: args.lotId,
      vialId: args.vialId ?? null,
      expectedDoseNumber: args.expectedDoseNumber ?? null,
      administeredAt: args.administeredAt ?? null,
      vaccinator: args.vaccinator,
      preference: args.preference ?? {},
      slotId: args.slotId ?? null,
      cardToken: args.cardToken ?? null,
      language: ctx.settings.get().language,
      administration: args.administration ?? null,
      rekeyedBy,
    });
    if (!outcome.alreadyRecorded && !args.administeredAt && options.onDoseGiven) {
      const c = outcome.citizen;
      options.onDoseGiven({ doseId: outcome.dose.id, ssin: c.ssin, displayName: fullName(c), productCode: outcome.dose.product_code, at: actor.now, allergyHistory: (args.allergyHistory ?? false) || (screened?.allergyHistory ?? false) });
    }
    const card = cardFor(ctx.db, actor.centreId, outcome.citizen, outcome.next, actor.now);
    const reachable = reachableFor(ctx.db, centre, outcome.citizen);
    let printJobId: string | null = null;
    // A repeated scan does not print again unless asked (then it is marked as a copy). A held card
    // waits for the person to agree to its time (booking.printCard).
    const queue = printQueue(options);
    const held = args.holdCard === true && card !== null && !outcome.alreadyRecorded;
    if ((args.print ?? !outcome.alreadyRecorded) && queue && !held) {
      const model = cardModel(centre, outcome.citizen, outcome.product, outcome.dose, outcome.next, card, outcome.alreadyRecorded, reachable);
      printJobId = queue(ctx.db, model, actor.now, { copy: outcome.alreadyRecorded, recordId: outcome.dose.id });
    }
    return {
      person: personView(outcome.citizen),
      dose: doseView(ctx.db, outcome.dose),
      alreadyRecorded: outcome.alreadyRecorded,
      importedFromCard: outcome.importedFromCard ? doseView(ctx.db, outcome.importedFromCard) : null,
      fulfilledAppointmentId: outcome.fulfilled?.id ?? null,
      courseComplete: outcome.courseComplete,
      next: nextView(outcome.next, outcome.citizen, card, reachable),
      printJobId,
      undoSeconds: undoSecondsFor(outcome.alreadyRecorded),
    };
  }).immediate();
}

function screeningFor(options: BookingOptions, screeningId: string, ssin: string, now: Date): { allergyHistory: boolean } {
  if (!options.checkScreening) throw new DoseDeskError('screening.unknown', { id: screeningId });
  return options.checkScreening(screeningId, ssin, now);
}

export { getDose };
