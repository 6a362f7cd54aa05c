import { describe, expect, it } from 'vitest';
import { decideScreening, questionsFor, type QuestionRule } from '../../../../src/domain/screening/decision';

const q = (id: string, extra: Partial<QuestionRule> = {}): QuestionRule => ({ id, productCode: null, position: 10, yesNeedsDecision: true, allergy: false, ...extra });
const FEVER = q('fever', { position: 10 });
const ALLERGY = q('allergy', { position: 20, allergy: true });
const BLOOD = q('anticoagulants', { position: 30, yesNeedsDecision: false });
const ASKED = [FEVER, ALLERGY, BLOOD];
const answers = (yes: string[] = [], of: QuestionRule[] = ASKED) => new Map(of.map((x) => [x.id, yes.includes(x.id)]));

describe('questions per product', () => {
  it('asks the general questions and those of the person’s products, in order, general first on a tie', () => {
    const all = [q('spike', { productCode: 'spikevax', position: 5 }), q('comi', { productCode: 'comirnaty', position: 20 }), ALLERGY, FEVER, BLOOD];
    expect(questionsFor(all, ['comirnaty']).map((x) => x.id)).toEqual(['fever', 'allergy', 'comi', 'anticoagulants']);
    expect(questionsFor(all, ['spikevax', 'comirnaty']).map((x) => x.id)).toEqual(['spike', 'fever', 'allergy', 'comi', 'anticoagulants']);
    expect(questionsFor(all, []).map((x) => x.id)).toEqual(['fever', 'allergy', 'anticoagulants']);
  });
});

describe('the decision of a screening', () => {
  it('goes on when no answer calls for a decision; a "yes" that needs none does not stop the visit', () => {
    expect(decideScreening(ASKED, answers(['anticoagulants']), 'person', null)).toEqual({ ok: true, verdict: { outcome: 'go_on', allergyHistory: false, blocking: [], notGivenReason: null } });
  });

  it('needs every question answered, and no answer to a question not asked', () => {
    expect(decideScreening(ASKED, answers([], [FEVER, ALLERGY]), 'person', null)).toEqual({ ok: false, problem: { code: 'screening.unanswered', questionIds: ['anticoagulants'] } });
    const extra = answers();
    extra.set('retired-one', false);
    expect(decideScreening(ASKED, extra, 'person', null)).toEqual({ ok: false, problem: { code: 'screening.unknown_question', questionIds: ['retired-one'] } });
  });

  it('refuses a blocking "yes" without the vaccinator’s explicit decision', () => {
    expect(decideScreening(ASKED, answers(['fever']), 'person', null)).toEqual({ ok: false, problem: { code: 'screening.decision_required', questionIds: ['fever'] } });
  });

  it('maps the decisions to BeVaccination status reasons: postpone → MEDPREC, do not vaccinate → ALLERGY after an allergic history, else MEDPREC', () => {
    const verdict = (yes: string[], decision: 'go_on' | 'postpone' | 'do_not_vaccinate') => {
      const r = decideScreening(ASKED, answers(yes), 'representative', decision);
      return r.ok ? [r.verdict.outcome, r.verdict.notGivenReason, r.verdict.allergyHistory] : r.problem.code;
    };
    expect(verdict(['fever'], 'postpone')).toEqual(['postpone', 'MEDPREC', false]);
    expect(verdict(['fever'], 'do_not_vaccinate')).toEqual(['do_not_vaccinate', 'MEDPREC', false]);
    expect(verdict(['allergy'], 'do_not_vaccinate')).toEqual(['do_not_vaccinate', 'ALLERGY', true]);
    expect(verdict(['allergy'], 'go_on')).toEqual(['go_on', null, true]);
    // A vaccinator may postpone even when nothing called for a decision.
    expect(verdict([], 'postpone')).toEqual(['postpone', 'MEDPREC', false]);
  });

  it('ends the visit as a refusal (PATOBJ) when consent is refused, whatever the answers', () => {
    const r = decideScreening(ASKED, answers(['fever']), 'refused', null);
    expect(r).toEqual({ ok: true, verdict: { outcome: 'refused', allergyHistory: false, blocking: ['fever'], notGivenReason: 'PATOBJ' } });
  });
});
