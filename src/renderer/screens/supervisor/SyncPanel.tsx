import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { formatAge } from '../../i18n/format';
import { formatDateTime } from '../../i18n/setup';

/** Sync with the federal backend: mode, waiting records, "sync now", and the review list per person. */
export function SyncPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const status = usePolling(() => client['sync.status']({}), 5000, [client]);
  // The review list names people: read when the panel opens, after each decision and after "sync now".
  const review = usePolling(() => client['sync.review']({}), 0, [client]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const s = status.data;

  const resolve = async (id: string, act: 'retry' | 'dismiss') => {
    const reason = (reasons[id] ?? '').trim();
    if (await action.run(() => client['sync.resolveReview']({ id, action: act, reason }))) {
      review.reload();
      status.reload();
    }
  };
  const now = async () => {
    if (await action.run(() => client['sync.now']({}))) {
      status.reload();
      review.reload();
    }
  };

  return (
    <section aria-labelledby="sync-heading" data-testid="sync-panel">
      <h1 id="sync-heading">{t('ui.sync.heading')}</h1>
      <ErrorNotice error={status.error ? errorText(status.error, t) : null} />
      {s ? (
        <dl className="facts">
          <div className="fact">
            <dt>{t('ui.sync.mode')}</dt>
            <dd data-testid="sync-state">
              {s.mode === 'offline' && s.offlineSince ? t('status.mode.offline_since', { time: formatDateTime(s.offlineSince, lang, 'time') }) : t(`status.mode.${s.mode}`)}
              {!s.configured ? ` — ${t('ui.sync.notConfigured')}` : ''}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ui.sync.waiting')}</dt>
            <dd data-testid="sync-waiting">
              {s.waiting}
              {s.oldestAgeSeconds !== null && s.waiting > 0 ? ` · ${t('status.oldest', { age: formatAge(s.oldestAgeSeconds) })}` : ''}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ui.sync.lastSuccess')}</dt>
            <dd>{s.lastSuccessAt ? formatDateTime(s.lastSuccessAt, lang) : '—'}</dd>
          </div>
          <div className="fact">
            <dt>{t('ui.sync.review')}</dt>
            <dd>{s.needsReview}</dd>
          </div>
        </dl>
      ) : null}
      {s?.lastError ? <p className="hint">{t('ui.sync.lastError', { error: s.lastError })}</p> : null}
      <button type="button" onClick={() => void now()} disabled={action.busy} data-testid="sync-now">
        {t('ui.sync.now')}
      </button>
      <ErrorNotice error={action.error} />

      <h2>{t('ui.sync.reviewHeading')}</h2>
      <ErrorNotice error={review.error ? errorText(review.error, t) : null} />
      {review.data && review.data.persons.length === 0 ? <p data-testid="review-empty">{t('ui.sync.reviewEmpty')}</p> : null}
      {(review.data?.persons ?? []).map((p) => (
        <article key={p.personKey} className="review-person" aria-labelledby={`review-${p.personKey}`}>
          <h3 id={`review-${p.personKey}`}>{p.personLabel}</h3>
          <ul className="plain-list">
            {p.items.map((item) => (
              <li key={item.id} className="review-item">
                <p>
                  <strong>{t(item.messageKey)}</strong>
                </p>
                <p className="hint">
                  {item.recordType} · {formatDateTime(item.createdAt, lang)} · {item.reason}
                </p>
                <div className="field">
                  <label htmlFor={`reason-${item.id}`}>{t('ui.sync.reason')}</label>
                  <input id={`reason-${item.id}`} value={reasons[item.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [item.id]: e.target.value })} />
                </div>
                <div className="actions">
                  {item.retryable ? (
                    <button type="button" onClick={() => void resolve(item.id, 'retry')} disabled={(reasons[item.id] ?? '').trim().length < 3}>
                      {t('ui.sync.retry')}
                    </button>
                  ) : null}
                  <button type="button" onClick={() => void resolve(item.id, 'dismiss')} disabled={(reasons[item.id] ?? '').trim().length < 3}>
                    {t('ui.sync.dismiss')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
