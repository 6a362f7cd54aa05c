import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorNotice, Notice } from '../../components/Notice';

/** Capacity of a day per session and station (owned, booked, free), and the split of what nobody owns yet. */
export function CapacityPanel({ date, onDate }: { date: string; onDate: (d: string) => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const products = useProducts();
  const action = useAction(t);
  const [message, setMessage] = useState<string | null>(null);
  const { data: shares, error, reload } = usePolling(() => client['capacity.shares']({ date }), 0, [client, date]);
  const stations = [...new Set((shares ?? []).flatMap((s) => s.stations.map((x) => x.stationId)))].sort();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selected = chosen ?? stations;
  const unallocated = (shares ?? []).reduce((sum, s) => sum + s.unallocated, 0);

  const split = async () => {
    const r = await action.run(() => client['capacity.split']({ date, stationIds: selected }));
    if (r) {
      setMessage(t('ui.capacity.splitDone', { units: r.summary.appliedUnits, conflicts: r.summary.conflicts }));
      reload();
    }
  };

  return (
    <section aria-labelledby="capacity-heading" data-testid="capacity">
      <h1 id="capacity-heading">{t('ui.capacity.heading')}</h1>
      <DateField id="capacity-date" value={date} onChange={onDate} />
      <ErrorNotice error={error ? errorText(error, t) : null} />
      <table className="data-table">
        <caption>{t('ui.capacity.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.dayplan.time')}</th>
            <th scope="col">{t('ui.dayplan.product')}</th>
            <th scope="col">{t('ui.dayplan.capacity')}</th>
            {stations.map((s) => (
              <th key={s} scope="col">
                {s}
              </th>
            ))}
            <th scope="col">{t('ui.capacity.unallocated')}</th>
          </tr>
        </thead>
        <tbody>
          {(shares ?? []).map((s) => (
            <tr key={s.sessionId}>
              <td>
                {s.start}–{s.end}
              </td>
              <td>{productName(products, s.productCode)}</td>
              <td>{s.capacity}</td>
              {stations.map((id) => {
                const share = s.stations.find((x) => x.stationId === id);
                return <td key={id}>{share ? t('ui.capacity.cell', { units: share.units, booked: share.booked, free: share.free }) : '—'}</td>;
              })}
              <td>{s.unallocated}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shares && shares.length === 0 ? <p>{t('ui.dayplan.noSessions')}</p> : null}
      <fieldset className="split">
        <legend>{t('ui.capacity.splitHeading', { units: unallocated })}</legend>
        {stations.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={selected.includes(s)} onChange={(e) => setChosen(e.target.checked ? [...selected, s] : selected.filter((x) => x !== s))} />
            {s}
          </label>
        ))}
        <button type="button" onClick={() => void split()} disabled={action.busy || selected.length === 0 || unallocated === 0}>
          {t('ui.capacity.split')}
        </button>
      </fieldset>
      {message ? <Notice kind="ok">{message}</Notice> : null}
      <ErrorNotice error={action.error} />
    </section>
  );
}
