/**
 * The rules of the screening before the needle, pure: which questions apply to a product, whether
 * every one is answered, whether an answer calls for the vaccinator's decision, and what the visit
 * becomes (go on, or not vaccinated with a BeVaccination status reason).
 */
export const SCREENING_DECISIONS = ['go_on', 'postpone', 'do_not_vaccinate'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];
/** What the record keeps: the vaccinator's decision, or `refused` when consent was refused. */
export type ScreeningOutcome = ScreeningDecision | 'refused';

export const CONSENT_KINDS = ['person', 'representative', 'refused'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface QuestionRule {
  id: string;
  /** null: asked before every product. */
  productCode: string | null;
  position: number;
  yesNeedsDecision: boolean;
  allergy: boolean;
}

export type DecisionProblem =
  | { code: 'screening.unanswered'; questionIds: string[] }
  | { code: 'screening.unknown_question'; questionIds: string[] }
  | { code: 'screening.decision_required'; questionIds: string[] };

export interface ScreeningVerdict {
  outcome: ScreeningOutcome;
  /** An allergic-history question answered yes: the observation after a dose lasts 30 minutes. */
  allergyHistory: boolean;
  /** The "yes" answers that called for a decision. */
  blocking: string[];
  /** The status reason of the "not vaccinated" record (be-vs-vaccination-status-reason), null for go on. */
  notGivenReason: 'PATOBJ' | 'MEDPREC' | 'ALLERGY' | null;
}

/** The active questions asked before any of these products, in their order (general ones first on a tie). */
export function questionsFor<Q extends QuestionRule>(questions: readonly Q[], productCodes: readonly string[]): Q[] {
  return questions
    .filter((q) => q.productCode === null || productCodes.includes(q.productCode))
    .sort((a, b) => a.position - b.position || Number(a.productCode !== null) - Number(b.productCode !== null) || a.id.localeCompare(b.id));
}

/**
 * What a screening decides. Every question asked must be answered and no other; a "yes" that calls
 * for a decision needs the vaccinator's explicit one; a refused consent ends the visit whatever the
 * answers. The reason of a "not vaccinated": refusal → PATOBJ; not vaccinating because of an
 * allergic history → ALLERGY; any other contraindication or a postponement → MEDPREC.
 */
export function decideScreening(
  asked: readonly QuestionRule[],
  answers: ReadonlyMap<string, boolean>,
  consent: ConsentKind,
  decision: ScreeningDecision | null,
): { ok: true; verdict: ScreeningVerdict } | { ok: false; problem: DecisionProblem } {
  const askedIds = new Set(asked.map((q) => q.id));
  const unknown = [...answers.keys()].filter((id) => !askedIds.has(id));
  if (unknown.length > 0) return { ok: false, problem: { code: 'screening.unknown_question', questionIds: unknown } };
  const unanswered = asked.filter((q) => !answers.has(q.id)).map((q) => q.id);
  if (unanswered.length > 0) return { ok: false, problem: { code: 'screening.unanswered', questionIds: unanswered } };
  const yes = asked.filter((q) => answers.get(q.id) === true);
  const allergyHistory = yes.some((q) => q.allergy);
  const blockingQuestions = yes.filter((q) => q.yesNeedsDecision);
  const blocking = blockingQuestions.map((q) => q.id);
  if (consent === 'refused') return { ok: true, verdict: { outcome: 'refused', allergyHistory, blocking, notGivenReason: 'PATOBJ' } };
  if (blocking.length > 0 && decision === null) return { ok: false, problem: { code: 'screening.decision_required', questionIds: blocking } };
  const outcome = decision ?? 'go_on';
  if (outcome === 'go_on') return { ok: true, verdict: { outcome, allergyHistory, blocking, notGivenReason: null } };
  const becauseOfAllergy = outcome === 'do_not_vaccinate' && blockingQuestions.some((q) => q.allergy);
  return { ok: true, verdict: { outcome, allergyHistory, blocking, notGivenReason: becauseOfAllergy ? 'ALLERGY' : 'MEDPREC' } };
}
