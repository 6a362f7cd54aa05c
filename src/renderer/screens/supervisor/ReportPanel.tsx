import { useTranslation } from 'react-i18next';
import type { EndOfDayReport, ReportFile } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { formatDateTime } from '../../i18n/setup';
import { formatDay } from '../../i18n/format';
import { downloadBase64 } from '../../api/download';
import { ReconciliationBlock } from './ReconciliationBlock';

/** Offers a file the station sent (base64) for download, without leaving the page. */
function download(file: ReportFile): void {
  downloadBase64(file.base64, file.fileName, file.mimeType);
}

function Rows({ rows }: { rows: readonly (readonly [string, string | number])[] }) {
  return (
    <tbody>
      {rows.map(([label, value]) => (
        <tr key={label}>
          <th scope="row">{label}</th>
          <td>{value}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** End-of-day report on screen (with the day's reconciliation), and as CSV or PDF to download. */
export function ReportPanel({ date, onDate }: { date: string; onDate: (d: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const { data, error } = usePolling(() => client['reports.endOfDay']({ date, format: 'json' }), 0, [client, date]);
  const report: EndOfDayReport | undefined = data?.report;
  const get = async (format: 'csv' | 'pdf') => {
    const r = await action.run(() => client['reports.endOfDay']({ date, format }));
    if (r?.file) download(r.file);
  };
  const r = (key: string, params?: Record<string, string | number>) => t(`reports.${key}`, params ?? {});

  return (
    <section aria-labelledby="report-heading" data-testid="report-panel">
      <h1 id="report-heading">{t('reports.title', { date: formatDay(date, lang) })}</h1>
      <DateField id="report-date" value={date} onChange={onDate} />
      <div className="actions">
        <button type="button" onClick={() => void get('csv')} disabled={action.busy} data-testid="report-csv">
          {t('ui.report.csv')}
        </button>
        <button type="button" onClick={() => void get('pdf')} disabled={action.busy} data-testid="report-pdf">
          {t('ui.report.pdf')}
        </button>
      </div>
      <ErrorNotice error={action.error ?? (error ? errorText(error, t) : null)} />
      {report ? (
        <div className="report-grid">
          <table className="data-table" data-testid="report-doses">
            <caption>{r('section.doses')}</caption>
            <Rows
              rows={[
                [r('doses.total'), report.doses.total],
                ...report.doses.byProduct.flatMap((p) => p.byDoseNumber.map((d) => [r('doses.product_dose', { product: p.productName, dose: d.doseNumber }), d.count] as const)),
                [r('doses.voided'), report.doses.voided],
                [r('doses.not_vaccinated'), report.notVaccinated.total],
                ...report.notVaccinated.byReason.map((n) => [r('doses.not_vaccinated_reason', { reason: t(`ui.notGiven.reason.${n.reason}`) }), n.count] as const),
                [t('observation.report.reactions'), report.reactions.total],
                ...report.reactions.bySeverity.map((x) => [t('observation.report.reactions_severity', { severity: t(`observation.severity.${x.severity}`) }), x.count] as const),
                ...report.doses.byVaccinator.map((v) => [r('doses.by_vaccinator', { name: v.name }), v.count] as const),
              ]}
            />
          </table>
          <table className="data-table" data-testid="report-arrivals">
            <caption>{t('checkin.arrival.report.section')}</caption>
            <Rows
              rows={[
                [t('checkin.arrival.report.checkedIn'), report.arrivals.checkedIn],
                [t('checkin.arrival.report.repeated'), report.arrivals.repeated],
                [t('checkin.arrival.report.withoutDose'), report.arrivals.withoutDose],
              ]}
            />
          </table>
          <table className="data-table" data-testid="report-appointments">
            <caption>{r('section.appointments')}</caption>
            <Rows
              rows={[
                [r('appointments.due'), report.appointments.due],
                [r('appointments.fulfilled'), report.appointments.fulfilled],
                [r('appointments.open'), report.appointments.open],
                [r('appointments.noShow'), report.appointments.noShow],
                [r('appointments.cancelled'), report.appointments.cancelled],
                [r('appointments.bookedForLater'), report.appointments.bookedForLater],
                [r('appointments.toBeBooked'), report.appointments.toBeBooked],
              ]}
            />
          </table>
          <table className="data-table" data-testid="report-vials">
            <caption>{r('section.vials')}</caption>
            <Rows
              rows={[
                [r('vials.opened'), report.vials.opened],
                [r('vials.finished'), report.vials.finished],
                [r('vials.discarded'), report.vials.discarded],
                [r('vials.stillOpen'), report.vials.stillOpen],
                [r('vials.dosesDrawn'), report.vials.dosesDrawn],
                [r('vials.dosesLeft'), report.vials.dosesLeft],
                [r('vials.wasted'), report.vials.wasted.total],
                ...report.vials.wasted.byReason.map((w) => [r('vials.wasted_reason', { reason: t(`ui.vials.reason.${w.reason}`) }), w.count] as const),
              ]}
            />
          </table>
          <table className="data-table">
            <caption>{r('section.printing')}</caption>
            <Rows
              rows={[
                [r('printing.printed'), report.printing.printed],
                [r('printing.copies'), report.printing.copies],
                [r('printing.uncertain'), report.printing.uncertain],
                [r('printing.failed'), report.printing.failed],
                [r('printing.waiting'), report.printing.waiting],
              ]}
            />
          </table>
          <table className="data-table">
            <caption>{r('section.sync')}</caption>
            <Rows
              rows={[
                [r('sync.waiting'), report.sync.waiting],
                [r('sync.oldest'), report.sync.oldestWaitingAt ? formatDateTime(report.sync.oldestWaitingAt, lang) : '—'],
                [r('sync.needsReview'), report.sync.needsReview],
                [r('standby.waiting'), report.standby.waiting],
              ]}
            />
          </table>
        </div>
      ) : null}
      {report ? <ReconciliationBlock reconciliation={report.reconciliation} /> : null}
    </section>
  );
}
