import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../shared/api/station';
import type { Language } from '../../shared/i18n/languages';
import { formatDateTime } from '../i18n/setup';

export function StationOverview({ status }: { status: StationStatus | null }) {
  const { t, i18n } = useTranslation();
  if (!status) return <p>{t('ui.status.connecting')}</p>;
  const lang = i18n.language as Language;
  const rows: [string, string, string][] = [
    ['centre', t('ui.station.centre'), status.centreName],
    ['station', t('ui.station.id'), `${status.stationId} (${t(`ui.role.${status.role}`)})`],
    ['waiting', t('ui.station.waiting'), String(status.sync.waiting)],
    ['review', t('ui.station.review'), String(status.sync.needsReview)],
    ['cardreader', t('ui.station.cardreader'), status.cardReader.available ? status.cardReader.readers.join(', ') || '—' : t('ui.station.cardreader.none')],
    ['schema', t('ui.station.schema'), String(status.schemaVersion)],
    ['started', t('ui.station.started'), formatDateTime(status.startedAt, lang)],
  ];
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('ui.station.heading')}</h2>
      <dl className="facts">
        {rows.map(([key, label, value]) => (
          <div key={key} className="fact">
            <dt>{label}</dt>
            <dd data-testid={`overview-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
