import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDateTime } from '../../i18n/setup';

/** The card printer: its state and what to do, recent jobs with Reprint / Confirm, and a test page. */
export function PrintersPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  // An audited read: refreshed when the printer reports a change, on actions, and every 30 s.
  const { data, error, reload } = usePolling(() => client['printing.jobs']({ limit: 30 }), 30_000, [client]);
  useEffect(() => client.on('printing.state', () => reload()), [client, reload]);
  const printer = data?.printer;

  const run = async (work: () => Promise<unknown>) => {
    if (await action.run(work)) reload();
  };

  return (
    <section aria-labelledby="printers-heading" data-testid="printers-panel">
      <h1 id="printers-heading">{t('ui.printers.heading')}</h1>
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {printer ? (
        <Notice kind={printer.state === 'ready' || printer.state === 'busy' ? 'ok' : 'warn'} testId="printer-info">
          <strong>{t(printer.stateKey)}</strong> — {t(printer.helpKey)}
          {printer.paperNearEnd ? ` ${t('printing.help.paper_near_end')}` : ''}
          {printer.uncertain > 0 ? ` ${t('printing.help.uncertain', { count: printer.uncertain })}` : ''}
        </Notice>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void run(() => client['printing.testPage']({ language: lang }))} disabled={action.busy} data-testid="test-page">
          {t('ui.printers.testPage')}
        </button>
      </div>
      <ErrorNotice error={action.error} />
      <table className="data-table">
        <caption>{t('ui.printers.jobs')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.printers.time')}</th>
            <th scope="col">{t('ui.printers.card')}</th>
            <th scope="col">{t('ui.printers.state')}</th>
            <th scope="col">{t('ui.printers.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.jobs ?? []).map((job) => (
            <tr key={job.id} data-testid="print-job" data-state={job.state}>
              <td>{formatDateTime(job.createdAt, lang, 'time')}</td>
              <td>
                {job.kind === 'test' ? t('ui.printers.test') : job.citizenName}
                {job.isCopy ? ` (${t('ui.printers.copy')})` : ''}
              </td>
              <td>
                {t(`ui.print.job.${job.state}`)}
                {job.resolution ? ` — ${t(`ui.printers.resolution.${job.resolution}`)}` : ''}
                {job.problem ? ` — ${t(job.problem)}` : ''}
              </td>
              <td className="cell-actions">
                <div>
                {(job.state === 'uncertain' || job.state === 'failed' || job.state === 'printed') && !job.resolution ? (
                  <button type="button" onClick={() => void run(() => client['printing.reprint']({ jobId: job.id }))}>
                    {t('ui.print.reprint')}
                  </button>
                ) : null}
                {job.state === 'uncertain' && !job.resolution ? (
                  <button type="button" onClick={() => void run(() => client['printing.confirm']({ jobId: job.id }))}>
                    {t('ui.print.confirm')}
                  </button>
                ) : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
