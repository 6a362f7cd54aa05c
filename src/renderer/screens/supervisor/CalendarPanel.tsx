import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionOverview } from '../../../shared/api/capacity';
import { useStation } from '../../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorNotice, Notice } from '../../components/Notice';
import { SessionForm } from './calendar/SessionForm';
import { formatDay } from '../../i18n/format';
import type { Language } from '../../../shared/i18n/languages';
import { DayForm } from './calendar/DayForm';
import { ChangeSessionForm, type SessionChangeRequest } from './calendar/ChangeSessionForm';
import { BoothsForm } from './calendar/BoothsForm';
import { StationCallError } from '../../api/transport';
import { useStationStatus } from '../../api/StationContext';

const DAYS_SHOWN = 14;

function plusDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Supervisor: the sessions of two weeks from a date, adding sessions (one date or a weekly
 * pattern), closed days, and closing a session. Closing one with bookings first says how many
 * people it affects: they go to the follow-up list, or the session stays. The count is this
 * station's: the others move their own bookings when the change reaches them through the backend.
 */
export function CalendarPanel({ date, onDate }: { date: string; onDate: (d: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const action = useAction(t);
  const { status } = useStationStatus();
  const [closing, setClosing] = useState<SessionOverview | null>(null);
  const [changing, setChanging] = useState<SessionOverview | null>(null);
  const [boothsOf, setBoothsOf] = useState<SessionOverview | null>(null);
  /** A change that affects booked people, waiting for the supervisor's answer. */
  const [pendingChange, setPendingChange] = useState<{ session: SessionOverview; change: SessionChangeRequest; count: number } | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // A question appears below the sessions: bring it whole into view, clear of the status bar
  // (no value returned: the browser's scrollIntoView may return a promise, not a cleanup).
  const closeRef = useRef<HTMLDivElement>(null);
  const changeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    closeRef.current?.scrollIntoView({ block: 'center' });
  }, [closing]);
  useEffect(() => {
    changeRef.current?.scrollIntoView({ block: 'center' });
  }, [pendingChange]);
  const to = plusDays(date, DAYS_SHOWN - 1);
  const { data: centre } = usePolling(() => client['centre.status']({}), 0, [client]);
  const { data: sessions, error, reload } = usePolling(() => client['capacity.sessions']({ from: date, to }), 0, [client, date, to]);

  const close = async (session: SessionOverview, bookings: 'refuse' | 'followUp') => {
    setMessage(null);
    const r = await action.run(() => client['capacity.closeSession']({ sessionId: session.sessionId, bookings }));
    setClosing(null);
    if (r) setMessage(r.moved > 0 ? t('ui.calendar.closedMoved', { count: r.moved }) : t('ui.calendar.closed'));
    reload();
  };

  const change = async (session: SessionOverview, request: SessionChangeRequest, bookings: 'refuse' | 'followUp') => {
    setMessage(null);
    setChangeError(null);
    const stationIds = [status?.stationId ?? ''];
    try {
      const r = await client['capacity.changeSession']({ sessionId: session.sessionId, ...request, bookings, stationIds });
      setChanging(null);
      setPendingChange(null);
      setMessage(r.moved > 0 ? t('ui.calendar.changedMoved', { count: r.moved }) : t('ui.calendar.changed'));
      reload();
    } catch (e) {
      // The station counted who no longer fits: ask before anyone is moved.
      if (e instanceof StationCallError && e.code === 'capacity.session_has_bookings' && bookings === 'refuse') {
        setPendingChange({ session, change: request, count: Number(e.params?.count ?? 0) });
      } else setChangeError(errorText(e, t));
    }
  };

  const saveBooths = async (session: SessionOverview, booths: number | null) => {
    setMessage(null);
    const r = await action.run(() => client['capacity.setSessionBooths']({ sessionId: session.sessionId, booths }));
    if (r) {
      setBoothsOf(null);
      setMessage(t('ui.calendar.boothsSaved'));
    }
    reload();
  };

  const ask = (session: SessionOverview) => {
    setMessage(null);
    action.clear();
    if (session.booked === 0) void close(session, 'refuse');
    else setClosing(session);
  };

  return (
    <section aria-labelledby="calendar-heading" data-testid="calendar">
      <h1 id="calendar-heading">{t('ui.calendar.heading')}</h1>
      <DateField id="calendar-date" value={date} onChange={onDate} />
      <ErrorNotice error={error ? errorText(error, t) : null} />
      <table className="data-table" data-testid="calendar-sessions">
        <caption>{t('ui.calendar.caption', { days: DAYS_SHOWN })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.calendar.date')}</th>
            <th scope="col">{t('ui.dayplan.time')}</th>
            <th scope="col">{t('ui.dayplan.product')}</th>
            <th scope="col">{t('ui.calendar.places')}</th>
            <th scope="col">{t('ui.dayplan.bookings')}</th>
            <th scope="col">{t('ui.calendar.state')}</th>
            <th scope="col">{t('ui.calendar.booths')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('ui.calendar.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions ?? []).map((s) => (
            <tr key={s.sessionId} data-testid="calendar-session">
              <td>{formatDay(s.date, lang, 'short')}</td>
              <td>
                {s.start}–{s.end}
              </td>
              <td>{productName(products, s.productCode)}</td>
              <td>{t('ui.calendar.slotsPlaces', { slots: s.slots, places: s.capacityPerSlot, minutes: s.slotMinutes })}</td>
              <td>{s.booked}</td>
              <td>{s.status === 'cancelled' ? t('ui.calendar.stateClosed') : s.dayOpen ? t('ui.calendar.stateOpen') : t('ui.calendar.stateDayClosed')}</td>
              {/* After the state: the columns before it keep their places for screens and tests that read them. */}
              <td data-testid="session-booths">{s.booths ?? '–'}</td>
              <td>
                {s.status === 'open' ? (
                  <div className="actions">
                    <button
                      type="button"
                      onClick={() => {
                        setPendingChange(null);
                        setChanging(s);
                      }}
                      disabled={action.busy}
                      aria-label={t('ui.calendar.changeLabel', { date: formatDay(s.date, lang), start: s.start })}
                      data-testid="session-change"
                    >
                      {t('ui.calendar.change')}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        action.clear();
                        setBoothsOf(s);
                      }}
                      disabled={action.busy}
                      aria-label={t('ui.calendar.boothsLabel', { date: formatDay(s.date, lang), start: s.start })}
                      data-testid="session-booths-change"
                    >
                      {t('ui.calendar.booths')}
                    </button>
                    <button type="button" onClick={() => ask(s)} disabled={action.busy} aria-label={t('ui.calendar.closeLabel', { date: formatDay(s.date, lang), start: s.start })} data-testid="session-close">
                      {t('ui.calendar.close')}
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions && sessions.length === 0 ? <p>{t('ui.calendar.none')}</p> : null}
      {closing ? (
        <div className="notice notice-warn" role="alertdialog" aria-labelledby="close-question" data-testid="close-confirm" ref={closeRef}>
          <p id="close-question">{t('ui.calendar.affected', { count: closing.booked, date: formatDay(closing.date, lang), start: closing.start })}</p>
          <p data-testid="close-scope">{t('ui.calendar.thisStationOnly')}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void close(closing, 'followUp')} autoFocus data-testid="close-move">
              {t('ui.calendar.moveAndClose', { count: closing.booked })}
            </button>
            <button type="button" onClick={() => setClosing(null)} data-testid="close-keep">
              {t('ui.calendar.keep')}
            </button>
          </div>
        </div>
      ) : null}
      {changing && !pendingChange ? <ChangeSessionForm key={changing.sessionId} session={changing} busy={action.busy} onSubmit={(c) => void change(changing, c, 'refuse')} onCancel={() => setChanging(null)} /> : null}
      {boothsOf ? <BoothsForm key={boothsOf.sessionId} session={boothsOf} busy={action.busy} onSubmit={(b) => void saveBooths(boothsOf, b)} onCancel={() => setBoothsOf(null)} /> : null}
      {pendingChange ? (
        <div className="notice notice-warn" role="alertdialog" aria-labelledby="change-question" data-testid="change-confirm" ref={changeRef}>
          <p id="change-question">{t('ui.calendar.changeAffected', { count: pendingChange.count, date: formatDay(pendingChange.session.date, lang), start: pendingChange.session.start })}</p>
          <p data-testid="change-scope">{t('ui.calendar.thisStationOnly')}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void change(pendingChange.session, pendingChange.change, 'followUp')} autoFocus data-testid="change-move">
              {t('ui.calendar.moveAndChange', { count: pendingChange.count })}
            </button>
            <button type="button" onClick={() => setPendingChange(null)} data-testid="change-keep">
              {t('ui.calendar.keep')}
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <Notice kind="ok" testId="calendar-message">
          {message}
        </Notice>
      ) : null}
      <ErrorNotice error={action.error ?? changeError} testId="calendar-error" />
      {centre ? <SessionForm date={date} openDays={centre.openDays} onAdded={reload} /> : null}
      <DayForm date={date} onChanged={reload} />
    </section>
  );
}
