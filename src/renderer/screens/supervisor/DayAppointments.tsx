import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../../api/hooks';
import { AppointmentChange } from '../../components/AppointmentChange';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatClock, formatNationalNumber } from '../../i18n/format';

/**
 * The day plan's appointments: who is expected when, and what became of it. A booked one can be
 * moved or cancelled with a reason; "close the day" marks the ones nobody came for as no-shows
 * (they then wait on the follow-up desk).
 */
export function DayAppointments({ date }: { date: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const close = useAction(t);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { data: rows, error, reload } = usePolling(() => client['booking.dayAppointments']({ date }), 15_000, [client, date]);

  const closeDay = async () => {
    const r = await close.run(() => client['booking.closeDay']({ date }));
    if (!r) return;
    setNotice(t('ui.dayplan.closeDayDone', { count: r.noShows }));
    reload();
  };

  return (
    <div className="day-appointments" data-testid="day-appointments">
      <h2>{t('ui.dayplan.appointments')}</h2>
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {notice ? (
        <Notice kind="ok" testId="day-appointments-notice">
          {notice}
        </Notice>
      ) : null}
      {rows && rows.length === 0 ? <p>{t('ui.dayplan.noAppointments')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">{t('ui.dayplan.appointments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.dayplan.col.time')}</th>
              <th scope="col">{t('ui.dayplan.col.person')}</th>
              <th scope="col">{t('ui.dayplan.product')}</th>
              <th scope="col">{t('ui.dayplan.col.status')}</th>
              <th scope="col">{t('ui.followup.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ appointment: a, person }) => (
              <tr key={a.id} data-testid="day-appointment" data-status={a.status}>
                <td>{formatClock(a.start, lang)}</td>
                <th scope="row">{person ? `${person.givenNames} ${person.familyName}`.trim() : formatNationalNumber(a.ssin)}</th>
                <td>
                  {productName(products, a.productCode)} · {a.doseNumber}
                </td>
                <td>{t(`ui.dayplan.status.${a.status}`)}</td>
                <td>
                  {a.status === 'booked' && a.origin === 'station' ? (
                    open === a.id ? (
                      <AppointmentChange
                        appointmentId={a.id}
                        ssin={a.ssin}
                        idPrefix={`day-${a.shortCode}`}
                        onChanged={(text) => {
                          setNotice(text);
                          setOpen(null);
                          reload();
                        }}
                      />
                    ) : (
                      <button type="button" onClick={() => setOpen(a.id)} aria-label={`${t('ui.appointment.actions')}: ${person ? person.familyName : a.shortCode}`}>
                        {t('ui.appointment.actions')}
                      </button>
                    )
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => void closeDay()} disabled={close.busy} data-testid="close-day">
          {t('ui.dayplan.closeDay')}
        </button>
      </div>
      <ErrorNotice error={close.error} testId="close-day-error" />
    </div>
  );
}
