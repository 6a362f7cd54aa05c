import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionView } from '../../../shared/api/screening';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';

/** Each language named in itself, as on the language switch. */
const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

interface Draft {
  text: Record<Language, string>;
  productCode: string;
  position: string;
  yesNeedsDecision: boolean;
  allergy: boolean;
}

const draftOf = (q: QuestionView | null, nextPosition: number): Draft => ({
  text: q ? { ...q.text } : { nl: '', fr: '', de: '', en: '' },
  productCode: q?.productCode ?? '',
  position: String(q?.position ?? nextPosition),
  yesNeedsDecision: q?.yesNeedsDecision ?? true,
  allergy: q?.allergy ?? false,
});

/** A new question, or a change of one (saved as its new version). */
function QuestionForm({ question, nextPosition, onDone }: { question: QuestionView | null; nextPosition: number; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const products = useProducts();
  const action = useAction(t);
  const [draft, setDraft] = useState<Draft>(() => draftOf(question, nextPosition));
  const [problem, setProblem] = useState<string | null>(null);
  const id = question ? `screening-edit-${question.id}` : 'screening-new';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const position = /^\d{1,4}$/.test(draft.position.trim()) ? Number(draft.position.trim()) : null;
    if (position === null || LANGUAGES.some((l) => draft.text[l].trim().length < 3)) return setProblem(t('ui.screeningAdmin.invalid'));
    setProblem(null);
    const input = {
      productCode: draft.productCode || null,
      position,
      text: { nl: draft.text.nl.trim(), fr: draft.text.fr.trim(), de: draft.text.de.trim(), en: draft.text.en.trim() },
      yesNeedsDecision: draft.yesNeedsDecision,
      allergy: draft.allergy,
    };
    const saved = await action.run(() => (question ? client['screening.change']({ ...input, id: question.id }) : client['screening.add'](input)));
    if (saved) onDone(true);
  };

  return (
    <form onSubmit={(e) => void save(e)} data-testid="screening-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{question ? t('ui.screeningAdmin.edit') : t('ui.screeningAdmin.add')}</h2>
      {LANGUAGES.map((l) => (
        <div className="field" key={l}>
          <label htmlFor={`${id}-text-${l}`}>{t('ui.screeningAdmin.text', { language: LANGUAGE_NAMES[l] })}</label>
          <input id={`${id}-text-${l}`} lang={l} value={draft.text[l]} maxLength={300} autoComplete="off" onChange={(e) => setDraft({ ...draft, text: { ...draft.text, [l]: e.target.value } })} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={`${id}-product`}>{t('ui.screeningAdmin.product')}</label>
        <select id={`${id}-product`} value={draft.productCode} onChange={(e) => setDraft({ ...draft, productCode: e.target.value })}>
          <option value="">{t('ui.screeningAdmin.allProducts')}</option>
          {products.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-position`}>{t('ui.screeningAdmin.position')}</label>
        <input id={`${id}-position`} inputMode="numeric" size={6} value={draft.position} autoComplete="off" onChange={(e) => setDraft({ ...draft, position: e.target.value })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.yesNeedsDecision} onChange={(e) => setDraft({ ...draft, yesNeedsDecision: e.target.checked })} />
        {t('ui.screeningAdmin.needsDecision')}
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.allergy} onChange={(e) => setDraft({ ...draft, allergy: e.target.checked })} />
        {t('ui.screeningAdmin.allergy')}
      </label>
      <div className="actions">
        <button type="submit" disabled={action.busy} data-testid="screening-save">
          {action.busy ? t('ui.busy') : t('ui.screeningAdmin.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('ui.screeningAdmin.cancel')}
        </button>
      </div>
      {problem ? <Notice kind="warn">{problem}</Notice> : null}
      <ErrorNotice error={action.error} testId="screening-form-error" />
    </form>
  );
}

/** The screening questions the vaccinators ask before the vial: listed, added, changed (a new version) and retired by a supervisor. */
export function ScreeningPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const list = usePolling(() => client['screening.list']({}), 60_000, [client]);
  const retireAction = useAction(t);
  const [editing, setEditing] = useState<QuestionView | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const questions = list.data ?? [];
  const nextPosition = Math.max(0, ...questions.map((q) => q.position)) + 10;

  const retire = async (q: QuestionView) => {
    const r = await retireAction.run(() => client['screening.retire']({ id: q.id }));
    if (!r) return;
    setDone(t('ui.screeningAdmin.retired'));
    list.reload();
  };

  return (
    <section aria-labelledby="screening-admin-heading" data-testid="screening-admin">
      <h1 id="screening-admin-heading">{t('ui.screeningAdmin.heading')}</h1>
      <p>{t('ui.screeningAdmin.intro')}</p>
      <ErrorNotice error={list.error ? errorText(list.error, t) : null} />
      {list.data && questions.length === 0 ? <p>{t('ui.screeningAdmin.empty')}</p> : null}
      {questions.length > 0 ? (
        <table className="data-table" data-testid="screening-table">
          <thead>
            <tr>
              <th scope="col">{t('ui.screeningAdmin.col.position')}</th>
              <th scope="col">{t('ui.screeningAdmin.col.question')}</th>
              <th scope="col">{t('ui.screeningAdmin.col.product')}</th>
              <th scope="col">{t('ui.screeningAdmin.col.flags')}</th>
              <th scope="col">{t('ui.screeningAdmin.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.id} data-testid="screening-row">
                <td>{q.position}</td>
                <td>{q.text[lang] ?? q.text.en}</td>
                <td>{q.productCode ? productName(products, q.productCode) : t('ui.screeningAdmin.allProducts')}</td>
                <td>{[q.yesNeedsDecision ? t('ui.screeningAdmin.flag.decision') : t('ui.screeningAdmin.flag.none'), ...(q.allergy ? [t('ui.screeningAdmin.flag.allergy')] : [])].join(', ')}</td>
                <td>
                  <div className="actions">
                    <button type="button" onClick={() => setEditing(q)} aria-label={`${t('ui.screeningAdmin.edit')}: ${q.text[lang] ?? q.text.en}`}>
                      {t('ui.screeningAdmin.edit')}
                    </button>
                    <button type="button" onClick={() => void retire(q)} disabled={retireAction.busy} aria-label={`${t('ui.screeningAdmin.retire')}: ${q.text[lang] ?? q.text.en}`}>
                      {t('ui.screeningAdmin.retire')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ErrorNotice error={retireAction.error} testId="screening-retire-error" />
      {done ? <Notice kind="ok">{done}</Notice> : null}
      {editing ? (
        <QuestionForm
          key={editing === 'new' ? 'new' : editing.id}
          question={editing === 'new' ? null : editing}
          nextPosition={nextPosition}
          onDone={(saved) => {
            setEditing(null);
            if (!saved) return;
            setDone(t('ui.screeningAdmin.saved'));
            list.reload();
          }}
        />
      ) : (
        <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="screening-add">
          {t('ui.screeningAdmin.add')}
        </button>
      )}
    </section>
  );
}
