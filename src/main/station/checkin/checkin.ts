import type { z } from 'zod';
import { boosterFirstDay, intervalOn } from '../rules/rules';
import type { CheckinResult, ChipIdentity, CheckinSource } from '../../../shared/api/checkin';
import type { VerifiedCard } from '../../../shared/api/checkin';
import { DoseDeskError } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import { classifyScan } from '../../../domain/identity/classify';
import { parseSsin } from '../../../domain/identity/ssin';
import { invitationCodeKey } from '../../../domain/identity/invitation';
import { invitationCodesVaccinatedWith } from './arrival-store';
import { looksLikeCardToken, type CardTokenContent } from '../../../domain/booking/card-token';
import { formatShortCode, normalizeShortCode, shortCodeOf } from '../../../domain/booking/short-code';
import { addDays, localDateOf } from '../../../domain/time/local-time';
import type { Db } from '../../adapters/sqlite/database';
import type { StationContext } from '../base/context';
import { activeInvitation, eligibleProducts, findCitizen, invitationByCode } from '../identity/citizens';
import { findProduct } from '../products/products';
import { missedToday, openAppointment, waitingRequest } from '../booking/appointments';
import { verifyCardToken } from '../booking/card-token';
import { doseExists, dosesOfPerson } from '../booking/dose-store';
import { appointmentStatusOf, ssinByShortCode } from '../booking/appointment-store';
import { citizenById } from '../identity/citizen-store';
import { appointmentView, doseView, personView, requestView } from '../booking/views';
import { backendCopyOf, copyAppointmentView } from '../booking/backend-copy';
import { vaccinationGate } from '../../../domain/booking/vaccination-gate';
import { voidCardReason } from '../booking/void-cards';

type Warning = { code: string; key: string };
type Person = NonNullable<z.infer<typeof CheckinResult>['person']>;

const EXPIRED = new Set(['mrz.expired', 'eid.expired']);
const MISMATCH = new Set(['mrz.sex_mismatch', 'mrz.birth_date_mismatch', 'eid.sex_mismatch', 'eid.birth_date_mismatch']);

/**
 * A letter withdrawn after the person was vaccinated with it (checked in on it on a day they got a
 * dose) is not news to staff: the course goes on by its own rules (the next dose's card).
 */
function vaccinatedWith(db: Db, ssin: string, code: string): boolean {
  const key = invitationCodeKey(code);
  return invitationCodesVaccinatedWith(db, ssin).some((c) => invitationCodeKey(c) === key);
}

function identityWarnings(codes: readonly string[]): Warning[] {
  return codes.map((code) => ({ code, key: `identity.warning.${code}` }));
}
const own = (code: string): Warning => ({ code, key: `checkin.warning.${code}` });

/** What a verified card says, with what this station knows about it. */
export function verifiedCardView(db: Db, card: CardTokenContent): z.infer<typeof VerifiedCard> {
  return {
    person: card.person,
    appointment: { ...card.appointment, shortCode: formatShortCode(shortCodeOf(card.appointment.id)) },
    previousDose: {
      id: card.previousDose.id,
      doseNumber: card.previousDose.doseNumber,
      productCode: card.previousDose.productCode,
      gtin: card.previousDose.gtin,
      lot: card.previousDose.lot,
      expiry: card.previousDose.expiry,
      administeredAt: card.previousDose.administeredAt,
      stationId: card.previousDose.stationId,
    },
    knownDose: doseExists(db, card.previousDose.id),
    knownAppointmentStatus: appointmentStatusOf(db, card.appointment.id),
    void: voidCardReason(db, card),
  };
}

/** Everything the station knows about a person, and what it should warn staff about. */
function statusOf(ctx: StationContext, person: Person | null, scanned: { source: z.infer<typeof CheckinSource>; kind: z.infer<typeof CheckinResult>['kind']; warnings: Warning[]; card: CardTokenContent | null; hasNames: boolean }): z.infer<typeof CheckinResult> {
  const db = ctx.db;
  const today = localDateOf(ctx.clock.now());
  const warnings = [...scanned.warnings];
  // A card replaced by a new time or belonging to an undone dose: staff take it back.
  if (scanned.card && voidCardReason(db, scanned.card)) warnings.push(own('void_card'));
  const base = {
    source: scanned.source,
    kind: scanned.kind,
    card: scanned.card ? verifiedCardView(db, scanned.card) : null,
  };
  if (!person) {
    return withGate({ ...base, person: null, known: false, warnings, invitation: null, doses: [], appointment: null, toBeBooked: null, nextDoseNumber: 1, earliestNextDose: null, courseComplete: false });
  }
  const citizen = findCitizen(db, person.ssin);
  if (citizen && ((person.birthDate && citizen.birth_date && person.birthDate !== citizen.birth_date) || (person.sex && citizen.sex && person.sex !== citizen.sex))) {
    warnings.push(own('number_card_mismatch'));
  }
  // Never seen here: what the backend said (sync's last copy), usable while the backend is down.
  const copy = citizen ? null : backendCopyOf(db, person.ssin, today);
  if (copy) warnings.push(own('backend_copy'));
  if (!citizen && !scanned.hasNames && !copy?.personName) warnings.push(own('unknown_person'));
  const doses = dosesOfPerson(db, person.ssin);
  const completed = doses.filter((d) => d.status === 'completed');
  // A card from another station of the centre carries a dose this station may never have seen: it
  // counts for the next dose, the interval and "dose today", exactly as the dose will at administer.
  const fromCard = scanned.card && scanned.card.person.ssin === person.ssin && !completed.some((d) => d.id === scanned.card!.previousDose.id) ? scanned.card.previousDose : null;
  const localLast = completed[completed.length - 1] ?? null;
  const last: { dose_number: number; product_code: string; local_date: string } | null =
    fromCard && (!localLast || fromCard.doseNumber > localLast.dose_number)
      ? { dose_number: fromCard.doseNumber, product_code: fromCard.productCode, local_date: localDateOf(new Date(fromCard.administeredAt)) }
      : localLast;
  const product = last ? findProduct(db, last.product_code) : null;
  const courseComplete = !!(last && product && last.dose_number >= product.dosesInCourse);
  // After a complete course, the rule of today for the course's first product says whether (and from when) a booster may follow.
  const boosterFrom = courseComplete && last ? boosterFirstDay(db, completed[0]?.product_code ?? last.product_code, last.local_date, today) : null;
  const boosterNow = boosterFrom !== null && boosterFrom <= today;
  const nextDoseNumber = courseComplete ? (boosterNow ? last!.dose_number + 1 : null) : last ? last.dose_number + 1 : (copy?.expectedDoseNumber ?? 1);
  // The backend expects a later dose but this station knows no earlier one: the card or the eID history is needed.
  if (!last && copy && nextDoseNumber !== null && nextDoseNumber > 1) warnings.push(own('earlier_dose_unknown'));
  const invitation = citizen ? activeInvitation(db, citizen.id) : null;
  const eligible = invitation ? eligibleProducts(invitation) : (copy?.eligibleProducts ?? []);
  if (!last && eligible.length === 0) warnings.push(own('not_eligible'));
  if (courseComplete && boosterFrom === null) warnings.push(own('course_complete'));
  if (boosterNow) warnings.push(own('booster'));
  if (last && last.local_date === today) warnings.push(own('dose_today'));
  // The minimum interval of the rule in force today, the day the dose would be given.
  const interval = last && product && !courseComplete ? intervalOn(db, product.code, today) : null;
  const earliestNextDose = last && interval ? addDays(last.local_date, interval.minDays) : boosterFrom;
  if (earliestNextDose && earliestNextDose > today && last!.local_date !== today) warnings.push(own('too_early'));
  // A person who missed today's appointment and comes late is still expected: check-in shows it (status noshow).
  const appointment = nextDoseNumber ? (openAppointment(db, person.ssin, nextDoseNumber) ?? missedToday(db, person.ssin, nextDoseNumber, today)) : null;
  const expected = !appointment && copy && nextDoseNumber ? copyAppointmentView(copy, nextDoseNumber) : null;
  if ((appointment && appointment.local_date !== today) || (expected && expected.localDate !== today)) warnings.push(own('appointment_other_day'));
  const request = nextDoseNumber ? waitingRequest(db, person.ssin, nextDoseNumber) : null;
  const named = !citizen && !scanned.hasNames && copy?.personName ? { ...person, familyName: copy.personName } : person;
  return withGate(
    {
      ...base,
      person: citizen ? { ...personView(citizen) } : named,
      known: !!citizen,
      warnings,
      invitation: invitation ? { code: invitation.code, eligibleProducts: eligible } : null,
      doses: doses.map((d) => doseView(db, d)),
      appointment: appointment ? appointmentView(appointment) : expected,
      toBeBooked: request ? requestView(db, request) : null,
      nextDoseNumber,
      earliestNextDose,
      courseComplete,
    },
    fromCard ? [{ status: 'completed', productCode: fromCard.productCode }] : [],
  );
}

/** What check-in found, with the station's word on whether the vaccinator may go on (a card's unknown dose counts for the course's product). */
function withGate(found: Omit<z.infer<typeof CheckinResult>, 'vaccination'>, cardDoses: { status: string; productCode: string }[] = []): z.infer<typeof CheckinResult> {
  return { ...found, vaccination: vaccinationGate({ ...found, doses: [...found.doses, ...cardDoses] }) };
}

/**
 * checkin.scan: a national number, an MRZ, an invitation code, an appointment card or chip data,
 * into the person and what the station knows. Refusals of the text are `identity.*` errors.
 */
export function checkinScan(
  ctx: StationContext,
  args: { text: string; source: z.infer<typeof CheckinSource>; chip?: z.infer<typeof ChipIdentity>; language?: Language },
): z.infer<typeof CheckinResult> {
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const settings = ctx.settings.get();
  const language = args.language ?? settings.language;

  if (args.source === 'chip') {
    if (!args.chip) throw new DoseDeskError('checkin.chip_missing');
    const parsed = parseSsin(args.text, today, { source: 'document' });
    if (!parsed.ok) throw new DoseDeskError(parsed.code, parsed.params);
    const chip = args.chip;
    const warnings = identityWarnings([...parsed.value.warnings, ...(chip.warnings ?? [])]);
    if ((chip.validityEnd && chip.validityEnd < today) || warnings.some((w) => EXPIRED.has(w.code))) warnings.push(own('expired_card'));
    if (warnings.some((w) => MISMATCH.has(w.code))) warnings.push(own('number_card_mismatch'));
    const person: Person = { ssin: parsed.value.ssin, familyName: chip.familyName, givenNames: chip.givenNames, birthDate: chip.birthDate ?? parsed.value.birthDate, sex: chip.sex ?? parsed.value.sex, language };
    return statusOf(ctx, person, { source: args.source, kind: 'chip', warnings, card: null, hasNames: true });
  }

  if (looksLikeCardToken(args.text)) {
    const card = verifyCardToken(ctx.db, args.text, settings.centreId);
    return statusOf(ctx, { ...card.person }, { source: args.source, kind: 'card', warnings: [], card, hasNames: true });
  }

  // The card's short code, typed or read out on the phone: 8 Crockford characters (XXXX-XXXX).
  const code = /^\s*[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}\s*$/.test(args.text) && !/^\s*[\d-]+\s*$/.test(args.text) ? normalizeShortCode(args.text) : null;
  if (code) {
    const ssin = ssinByShortCode(ctx.db, code);
    const citizen = ssin ? findCitizen(ctx.db, ssin) : null;
    if (!citizen) return statusOf(ctx, null, { source: args.source, kind: 'short_code', warnings: [own('short_code_unknown')], card: null, hasNames: false });
    return statusOf(ctx, personView(citizen), { source: args.source, kind: 'short_code', warnings: [], card: null, hasNames: true });
  }

  const scan = classifyScan(args.text, today);
  if (!scan.ok) throw new DoseDeskError(scan.code, scan.params);
  const value = scan.value;
  switch (value.kind) {
    case 'ssin': {
      const person: Person = { ssin: value.ssin, familyName: '', givenNames: '', birthDate: value.birthDate, sex: value.sex, language };
      return statusOf(ctx, person, { source: args.source, kind: 'ssin', warnings: identityWarnings(value.warnings), card: null, hasNames: false });
    }
    case 'mrz': {
      const warnings = identityWarnings(value.warnings);
      if (value.expiryDate < today || warnings.some((w) => EXPIRED.has(w.code))) warnings.push(own('expired_card'));
      if (warnings.some((w) => MISMATCH.has(w.code))) warnings.push(own('number_card_mismatch'));
      if (!value.ssin) return statusOf(ctx, null, { source: args.source, kind: 'mrz', warnings, card: null, hasNames: true });
      const person: Person = { ssin: value.ssin, familyName: value.surname, givenNames: value.givenNames, birthDate: value.birthDate, sex: value.sex, language };
      return statusOf(ctx, person, { source: args.source, kind: 'mrz', warnings, card: null, hasNames: true });
    }
    case 'invitation': {
      const invitation = invitationByCode(ctx.db, value.code);
      const citizen = invitation ? citizenById(ctx.db, invitation.citizen_id) : null;
      if (!invitation || !citizen) return statusOf(ctx, null, { source: args.source, kind: 'invitation', warnings: [own('invitation_unknown')], card: null, hasNames: false });
      const warnings = invitation.status !== 'active' && !vaccinatedWith(ctx.db, citizen.ssin, invitation.code) ? [own('invitation_withdrawn')] : [];
      if (invitation.valid_from && invitation.valid_from > today) warnings.push(own('invitation_not_yet_valid'));
      return statusOf(ctx, personView(citizen), { source: args.source, kind: 'invitation', warnings, card: null, hasNames: true });
    }
    case 'card': {
      const card = verifyCardToken(ctx.db, value.token, settings.centreId);
      return statusOf(ctx, { ...card.person }, { source: args.source, kind: 'card', warnings: [], card, hasNames: true });
    }
    case 'gs1':
      throw new DoseDeskError('checkin.not_a_person');
  }
}

/** checkin.lookup: a typed national number. */
export function checkinLookup(ctx: StationContext, ssinText: string): z.infer<typeof CheckinResult> {
  const today = localDateOf(ctx.clock.now());
  const parsed = parseSsin(ssinText, today);
  if (!parsed.ok) throw new DoseDeskError(parsed.code, parsed.params);
  const language = ctx.settings.get().language;
  const person: Person = { ssin: parsed.value.ssin, familyName: '', givenNames: '', birthDate: parsed.value.birthDate, sex: parsed.value.sex, language };
  return statusOf(ctx, person, { source: 'typed', kind: 'ssin', warnings: identityWarnings(parsed.value.warnings), card: null, hasNames: false });
}
