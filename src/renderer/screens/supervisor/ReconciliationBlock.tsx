import { useTranslation } from 'react-i18next';
import type { DayReconciliation } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { productName, useProducts } from '../../api/hooks';
import { formatClock } from '../../i18n/format';

/** The day's reconciliation on the report panel: the figures, the verdict in words and each record not at the backend. */
export function ReconciliationBlock({ reconciliation: rec }: { reconciliation: DayReconciliation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const products = useProducts();
  const r = (key: string, params?: Record<string, string | number>) => t(`reports.reconciliation.${key}`, params ?? {});
  const figures: [string, string, number][] = [
    ['given', r('given'), rec.dosesGiven],
    ...(rec.notGiven > 0 ? [['not-given', r('notGiven'), rec.notGiven] as [string, string, number]] : []),
    ['at-backend', r('atBackend'), rec.atBackend],
    ['waiting', r('waiting'), rec.waiting],
    ['in-review', r('inReview'), rec.inReview],
    ...(rec.notQueued > 0 ? [['not-queued', r('notQueued'), rec.notQueued] as [string, string, number]] : []),
  ];
  return (
    <section aria-labelledby="reconciliation-heading" data-testid="reconciliation">
      <h2 id="reconciliation-heading">{t('reports.section.reconciliation')}</h2>
      <div className="figures">
        {figures.map(([id, label, value]) => (
          <div key={id} className="figure" data-testid={`reconciliation-${id}`}>
            <span className="figure-label">{label}</span>
            <span className="figure-value">{value}</span>
          </div>
        ))}
      </div>
      <p role="status" data-testid="reconciliation-verdict" data-verdict={rec.verdict}>
        <strong>{r(`verdict_${rec.verdict}`)}</strong> — {rec.verdict === 'balanced' ? r('balanced') : r('explained', { count: rec.differences.length })}
      </p>
      <p data-testid="reconciliation-appointments">
        {r('appointments')}: {r('appointments_status', { booked: rec.appointments.booked, cancelled: rec.appointments.cancelled, noShow: rec.appointments.noShow, fulfilled: rec.appointments.fulfilled })} —{' '}
        {r('atBackend')} {rec.appointments.atBackend} · {r('waiting')} {rec.appointments.waiting} · {r('inReview')} {rec.appointments.inReview}
      </p>
      {rec.differences.length === 0 ? (
        <p>{r('none')}</p>
      ) : (
        <table className="data-table" data-testid="reconciliation-differences">
          <caption>{r('differences')}</caption>
          <thead>
            <tr>
              <th scope="col">{r('col.person')}</th>
              <th scope="col">{r('col.time')}</th>
              <th scope="col">{r('col.record')}</th>
              <th scope="col">{r('col.state')}</th>
              <th scope="col">{r('col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rec.differences.map((d) => (
              <tr key={d.recordId}>
                <td>
                  {d.personName ?? ''} <span className="muted">{d.ssin}</span>
                </td>
                <td>{formatClock(d.at, lang)}</td>
                <td>{r(`type.${d.type}`, { dose: d.doseNumber, product: productName(products, d.productCode) })}</td>
                <td>{r(`state.${d.state}`)}</td>
                <td className="wrap-anywhere">{d.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
