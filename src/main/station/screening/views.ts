import type { QuestionView, ScreeningView } from '../../../shared/api/screening';
import type { ScreeningAnswerRow, ScreeningQuestionRow, ScreeningRow } from './screening-store';

export function questionView(q: ScreeningQuestionRow): QuestionView {
  return {
    id: q.id,
    family: q.family,
    version: q.version,
    productCode: q.product_code,
    position: q.position,
    text: { nl: q.text_nl, fr: q.text_fr, de: q.text_de, en: q.text_en },
    yesNeedsDecision: q.yes_needs_decision === 1,
    allergy: q.allergy === 1,
    status: q.status,
    createdAt: q.created_at,
    createdBy: q.created_by,
    retiredAt: q.retired_at,
  };
}

export function screeningView(s: ScreeningRow, answers: readonly ScreeningAnswerRow[], notGiven: ScreeningView['notGiven']): ScreeningView {
  return {
    id: s.id,
    ssin: s.ssin,
    productCodes: JSON.parse(s.product_codes) as string[],
    recordedAt: s.recorded_at,
    consent: s.consent,
    representativeName: s.representative_name,
    decision: s.decision,
    allergyHistory: s.allergy_history === 1,
    answers: answers.map((a) => ({ questionId: a.question_id, answer: a.answer === 1 })),
    notGiven,
  };
}
