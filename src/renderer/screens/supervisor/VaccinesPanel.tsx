import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ResultOf } from '../../../shared/contract';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { useSession } from '../../api/SessionContext';
import { ErrorNotice, Notice } from '../../components/Notice';

type Product = ResultOf<'products.list'>[number];

/** The usual site, side, route and volume in the vaccinator screen's words (an unknown code as it is). */
function administrationText(a: NonNullable<Product['administration']>, t: TFunction): string {
  const words = [
    t(`ui.administration.site.${a.site}`, { defaultValue: a.site }),
    t(`ui.administration.side.${a.side}`),
    t(`ui.administration.route.${a.route}`, { defaultValue: a.route }),
  ];
  return [...words, ...(a.doseMl !== null ? [`${a.doseMl} ml`] : [])].join(', ');
}

/** A whole number as typed, or null when it is not one (the back end checks the ranges). */
function wholeOf(typed: string): number | null {
  return /^\d{1,4}$/.test(typed.trim()) ? Number(typed.trim()) : null;
}

/** Hours as typed, with a comma or a point. */
function hoursOf(typed: string): number | null {
  const text = typed.trim().replace(',', '.');
  return /^\d{1,3}(\.\d{1,2})?$/.test(text) ? Number(text) : null;
}

function NumberField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" size={6} />
    </div>
  );
}

function TextField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} maxLength={40} autoComplete="off" />
    </div>
  );
}

/** One product's interval, vial size, usable hours, use, CNK, ATC and a new GTIN, saved together with a reason. */
function EditProduct({ product, onSaved }: { product: Product; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const session = useSession();
  const action = useAction(t);
  const [minDays, setMinDays] = useState(String(product.interval?.minDays ?? ''));
  const [targetDays, setTargetDays] = useState(String(product.interval?.targetDays ?? ''));
  const [maxDays, setMaxDays] = useState(String(product.interval?.maxDays ?? ''));
  const [perVial, setPerVial] = useState(String(product.dosesPerVial));
  const [hours, setHours] = useState(String(product.usableHoursAfterPuncture));
  const [active, setActive] = useState(product.active);
  const [cnk, setCnk] = useState(product.cnk ?? '');
  const [atc, setAtc] = useState(product.atc ?? '');
  const [gtin, setGtin] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = `product-edit-${product.code}`;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const days = [wholeOf(minDays), wholeOf(targetDays), wholeOf(maxDays)];
    const vial = wholeOf(perVial);
    const usable = hoursOf(hours);
    if (product.interval && days.some((d) => d === null)) return setProblem(t('products.panel.numberInvalid'));
    if (vial === null || usable === null) return setProblem(t('products.panel.numberInvalid'));
    if (reason.trim().length < 3) return setProblem(t('products.panel.reasonMissing'));
    setProblem(null);
    const interval = product.interval ? { minDays: days[0]!, targetDays: days[1]!, maxDays: days[2]! } : undefined;
    const saved = await action.run(() =>
      client['products.configure']({
        code: product.code,
        ...(interval ? { interval } : {}),
        dosesPerVial: vial,
        usableHoursAfterPuncture: usable,
        active,
        // The back end checks the codes with the product list's own rules.
        cnk: cnk.trim(),
        atc: atc.trim(),
        ...(gtin.trim() ? { addGtins: [gtin.trim()] } : {}),
        reason: reason.trim(),
        by: session.staff?.displayName ?? 'supervisor',
      }),
    );
    if (saved) onSaved();
  };

  return (
    <form id={id} onSubmit={(e) => void save(e)} noValidate className="product-edit" aria-label={t('products.panel.editOf', { product: product.name })}>
      {product.interval ? (
        <fieldset>
          <legend>{t('products.panel.interval')}</legend>
          <NumberField id={`${id}-min`} label={t('products.panel.minDays')} value={minDays} onChange={setMinDays} />
          <NumberField id={`${id}-target`} label={t('products.panel.targetDays')} value={targetDays} onChange={setTargetDays} />
          <NumberField id={`${id}-max`} label={t('products.panel.maxDays')} value={maxDays} onChange={setMaxDays} />
        </fieldset>
      ) : null}
      <NumberField id={`${id}-vial`} label={t('products.panel.dosesPerVial')} value={perVial} onChange={setPerVial} />
      <NumberField id={`${id}-hours`} label={t('products.panel.hours')} value={hours} onChange={setHours} />
      <TextField id={`${id}-cnk`} label={t('products.panel.cnk')} value={cnk} onChange={setCnk} />
      <TextField id={`${id}-atc`} label={t('products.panel.atc')} value={atc} onChange={setAtc} />
      <TextField id={`${id}-gtin`} label={t('products.panel.addGtin')} value={gtin} onChange={setGtin} />
      <label className="field inline" htmlFor={`${id}-active`}>
        <input id={`${id}-active`} type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('products.panel.inUse')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('products.panel.reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
      </div>
      <button type="submit" disabled={action.busy}>
        {t('products.panel.save')}
      </button>
      <ErrorNotice error={problem ?? action.error} testId="product-edit-error" />
    </form>
  );
}

/**
 * The centre's vaccine catalogue for the supervisor: codes, intervals, vial figures and usual
 * administration of every product; change a product's figures with a reason (history kept).
 */
export function VaccinesPanel() {
  const { t } = useTranslation();
  const client = useStation();
  const { data, error, reload } = usePolling(() => client['products.list']({}), 60_000, [client]);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const days = (p: Product) => (p.interval ? `${p.interval.minDays} / ${p.interval.targetDays} / ${p.interval.maxDays}` : '—');

  return (
    <section aria-labelledby="vaccines-heading" data-testid="vaccines-panel">
      <h1 id="vaccines-heading">{t('products.panel.heading')}</h1>
      <Notice kind="info" testId="vaccines-interval-note">
        {t('products.panel.intervalNote')}
      </Notice>
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {saved ? (
        <Notice kind="ok" testId="vaccines-saved">
          {t('products.panel.saved', { product: saved })}
        </Notice>
      ) : null}
      <table className="data-table">
        <caption>{t('products.panel.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('products.panel.product')}</th>
            <th scope="col">{t('products.panel.codes')}</th>
            <th scope="col">{t('products.panel.course')}</th>
            <th scope="col">{t('products.panel.vial')}</th>
            <th scope="col">{t('products.panel.administration')}</th>
            <th scope="col">{t('products.panel.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((p) => (
            <Fragment key={p.code}>
              <tr data-testid="product-row" data-code={p.code}>
                <td>
                  <div>{p.name}</div>
                  <div>
                    {p.code}
                    {p.active ? '' : ` — ${t('products.panel.notInUse')}`}
                  </div>
                </td>
                <td>
                  <div>GTIN: {p.gtins.join(', ') || '—'}</div>
                  <div>CNK: {p.cnk ?? '—'}</div>
                  <div>ATC: {p.atc ?? '—'}</div>
                </td>
                <td>
                  <div>{t('products.panel.dosesInCourse', { doses: p.dosesInCourse })}</div>
                  <div data-testid="product-days">{days(p)}</div>
                </td>
                <td>{t('products.panel.vialFigures', { doses: p.dosesPerVial, hours: p.usableHoursAfterPuncture })}</td>
                <td>
                  {p.administration
                    ? administrationText(p.administration, t)
                    : '—'}
                </td>
                <td>
                  <button type="button" aria-expanded={editing === p.code} aria-controls={editing === p.code ? `product-edit-${p.code}` : undefined} onClick={() => setEditing(editing === p.code ? null : p.code)}>
                    {t('products.panel.edit')}
                  </button>
                </td>
              </tr>
              {editing === p.code ? (
                <tr data-testid="product-edit-row" data-code={p.code}>
                  <td colSpan={6}>
                    <EditProduct
                      product={p}
                      onSaved={() => {
                        setEditing(null);
                        setSaved(p.name);
                        reload();
                      }}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
