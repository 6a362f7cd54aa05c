import type { z } from 'zod';
import type { QuestionInput, QuestionView, RecordScreeningArgs, ScreeningView } from '../../../shared/api/screening';
import type { NotGivenReason } from '../../../domain/booking/not-given';
import { DoseDeskError } from '../../../shared/errors';
import { decideScreening, questionsFor, type QuestionRule } from '../../../domain/screening/decision';
import { localDateOf } from '../../../domain/time/local-time';
import type { Language } from '../../../shared/i18n/languages';
import type { Db } from '../../adapters/sqlite/database';
import { newId } from '../base/ids';
import { activeQuestions, allQuestions, answersOf, findQuestion, findScreening, insertQuestion, insertScreening, retireQuestion, type ScreeningQuestionRow, type ScreeningRow } from './screening-store';
import { questionView, screeningView } from './views';

/** What screening needs from the visit's other slices, wired by the station root. */
export interface ScreeningDeps {
  /** The products this person is screened for today: the course's, else the invited ones. */
  productsOf(ssin: string, day: string): string[];
  /** Ends the visit as not vaccinated (booking.notGiven's record), in the caller's transaction. */
  notGiven(input: { ssin: string; person: z.output<typeof RecordScreeningArgs>['person']; productCode: string | null; reason: NotGivenReason; note: string | null; vaccinator: Vaccinator }): NonNullable<ScreeningView['notGiven']>;
}

export interface Vaccinator {
  nihdi: string;
  name: string;
}

type Input = z.output<typeof QuestionInput>;

const rule = (q: ScreeningQuestionRow): QuestionRule => ({ id: q.id, productCode: q.product_code, position: q.position, yesNeedsDecision: q.yes_needs_decision === 1, allergy: q.allergy === 1 });

export function listQuestions(db: Db, includeRetired: boolean): QuestionView[] {
  return (includeRetired ? allQuestions(db) : activeQuestions(db)).map(questionView);
}

/** The active questions to ask before these products, in order. */
function askedFor(db: Db, productCodes: readonly string[]): ScreeningQuestionRow[] {
  const active = activeQuestions(db);
  const byId = new Map(active.map((q) => [q.id, q]));
  return questionsFor(active.map(rule), productCodes).map((r) => byId.get(r.id)!);
}

/** The person's products (course, else invitation), else the vaccine planned at the booth. */
function productsFor(deps: ScreeningDeps, ssin: string, boothProduct: string | null, day: string): string[] {
  const known = deps.productsOf(ssin, day);
  return known.length > 0 || !boothProduct ? known : [boothProduct];
}

export function questionsForPerson(db: Db, deps: ScreeningDeps, ssin: string, boothProduct: string | null, now: Date): { productCodes: string[]; questions: QuestionView[] } {
  const productCodes = productsFor(deps, ssin, boothProduct, localDateOf(now));
  return { productCodes, questions: askedFor(db, productCodes).map(questionView) };
}

function insertVersion(db: Db, family: string, version: number, input: Input, by: string, now: Date, id: string = newId()): string {
  insertQuestion(db, {
    id,
    family,
    version,
    product_code: input.productCode ?? null,
    position: input.position,
    text_nl: input.text.nl,
    text_fr: input.text.fr,
    text_de: input.text.de,
    text_en: input.text.en,
    yes_needs_decision: input.yesNeedsDecision ? 1 : 0,
    allergy: input.allergy ? 1 : 0,
    created_at: now.toISOString(),
    created_by: by,
  });
  return id;
}

export function addQuestion(db: Db, input: Input, by: string, now: Date): QuestionView {
  const id = insertVersion(db, newId(), 1, input, by, now);
  return questionView(findQuestion(db, id)!);
}

function activeQuestion(db: Db, id: string): ScreeningQuestionRow {
  const q = findQuestion(db, id);
  if (!q) throw new DoseDeskError('screening.question_unknown', { id });
  if (q.status !== 'active') throw new DoseDeskError('screening.question_retired');
  return q;
}

/** A change is a new version of the question; the old one is retired, so earlier answers keep the text that was asked. */
export function changeQuestion(db: Db, id: string, input: Input, by: string, now: Date): QuestionView {
  const old = activeQuestion(db, id);
  const nextId = newId();
  retireQuestion(db, old.id, by, now.toISOString(), nextId);
  insertVersion(db, old.family, old.version + 1, input, by, now, nextId);
  return questionView(findQuestion(db, nextId)!);
}

export function retire(db: Db, id: string, by: string, now: Date): QuestionView {
  activeQuestion(db, id);
  retireQuestion(db, id, by, now.toISOString(), null);
  return questionView(findQuestion(db, id)!);
}

const NOTE_OF_DECISION = { refused: 'consent refused', postpone: 'postponed at screening', do_not_vaccinate: 'not vaccinated at screening' } as const;

/**
 * Records a screening: the answers to the questions of the person's products, the consent and the
 * decision, in the dispatcher's transaction (with its audit row). A refusal, a postponement or
 * "do not vaccinate" also writes the "not vaccinated" record with its status reason, in the same
 * transaction: both or neither.
 */
export function recordScreening(
  db: Db,
  deps: ScreeningDeps,
  input: z.output<typeof RecordScreeningArgs>,
  by: { vaccinator: Vaccinator; stationId: string; language: Language },
  now: Date,
): ScreeningView {
  const { vaccinator, stationId } = by;
  const day = localDateOf(now);
  const productCodes = productsFor(deps, input.ssin, input.productCode ?? null, day);
  const asked = askedFor(db, productCodes);
  const answers = new Map<string, boolean>();
  for (const a of input.answers) {
    if (answers.has(a.questionId)) throw new DoseDeskError('screening.answer_twice');
    answers.set(a.questionId, a.answer);
  }
  const decided = decideScreening(asked.map(rule), answers, input.consent.by, input.decision ?? null);
  if (!decided.ok) {
    const first = decided.problem.questionIds[0]!;
    throw new DoseDeskError(decided.problem.code, { question: questionText(db, first, by.language) ?? first, count: decided.problem.questionIds.length });
  }
  const { verdict } = decided;
  const note = input.note?.trim() || null;
  const notGiven =
    verdict.notGivenReason === null || verdict.outcome === 'go_on'
      ? null
      : deps.notGiven({ ssin: input.ssin, person: input.person ?? null, productCode: productCodes[0] ?? null, reason: verdict.notGivenReason, note: note ?? NOTE_OF_DECISION[verdict.outcome], vaccinator });
  const row: ScreeningRow = {
    id: newId(),
    ssin: input.ssin,
    product_codes: JSON.stringify(productCodes),
    station_id: stationId,
    local_date: day,
    recorded_at: now.toISOString(),
    staff_name: vaccinator.name,
    vaccinator_nihdi: vaccinator.nihdi,
    consent: input.consent.by,
    representative_name: input.consent.by === 'representative' ? input.consent.name : null,
    decision: verdict.outcome,
    allergy_history: verdict.allergyHistory ? 1 : 0,
    not_given_id: notGiven?.id ?? null,
    note,
  };
  insertScreening(db, row, [...answers].map(([questionId, answer]) => ({ questionId, answer })));
  return screeningView(row, answersOf(db, row.id), notGiven);
}

/** A question in the caller's language, for an error that names it. */
function questionText(db: Db, id: string, language: Language): string | null {
  const q = findQuestion(db, id);
  return q ? questionView(q).text[language] : null;
}

/**
 * The screening a dose is given after: this person's, of today, with the decision "go on" and
 * consent given. Anything else refuses the dose before anything is written.
 */
export function assertScreenedForDose(db: Db, screeningId: string, ssin: string, now: Date): { allergyHistory: boolean } {
  const s = findScreening(db, screeningId);
  if (!s) throw new DoseDeskError('screening.unknown', { id: screeningId });
  if (s.ssin !== ssin) throw new DoseDeskError('screening.other_person');
  if (s.local_date !== localDateOf(now)) throw new DoseDeskError('screening.not_today', { date: s.local_date });
  if (s.consent === 'refused') throw new DoseDeskError('screening.consent_refused');
  if (s.decision !== 'go_on') throw new DoseDeskError('screening.not_go_on');
  return { allergyHistory: s.allergy_history === 1 };
}
