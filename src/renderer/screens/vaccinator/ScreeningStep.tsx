import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { NotGivenView, PersonDetails } from '../../../shared/api/booking';
import type { QuestionView, ScreeningView } from '../../../shared/api/screening';
import type { Language } from '../../../shared/i18n/languages';
import type { ConsentKind, ScreeningDecision } from '../../../domain/screening/decision';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { STATION_SCANNER } from '../../scanner/config';

const CONSENTS: readonly ConsentKind[] = ['person', 'representative', 'refused'];
/** The safe choice first, so it is the one focused. */
const DECISION_ORDER: readonly ScreeningDecision[] = ['postpone', 'do_not_vaccinate', 'go_on'];

/**
 * Screening and consent before the vial: the questions of the person's vaccine(s), answered with
 * the keyboard (the language's yes/no letter, or the arrow keys; the next question follows), the
 * vaccinator's decision when a "yes" calls for one (the safe choice, postpone, takes the focus), and
 * the consent. The station records it and says whether the visit goes on to the vial or ends as
 * not vaccinated; this component keeps only what is being typed.
 */
export function ScreeningStep({
  ssin,
  person,
  productCode,
  onGoOn,
  onNotVaccinated,
  refocus,
  visitId,
}: {
  /** The open visit this screening belongs to (moved in the same call), once it is known. */
  visitId?: () => Promise<string | null | undefined>;
  ssin: string;
  /** Names from check-in for a person the station does not know yet. */
  person: z.infer<typeof PersonDetails> | null;
  /** The vaccine this person may receive here, for a person with neither invitation nor course. */
  productCode: string | null;
  onGoOn: (screening: ScreeningView) => void;
  onNotVaccinated: (record: z.infer<typeof NotGivenView>) => void;
  /** Changes after each scan: a scan that was not for this step gives the focus back to the next answer. */
  refocus: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const load = useAction(t);
  const action = useAction(t);
  const [questions, setQuestions] = useState<QuestionView[] | null>(null);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [decision, setDecision] = useState<ScreeningDecision | null>(null);
  const [consent, setConsent] = useState<ConsentKind | null>(null);
  const [representative, setRepresentative] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const firstOf = useRef<(HTMLInputElement | null)[]>([]);
  const postponeRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const recordRef = useRef<HTMLButtonElement>(null);

  // A letter that follows another character within the scanner's burst gap is part of a scan (a
  // vial code holds an O or a J), not an answer. Keys typed by a person come slower, or after an
  // answer key, Tab or Enter.
  const yesKey = t('ui.screening.key.yes').toUpperCase();
  const noKey = t('ui.screening.key.no').toUpperCase();
  const answerKeys = useRef([yesKey, noKey]);
  answerKeys.current = [yesKey, noKey];
  const inBurst = useRef(false);
  useEffect(() => {
    let last: { at: number; key: string } | null = null;
    const listener = (event: globalThis.KeyboardEvent) => {
      const gap = last ? event.timeStamp - last.at : Number.POSITIVE_INFINITY;
      inBurst.current = last !== null && gap >= 0 && gap < (STATION_SCANNER.maxGapMs ?? 0) && last.key.length === 1 && !answerKeys.current.includes(last.key.toUpperCase());
      last = { at: event.timeStamp, key: event.key };
    };
    window.addEventListener('keydown', listener, { capture: true });
    return () => window.removeEventListener('keydown', listener, { capture: true });
  }, []);

  useEffect(() => {
    void load.run(() => client['screening.questionsFor']({ ssin, productCode })).then((r) => {
      if (r) setQuestions(r.questions);
    });
  }, [ssin]);
  useEffect(() => {
    if (!questions) return;
    if (questions.length > 0) firstOf.current[0]?.focus();
    else consentRef.current?.focus();
  }, [questions]);

  useEffect(() => {
    if (!questions) return;
    const next = questions.findIndex((q) => answers[q.id] === undefined);
    if (next >= 0) firstOf.current[next]?.focus();
    else consentRef.current?.focus();
  }, [refocus]);

  const list = questions ?? [];
  const blocking = list.filter((q) => q.yesNeedsDecision && answers[q.id] === true);
  const needsDecision = blocking.length > 0 && consent !== 'refused';

  /** After an answer by key, the next question; after the last, the decision (safe choice first) or the consent. */
  const focusAfter = (index: number, nowBlocking: boolean) => {
    const next = firstOf.current[index + 1];
    if (next) next.focus();
    else if (nowBlocking) setTimeout(() => postponeRef.current?.focus(), 0);
    else consentRef.current?.focus();
  };

  const answer = (q: QuestionView, index: number, yes: boolean, move: boolean) => {
    const next = { ...answers, [q.id]: yes };
    setAnswers(next);
    setProblem(null);
    if (move) focusAfter(index, list.some((x) => x.yesNeedsDecision && next[x.id] === true));
  };

  const onQuestionKey = (q: QuestionView, index: number) => (event: KeyboardEvent) => {
    const key = event.key.toUpperCase();
    if (inBurst.current || (key !== yesKey && key !== noKey)) return;
    event.preventDefault();
    answer(q, index, key === yesKey, true);
  };

  const record = async () => {
    const unanswered = list.some((q) => answers[q.id] === undefined);
    if (unanswered || !consent || (consent === 'representative' && representative.trim().length < 2) || (needsDecision && !decision)) {
      setProblem(t('ui.screening.answerAll'));
      return;
    }
    setProblem(null);
    const visit = (await visitId?.()) ?? null;
    const r = await action.run(() =>
      client['screening.record']({
        ...(visit ? { visitId: visit } : {}),
        ssin,
        ...(person ? { person } : {}),
        productCode,
        answers: list.map((q) => ({ questionId: q.id, answer: answers[q.id]! })),
        consent: consent === 'representative' ? { by: 'representative', name: representative.trim() } : { by: consent },
        decision: needsDecision ? decision : null,
        note: note.trim() || null,
      }),
    );
    if (!r) return;
    if (r.notGiven) onNotVaccinated(r.notGiven);
    else onGoOn(r);
  };

  // Enter records from any answer or field (a button and the note keep their own Enter).
  const onStepKey = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    void record();
  };

  return (
    <div className="screening-step" data-testid="screening-step" onKeyDown={onStepKey}>
      <h2>{t('ui.screening.heading')}</h2>
      {questions === null ? <p>{load.error ? null : t('ui.screening.loading')}</p> : null}
      <ErrorNotice error={load.error} testId="screening-load-error" />
      {questions && questions.length === 0 ? <p>{t('ui.screening.none')}</p> : null}
      {list.length > 0 ? <p className="hint">{t('ui.screening.keysHint')}</p> : null}
      {list.map((q, index) => (
        <fieldset key={q.id} onKeyDown={onQuestionKey(q, index)} data-testid={`screening-q-${q.family}`}>
          <legend>{q.text[lang] ?? q.text.en}</legend>
          {q.yesNeedsDecision ? <p className="hint">{t('ui.screening.needsDecision')}</p> : null}
          <label className="radio">
            <input
              ref={(el) => {
                firstOf.current[index] = el;
              }}
              type="radio"
              name={`screening-${q.id}`}
              checked={answers[q.id] === true}
              onChange={() => answer(q, index, true, false)}
            />
            {t('ui.screening.yes')}
          </label>
          <label className="radio">
            <input type="radio" name={`screening-${q.id}`} checked={answers[q.id] === false} onChange={() => answer(q, index, false, false)} />
            {t('ui.screening.no')}
          </label>
        </fieldset>
      ))}
      {needsDecision ? (
        <fieldset data-testid="screening-decision">
          <legend>{t('ui.screening.decision')}</legend>
          {DECISION_ORDER.map((d) => (
            <label key={d} className="radio">
              <input ref={d === 'postpone' ? postponeRef : undefined} type="radio" name="screening-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {t(`ui.screening.decision.${d}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset data-testid="screening-consent">
        <legend>{t('ui.screening.consent')}</legend>
        {CONSENTS.map((c) => (
          <label key={c} className="radio">
            <input ref={c === 'person' ? consentRef : undefined} type="radio" name="screening-consent" value={c} checked={consent === c} onChange={() => setConsent(c)} />
            {t(`ui.screening.consent.${c}`)}
          </label>
        ))}
        {consent === 'representative' ? (
          <div className="field">
            <label htmlFor="screening-representative">{t('ui.screening.representativeName')}</label>
            <input id="screening-representative" value={representative} maxLength={200} autoComplete="off" onChange={(e) => setRepresentative(e.target.value)} />
          </div>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="screening-note">{t('ui.screening.note')}</label>
        <textarea id="screening-note" value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button ref={recordRef} type="button" className="primary big" onClick={() => void record()} disabled={action.busy || questions === null} data-testid="screening-record">
          {action.busy ? t('ui.busy') : t('ui.screening.record')}
        </button>
      </div>
      {problem ? (
        <Notice kind="warn" testId="screening-problem">
          {problem}
        </Notice>
      ) : null}
      <ErrorNotice error={action.error} testId="screening-error" />
    </div>
  );
}
