import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../shared/api/station';
import type { Language } from '../../shared/i18n/languages';
import { formatDateTime } from '../i18n/setup';

/** Always visible: backend mode and waiting records, printer, role, time. */
export function StatusBar({ status, error }: { status: StationStatus | null; error: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (!status) {
    return (
      <footer className="status-bar" role="status" aria-label={t('ui.status.region')}>
        <span>{error ? t('ui.status.lost') : t('ui.status.connecting')}</span>
      </footer>
    );
  }
  const { sync } = status;
  const mode =
    sync.mode === 'offline' && sync.offlineSince
      ? t('status.mode.offline_since', { time: formatDateTime(sync.offlineSince, lang, 'time') })
      : t(`status.mode.${sync.mode}`);
  return (
    <footer className="status-bar" role="status" aria-label={t('ui.status.region')} data-testid="status-bar">
      <span className={`pill mode-${sync.mode}`} data-testid="sync-mode">
        {t('ui.status.backend')}: {mode} · {t('status.waiting', { count: sync.waiting })}
      </span>
      <span className={`pill printer-${status.printer.state}`} data-testid="printer-state">
        {t('ui.status.printer')}: {t(`ui.printer.${status.printer.state}`)}
      </span>
      <span className="pill" data-testid="station-role">
        {status.stationId} · {t(`ui.role.${status.role}`)}
      </span>
      <time className="pill" dateTime={status.now} data-testid="station-time">
        {formatDateTime(status.now, lang, 'time')}
      </time>
    </footer>
  );
}
