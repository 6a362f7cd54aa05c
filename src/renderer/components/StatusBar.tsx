import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../shared/api/station';
import type { Language } from '../../shared/i18n/languages';
import { formatDateTime } from '../i18n/setup';
import { formatAge } from '../i18n/format';

/**
 * Always visible: backend mode (offline since HH:MM), records waiting and the oldest one's age,
 * the printer, the station's role with who is signed in, and the time, all read from the station.
 */
export function StatusBar({ status, error, staffName }: { status: StationStatus | null; error: string | null; staffName: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (!status) {
    return (
      <footer className="status-bar" role="status" aria-label={t('ui.status.region')} data-testid="status-bar">
        <span>{error ? t('ui.status.lost') : t('ui.status.connecting')}</span>
      </footer>
    );
  }
  const { sync, printer } = status;
  const mode = !sync.configured
    ? t('ui.status.notConfigured')
    : sync.mode === 'offline' && sync.offlineSince
      ? t('status.mode.offline_since', { time: formatDateTime(sync.offlineSince, lang, 'time') })
      : t(`status.mode.${sync.mode}`);
  const oldestSeconds = sync.oldestWaitingAt ? (Date.parse(status.now) - Date.parse(sync.oldestWaitingAt)) / 1000 : null;
  return (
    <footer className="status-bar" aria-label={t('ui.status.region')} data-testid="status-bar">
      <span className={`pill mode-${sync.configured ? sync.mode : 'none'}`} data-testid="sync-mode" title={t('ui.status.backend')}>
        <span className="pill-label">{t('ui.status.backendShort')}: </span>
        {mode} · {t('ui.status.waiting', { count: sync.waiting })}
        {oldestSeconds !== null && sync.waiting > 0 ? ` · ${t('ui.status.oldest', { age: formatAge(oldestSeconds) })}` : ''}
        {sync.needsReview > 0 ? ` · ${t('ui.status.review', { count: sync.needsReview })}` : ''}
      </span>
      <span className={`pill printer-${printer.state}`} data-testid="printer-state">
        <span className="pill-label">{t('ui.status.printer')}: </span>
        {t(`ui.printer.${printer.state}`)}
        {printer.queued > 0 ? ` · ${t('ui.status.queued', { count: printer.queued })}` : ''}
      </span>
      {status.messages.configured || status.messages.waiting > 0 || status.messages.uncertain > 0 ? (
        <span className={`pill ${status.messages.uncertain > 0 ? 'mode-degraded' : ''}`} data-testid="messages-state">
          <span className="pill-label">{t('messages.ui.short')}: </span>
          {t('messages.status.waiting', { count: status.messages.waiting })}
          {status.messages.uncertain > 0 ? ` · ${t('messages.status.uncertain', { count: status.messages.uncertain })}` : ''}
        </span>
      ) : null}
      <span className="pill" data-testid="station-role">
        {status.stationId} · {t(`ui.role.${status.role}`)}
        {staffName ? ` · ${staffName}` : ''}
      </span>
      {error ? (
        <span className="pill mode-offline" role="alert">
          {t('ui.status.lost')}
        </span>
      ) : null}
      <StationTime now={status.now} lang={lang} />
    </footer>
  );
}

/** Whether a clock was shown on this page already (then the next one shows at once). */
let clockShown = false;

/**
 * The station's time, shown from the frame after the first: the page's first formatter with a
 * time zone loads ICU's zone data (about 60 ms here), which the sign-in form need not wait for.
 */
function StationTime({ now, lang }: { now: string; lang: Language }) {
  const [shown, setShown] = useState(clockShown);
  useEffect(() => {
    if (shown) return;
    const show = () => {
      clockShown = true;
      setShown(true);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(show)));
    const fallback = setTimeout(show, 250); // a tab in the background has no frames
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [shown]);
  return (
    <time className="pill" dateTime={now} data-testid="station-time">
      {shown ? formatDateTime(now, lang, 'time') : ''}
    </time>
  );
}
