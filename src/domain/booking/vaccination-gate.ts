/**
 * Whether the person at the vaccinator's desk can be vaccinated here now, and with which products:
 * the station decides from what check-in found, the screen only shows the steps that follow.
 */

/**
 * Check-in warnings that stop a vaccination here now (the station would refuse or only repeat the
 * dose); the others ask staff to check something (an expired card, a number that disagrees with
 * the card) and leave the decision to them, as a card the state issued is never refused.
 */
const BLOCKING = new Set(['course_complete', 'dose_today', 'too_early', 'invitation_withdrawn']);

export interface VaccinationGate {
  /** The vial step may follow: a person with names and nothing that stops a dose now. */
  allowed: boolean;
  /** Codes of the warnings that stop it (each also in the check-in result's warnings). */
  blockedBy: string[];
  /** Never seen here and no names read: the eID is needed before a dose can be recorded. */
  namesNeeded: boolean;
  /** Products a vial may be of: the course's product once started, else the invitation's (empty: any). */
  products: string[];
}

export interface GateInput {
  person: { familyName: string; givenNames: string } | null;
  known: boolean;
  warnings: readonly { code: string }[];
  doses: readonly { status: string; productCode: string }[];
  invitation: { eligibleProducts: readonly string[] } | null;
}

export function vaccinationGate(found: GateInput): VaccinationGate {
  const blockedBy = found.warnings.map((w) => w.code).filter((code) => BLOCKING.has(code));
  const namesNeeded = !found.known && !(found.person?.familyName || found.person?.givenNames);
  // A course is finished with the product it started with.
  const course = found.doses.filter((d) => d.status === 'completed').map((d) => d.productCode).slice(-1);
  return {
    allowed: found.person !== null && blockedBy.length === 0 && !namesNeeded,
    blockedBy,
    namesNeeded,
    products: course.length > 0 ? course : [...(found.invitation?.eligibleProducts ?? [])],
  };
}

/** How long the vaccinator may take a new confirmation back from the desk; later, a supervisor corrects it. */
export const UNDO_SECONDS = 60;

/** The undo window of an administer answer: none when nothing new was recorded (a repeated scan). */
export function undoSecondsFor(alreadyRecorded: boolean): number {
  return alreadyRecorded ? 0 : UNDO_SECONDS;
}
