import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDateTime } from '../../i18n/setup';

/** Citizen messages: what waits, and the ones that may have gone (or were refused) for the supervisor to settle. */
export function MessagesPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const { data, error, reload } = usePolling(async () => ({ status: await client['messages.status']({}), list: await client['messages.list']({ limit: 50 }) }), 15_000, [client]);
  const run = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) reload();
  };
  const status = data?.status;
  return (
    <section aria-labelledby="messages-heading" data-testid="messages-panel">
      <h1 id="messages-heading">{t('messages.ui.heading')}</h1>
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {status ? (
        <Notice kind={status.uncertain + status.failed > 0 ? 'warn' : 'ok'} testId="messages-counts">
          {status.channels.length === 0 ? t('messages.ui.none_configured') : status.channels.map((c) => t(`messages.channel.${c}`)).join(', ')}
          {' — '}
          {t('messages.ui.counts', { waiting: status.waiting, sent: status.sent, uncertain: status.uncertain, failed: status.failed })}
        </Notice>
      ) : null}
      <ErrorNotice error={action.error} />
      <table className="data-table">
        <caption>{t('messages.ui.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('messages.ui.time')}</th>
            <th scope="col">{t('messages.ui.recipient')}</th>
            <th scope="col">{t('messages.ui.state')}</th>
            <th scope="col">{t('messages.ui.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.list ?? []).map((m) => (
            <tr key={m.id} data-testid="message-row" data-state={m.state}>
              <td>{formatDateTime(m.createdAt, lang, 'time')}</td>
              <td>
                {t(`messages.channel.${m.channel}`)} · {m.recipient} · {t(`messages.ui.kind.${m.kind}`)}
              </td>
              <td>
                {t(`messages.state.${m.state}`)}
                {m.resolution ? ` — ${t(`messages.ui.resolution.${m.resolution}`)}` : ''}
                {m.problem && m.state !== 'sent' ? ` — ${t(m.problem, { detail: m.problemDetail ?? '' })}` : ''}
              </td>
              <td className="cell-actions">
                {(m.state === 'uncertain' || m.state === 'failed') && !m.resolution ? (
                  <div>
                    {m.state === 'uncertain' ? (
                      <button type="button" onClick={() => void run(() => client['messages.resolve']({ messageId: m.id, action: 'confirm' }))} disabled={action.busy}>
                        {t('messages.ui.confirm')}
                      </button>
                    ) : null}
                    <button type="button" onClick={() => void run(() => client['messages.resolve']({ messageId: m.id, action: 'resend' }))} disabled={action.busy}>
                      {t('messages.ui.resend')}
                    </button>
                    <button type="button" onClick={() => void run(() => client['messages.resolve']({ messageId: m.id, action: 'drop' }))} disabled={action.busy}>
                      {t('messages.ui.drop')}
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
