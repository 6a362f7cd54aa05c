import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, productName, usePolling, useProducts } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { formatClock } from '../../i18n/format';
import { ReleaseForm } from '../vaccinator/ObservationPanel';

/** Everyone watched after a dose at this station, overdue first (the station orders them), refreshed every 15 s. */
export function UnderObservationPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const list = usePolling(() => client['observation.list']({}), 15_000, [client]);
  const [releasing, setReleasing] = useState<string | null>(null);
  const people = list.data?.people ?? [];

  return (
    <section aria-labelledby="under-observation-heading" data-testid="under-observation">
      <h1 id="under-observation-heading">{t('ui.supervisor.section.observation')}</h1>
      <ErrorNotice error={list.error ? errorText(list.error, t) : null} />
      {list.data && people.length === 0 ? <p>{t('ui.observation.listEmpty')}</p> : null}
      {people.length > 0 ? (
        <table className="data-table" data-testid="under-observation-table">
          <thead>
            <tr>
              <th scope="col">{t('ui.observation.col.name')}</th>
              <th scope="col">{t('ui.observation.col.product')}</th>
              <th scope="col">{t('ui.observation.col.ends')}</th>
              <th scope="col">{t('ui.observation.col.left')}</th>
              <th scope="col">{t('ui.observation.col.reactions')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('ui.observation.release')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((o) => (
              <tr key={o.id} className={o.overdue ? 'overdue' : undefined} data-testid="under-observation-row">
                <td>{o.displayName}</td>
                <td>{productName(products, o.productCode)}</td>
                <td>{formatClock(o.endsAt, lang)}</td>
                <td>{o.overdue ? <strong>{t('ui.observation.overdueShort')}</strong> : t('ui.observation.minutes', { minutes: o.minutesLeft })}</td>
                <td data-testid="under-observation-reactions">
                  {o.reactions
                    .filter((r) => r.status === 'recorded')
                    .map((r) => `${t(`observation.manifestation.${r.manifestation}`)} (${t(`observation.severity.${r.severity}`)})`)
                    .join(', ') || '0'}
                </td>
                <td>
                  {releasing === o.id ? (
                    <ReleaseForm
                      observation={o}
                      onDone={(v) => {
                        if (!v) return;
                        setReleasing(null);
                        list.reload();
                      }}
                      onCancel={() => setReleasing(null)}
                    />
                  ) : (
                    <button type="button" onClick={() => setReleasing(o.id)} data-testid="under-observation-release">
                      {t('ui.observation.release')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
