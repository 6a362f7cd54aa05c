import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ObservationView } from '../../../shared/api/observation';
import { MANIFESTATION_KEYS, REACTION_ACTIONS, SEVERITY_KEYS, needsText, type Manifestation, type ReactionAction, type Severity } from '../../../domain/observation/manifestations';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { formatClock } from '../../i18n/format';

type View = z.infer<typeof ObservationView>;

/** Read again every 15 s: the minutes left come from the station clock, not the screen's. */
const REFRESH_MS = 15_000;

/**
 * The watch after the dose just given: minutes left by the station clock, the allergic-history
 * answer (30 minutes), a short keyboard-first reaction form, and release (a reason before the end).
 */
export function ObservationPanel({ doseId }: { doseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const polled = usePolling(() => client['observation.ofDose']({ doseId }), REFRESH_MS, [client, doseId]);
  const [latest, setLatest] = useState<View | null>(null);
  const [form, setForm] = useState<'reaction' | 'release' | null>(null);
  useEffect(() => setLatest(polled.data), [polled.data]);
  const o = latest;
  if (!o) return polled.error ? <ErrorNotice error={errorText(polled.error, t)} /> : null;

  const changed = (next: View | undefined) => {
    if (!next) return;
    setLatest(next);
    setForm(null);
  };
  const setAllergy = async (allergyHistory: boolean) => changed(await action.run(() => client['observation.setAllergyHistory']({ id: o.id, allergyHistory })));

  return (
    <section className="observation" aria-labelledby="observation-heading" data-testid="observation-panel">
      <h3 id="observation-heading">{t('ui.observation.heading')}</h3>
      <p data-testid="observation-time" role="status">
        {o.released
          ? t('ui.observation.released', { name: o.displayName, time: formatClock(o.released.at, lang) })
          : o.overdue
            ? t('ui.observation.overdue', { name: o.displayName, time: formatClock(o.endsAt, lang) })
            : t('ui.observation.timeLeft', { name: o.displayName, minutes: o.minutesLeft, time: formatClock(o.endsAt, lang) })}
      </p>
      {!o.released ? (
        <label className="checkbox">
          <input type="checkbox" checked={o.allergyHistory} onChange={(e) => void setAllergy(e.target.checked)} disabled={action.busy} data-testid="observation-allergy" />
          {t('ui.observation.allergy')}
        </label>
      ) : null}
      <ReactionList reactions={o.reactions} lang={lang} />
      {form === 'reaction' ? (
        <ReactionForm observationId={o.id} onDone={changed} onCancel={() => setForm(null)} />
      ) : form === 'release' ? (
        <ReleaseForm observation={o} onDone={changed} onCancel={() => setForm(null)} />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setForm('reaction')} data-testid="observation-reaction-open">
            {t('ui.observation.reactionOpen')}
          </button>
          {!o.released ? (
            <button type="button" onClick={() => setForm('release')} data-testid="observation-release-open">
              {t('ui.observation.release')}
            </button>
          ) : null}
        </div>
      )}
      <ErrorNotice error={action.error} />
    </section>
  );
}

function ReactionList({ reactions, lang }: { reactions: View['reactions']; lang: Language }) {
  const { t } = useTranslation();
  if (reactions.length === 0) return null;
  return (
    <ul className="plain-list" data-testid="observation-reactions">
      {reactions.map((r) => (
        <li key={r.id} className={r.status === 'voided' ? 'voided' : undefined}>
          {t('ui.observation.reactionItem', {
            time: formatClock(r.at, lang),
            manifestation: r.text || t(`observation.manifestation.${r.manifestation}`),
            severity: t(`observation.severity.${r.severity}`),
            action: t(`observation.action.${r.action}`),
          })}
          {r.status === 'voided' ? ` (${t('ui.observation.voided')})` : ''}
        </li>
      ))}
    </ul>
  );
}

/** A reaction in a few keys: the first field has the focus, Enter records it. */
function ReactionForm({ observationId, onDone, onCancel }: { observationId: string; onDone: (v: View | undefined) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const first = useRef<HTMLSelectElement>(null);
  const [manifestation, setManifestation] = useState<Manifestation>('urticaria');
  const [severity, setSeverity] = useState<Severity>('mild');
  const [act, setAct] = useState<ReactionAction>('none');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => first.current?.focus(), []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onDone(await action.run(() => client['observation.reaction']({ observationId, manifestation, severity, action: act, ...(text.trim() ? { text: text.trim() } : {}), note: note.trim() || null })));
  };
  return (
    <form className="undo-panel" onSubmit={(e) => void submit(e)} data-testid="reaction-form" aria-labelledby="reaction-heading">
      <h4 id="reaction-heading">{t('ui.observation.reactionHeading')}</h4>
      <div className="field">
        <label htmlFor="reaction-manifestation">{t('ui.observation.manifestation')}</label>
        <select id="reaction-manifestation" ref={first} value={manifestation} onChange={(e) => setManifestation(e.target.value as Manifestation)} data-testid="reaction-manifestation">
          {MANIFESTATION_KEYS.map((m) => (
            <option key={m} value={m}>
              {t(`observation.manifestation.${m}`)}
            </option>
          ))}
        </select>
      </div>
      {needsText(manifestation) ? (
        <div className="field">
          <label htmlFor="reaction-text">{t('ui.observation.text')}</label>
          <input id="reaction-text" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </div>
      ) : null}
      <fieldset>
        <legend>{t('ui.observation.severity')}</legend>
        {SEVERITY_KEYS.map((s) => (
          <label key={s} className="radio">
            <input type="radio" name="reaction-severity" value={s} checked={severity === s} onChange={() => setSeverity(s)} data-testid={`reaction-severity-${s}`} />
            {t(`observation.severity.${s}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="reaction-action">{t('ui.observation.action')}</label>
        <select id="reaction-action" value={act} onChange={(e) => setAct(e.target.value as ReactionAction)} data-testid="reaction-action">
          {REACTION_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`observation.action.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reaction-note">{t('ui.observation.note')}</label>
        <input id="reaction-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy} data-testid="reaction-save">
          {t('ui.observation.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.observation.cancel')}
        </button>
      </div>
      <ErrorNotice error={action.error} testId="reaction-error" />
    </form>
  );
}

/** Release: at once when the time is over; before, with the reason the station requires. */
export function ReleaseForm({ observation, onDone, onCancel }: { observation: View; onDone: (v: View | undefined) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [reason, setReason] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => (observation.overdue ? confirm.current : field.current)?.focus(), [observation.overdue]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onDone(await action.run(() => client['observation.release']({ id: observation.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })));
  };
  const id = `release-reason-${observation.id}`;
  return (
    <form className="undo-panel" onSubmit={(e) => void submit(e)} data-testid="release-form">
      {!observation.overdue ? (
        <div className="field">
          <label htmlFor={id}>{t('ui.observation.releaseReason')}</label>
          <input id={id} ref={field} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="release-reason" />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" ref={confirm} className="primary" disabled={action.busy} data-testid="release-confirm">
          {t('ui.observation.releaseConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.observation.cancel')}
        </button>
      </div>
      <ErrorNotice error={action.error} testId="release-error" />
    </form>
  );
}
