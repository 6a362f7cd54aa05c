/** SQL of the screening questions, the screenings and their answers: the only place that touches these tables. */
import type { Db } from '../../adapters/sqlite/database';

export interface ScreeningQuestionRow {
  id: string;
  family: string;
  version: number;
  product_code: string | null;
  position: number;
  text_nl: string;
  text_fr: string;
  text_de: string;
  text_en: string;
  yes_needs_decision: 0 | 1;
  allergy: 0 | 1;
  status: 'active' | 'retired';
  created_at: string;
  created_by: string;
  retired_at: string | null;
  retired_by: string | null;
  replaced_by: string | null;
}

export interface ScreeningRow {
  id: string;
  ssin: string;
  /** JSON array of the product codes screened for. */
  product_codes: string;
  station_id: string;
  local_date: string;
  recorded_at: string;
  staff_name: string;
  vaccinator_nihdi: string;
  consent: 'person' | 'representative' | 'refused';
  representative_name: string | null;
  decision: 'go_on' | 'postpone' | 'do_not_vaccinate' | 'refused';
  allergy_history: 0 | 1;
  not_given_id: string | null;
  note: string | null;
}

export interface ScreeningAnswerRow {
  screening_id: string;
  question_id: string;
  answer: 0 | 1;
}

export type NewQuestion = Omit<ScreeningQuestionRow, 'status' | 'retired_at' | 'retired_by' | 'replaced_by'>;

export function insertQuestion(db: Db, q: NewQuestion): void {
  db.prepare(
    `INSERT INTO screening_questions (id, family, version, product_code, position, text_nl, text_fr, text_de, text_en, yes_needs_decision, allergy, status, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
  ).run(q.id, q.family, q.version, q.product_code, q.position, q.text_nl, q.text_fr, q.text_de, q.text_en, q.yes_needs_decision, q.allergy, q.created_at, q.created_by);
}

export function findQuestion(db: Db, id: string): ScreeningQuestionRow | undefined {
  return db.prepare('SELECT * FROM screening_questions WHERE id = ?').get(id) as ScreeningQuestionRow | undefined;
}

export function activeQuestions(db: Db): ScreeningQuestionRow[] {
  return db.prepare(`SELECT * FROM screening_questions WHERE status = 'active' ORDER BY position, id`).all() as ScreeningQuestionRow[];
}

/** Every version: active ones first by position, then retired ones, each question's newest version first. */
export function allQuestions(db: Db): ScreeningQuestionRow[] {
  return db.prepare(`SELECT * FROM screening_questions ORDER BY status = 'retired', position, family, version DESC`).all() as ScreeningQuestionRow[];
}

/** Retires an active version; false when it was retired already. */
export function retireQuestion(db: Db, id: string, by: string, at: string, replacedBy: string | null): boolean {
  return (
    db.prepare(`UPDATE screening_questions SET status = 'retired', retired_at = ?, retired_by = ?, replaced_by = ? WHERE id = ? AND status = 'active'`).run(at, by, replacedBy, id).changes > 0
  );
}

export function insertScreening(db: Db, s: ScreeningRow, answers: readonly { questionId: string; answer: boolean }[]): void {
  db.prepare(
    `INSERT INTO screenings (id, ssin, product_codes, station_id, local_date, recorded_at, staff_name, vaccinator_nihdi, consent, representative_name, decision, allergy_history, not_given_id, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.id, s.ssin, s.product_codes, s.station_id, s.local_date, s.recorded_at, s.staff_name, s.vaccinator_nihdi, s.consent, s.representative_name, s.decision, s.allergy_history, s.not_given_id, s.note);
  const answer = db.prepare('INSERT INTO screening_answers (screening_id, question_id, answer) VALUES (?, ?, ?)');
  for (const a of answers) answer.run(s.id, a.questionId, a.answer ? 1 : 0);
}

export function findScreening(db: Db, id: string): ScreeningRow | undefined {
  return db.prepare('SELECT * FROM screenings WHERE id = ?').get(id) as ScreeningRow | undefined;
}

export function answersOf(db: Db, screeningId: string): ScreeningAnswerRow[] {
  return db
    .prepare('SELECT a.* FROM screening_answers a JOIN screening_questions q ON q.id = a.question_id WHERE a.screening_id = ? ORDER BY q.position, q.id')
    .all(screeningId) as ScreeningAnswerRow[];
}
