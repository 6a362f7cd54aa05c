import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { AppointmentChange } from '../../components/AppointmentChange';
import { ErrorNotice } from '../../components/Notice';
import { formatAppointment, formatClock } from '../../i18n/format';
import { UndoDose } from './UndoDose';

type Recent = ResultOf<'visit.recent'>;

/**
 * The booth's visits of the day (visit.recent), collapsed until opened: for each, the dose or
 * not-given and the card, with a reprint or a change of time (AppointmentChange) and an undo of
 * the dose (UndoDose, without countdown). `version` changes when the screen's own visit moved.
 */
export function RecentVisits({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const [open, setOpen] = useState(false);
  const [visits, setVisits] = useState<Recent | null>(null);
  const [message, setMessage] = useState('');

  const load = useCallback(async () => {
    const list = await action.run(() => client['visit.recent']({}));
    if (list) setVisits(list);
  }, [action.run, client]);

  useEffect(() => {
    if (open) void load();
  }, [open, version, load]);

  const changed = (text: string) => {
    setMessage(text);
    void load();
  };

  return (
    <details className="recent-visits" data-testid="recent-visits" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('ui.visit.recent.heading')}</summary>
      <div role="status" aria-live="polite" className="visually-hidden" data-testid="recent-visits-status">
        {message}
      </div>
      {message ? <p data-testid="recent-visits-message">{message}</p> : null}
      <ErrorNotice error={action.error} testId="recent-visits-error" />
      {visits && visits.length === 0 ? <p>{t('ui.visit.recent.empty')}</p> : null}
      {visits && visits.length > 0 ? (
        <ul className="recent-visit-list" aria-label={t('ui.visit.recent.heading')}>
          {visits.map((v) => {
            const name = v.name || v.ssin;
            return (
              <li key={v.id} data-testid="recent-visit" data-visit={v.id}>
                <p className="recent-visit-head">
                  <strong>{t('ui.visit.recent.item', { time: formatClock(v.startedAt, lang), name })}</strong>
                  {v.closed ? null : ` · ${t('ui.visit.recent.inProgress')}`}
                </p>
                <p data-testid="recent-visit-result">
                  {v.dose
                    ? v.dose.status === 'completed'
                      ? t('ui.visit.recent.dose', { dose: v.dose.doseNumber, product: v.dose.productName })
                      : t('ui.visit.recent.doseVoided', { dose: v.dose.doseNumber })
                    : v.notGiven
                      ? t('ui.visit.recent.notGiven', { reason: t(`ui.notGiven.reason.${v.notGiven.reason}`) })
                      : t('ui.visit.recent.nothing')}
                  {v.appointment && v.appointment.status === 'booked' ? ` · ${t('ui.visit.recent.appointment', { when: formatAppointment(v.appointment.start, lang) })}` : null}
                </p>
                <p data-testid="recent-visit-card" data-card={v.cardState}>
                  {t(`ui.visit.recent.card.${v.cardState}`)}
                </p>
                {v.appointment && v.appointment.status === 'booked' && v.cardState !== 'held' ? (
                  <AppointmentChange appointmentId={v.appointment.id} ssin={v.ssin} idPrefix={`recent-${v.id}`} visitId={v.id} onChanged={changed} />
                ) : null}
                {v.dose && v.dose.status === 'completed' ? (
                  <UndoDose
                    doseId={v.dose.id}
                    recordedAt={0}
                    seconds={null}
                    visitId={v.id}
                    idPrefix={`recent-undo-${v.id}`}
                    onVoided={() => changed(t('ui.visit.recent.undone', { name }))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <button type="button" onClick={() => void load()} disabled={action.busy} data-testid="recent-visits-refresh">
        {t('ui.visit.recent.refresh')}
      </button>
    </details>
  );
}
