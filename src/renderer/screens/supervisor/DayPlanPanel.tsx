import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, productName, usePolling, useProducts } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';
import { formatClock, formatDay } from '../../i18n/format';
import { DayAppointments } from './DayAppointments';

/** The day plan: per product the dose-2 bookings here and the expected dose-1 visits (and where they come from), vials to prepare; sessions with bookings and leftover doses; the day's appointments; open vials; standby and to-be-booked counts. */
export function DayPlanPanel({ date, onDate }: { date: string; onDate: (d: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const { data: plan, error } = usePolling(() => client['booking.dayPlan']({ date }), 10_000, [client, date]);
  return (
    <section aria-labelledby="dayplan-heading" data-testid="day-plan">
      <h1 id="dayplan-heading">{t('ui.dayplan.heading')}</h1>
      <DateField id="dayplan-date" value={date} onChange={onDate} />
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {plan ? (
        <>
          <p className="lead">
            {formatDay(plan.date, lang)} — {plan.open ? t('ui.dayplan.open') : t('ui.dayplan.closed')}
          </p>
          <div className="figures">
            {plan.products.map((p) => (
              <div key={p.productCode} className="figure" data-testid={`vials-to-prepare-${p.productCode}`}>
                <span className="figure-label">{productName(products, p.productCode)}</span>
                <span className="figure-value">{t('ui.dayplan.vialsToPrepare', { count: p.vialsToPrepare })}</span>
                <span>{t('ui.dayplan.bookingsGiven', { bookings: p.bookings, given: p.dosesGiven })}</span>
                {p.boosters ? <span data-testid="dayplan-boosters">{t('rules.dayplan.boosters', { count: p.boosters })}</span> : null}
                <span data-testid={`dayplan-split-${p.productCode}`}>{t('ui.dayplan.split', { booked: p.bookings, expected: p.expectedDose1 })}</span>
                <span data-testid={`dayplan-expected-from-${p.productCode}`}>{t('ui.dayplan.expectedFrom', { backend: p.expectedFromBackend, invitations: p.expectedFromInvitations })}</span>
                {p.dosesInOpenVials > 0 ? <span>{t('ui.dayplan.openVialDoses', { count: p.dosesInOpenVials })}</span> : null}
              </div>
            ))}
            <div className="figure">
              <span className="figure-label">{t('ui.dayplan.standby')}</span>
              <span className="figure-value">{plan.standbyWaiting}</span>
            </div>
            <div className="figure">
              <span className="figure-label">{t('ui.dayplan.toBeBooked')}</span>
              <span className="figure-value">{plan.toBeBooked}</span>
            </div>
          </div>
          <table className="data-table">
            <caption>{t('ui.dayplan.sessions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ui.dayplan.time')}</th>
                <th scope="col">{t('ui.dayplan.product')}</th>
                <th scope="col">{t('ui.dayplan.capacity')}</th>
                <th scope="col">{t('ui.dayplan.bookings')}</th>
                <th scope="col">{t('ui.dayplan.fulfilled')}</th>
                <th scope="col">{t('ui.dayplan.vials')}</th>
                <th scope="col">{t('ui.dayplan.leftover')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.sessions.map((s) => (
                <tr key={s.sessionId}>
                  <td>
                    {s.start}–{s.end}
                  </td>
                  <td>{s.productName}</td>
                  <td>{s.capacity}</td>
                  <td>{s.bookings}</td>
                  <td>{s.fulfilled}</td>
                  <td>{s.vialsToPrepare}</td>
                  <td>{s.leftoverDoses}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.sessions.length === 0 ? <p>{t('ui.dayplan.noSessions')}</p> : null}
          <DayAppointments date={date} />
          <h2>{t('ui.dayplan.openVials')}</h2>
          {plan.openVials.length === 0 ? (
            <p>{t('ui.vials.none')}</p>
          ) : (
            <ul className="plain-list">
              {plan.openVials.map((v) => (
                <li key={v.id}>
                  {t('ui.vials.line', { product: productName(products, v.productCode), lot: v.lot, station: v.stationId, left: v.dosesLeft, total: v.dosesTotal, until: formatClock(v.usableUntil, lang) })}
                  {v.expired ? ` — ${t('ui.vials.expired')}` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
