import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, useAction, usePolling } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatDay } from '../../i18n/format';

type Version = ResultOf<'rules.list'>['versions'][number];
type Product = ResultOf<'products.list'>[number];

/** A whole number as typed; '' is none (null); anything else is a typing error (undefined). */
function wholeOrNone(typed: string): number | null | undefined {
  const text = typed.trim();
  if (text === '') return null;
  return /^\d{1,4}$/.test(text) ? Number(text) : undefined;
}

function Field({ id, label, value, onChange, type = 'text' }: { id: string; label: string; value: string; onChange: (v: string) => void; type?: 'text' | 'date' }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={type === 'text' ? 'numeric' : undefined} value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" size={type === 'date' ? 12 : 6} />
    </div>
  );
}

/** Checkboxes of products, each with its name as its label. */
function ProductChoice({ id, legend, products, chosen, onChange }: { id: string; legend: string; products: readonly Product[]; chosen: readonly string[]; onChange: (codes: string[]) => void }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {products.map((p) => (
        <label key={p.code} className="field inline" htmlFor={`${id}-${p.code}`}>
          <input id={`${id}-${p.code}`} type="checkbox" checked={chosen.includes(p.code)} onChange={(e) => onChange(e.target.checked ? [...chosen, p.code] : chosen.filter((c) => c !== p.code))} />
          {p.name}
        </label>
      ))}
    </fieldset>
  );
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The form of a new version; the product chosen starts a fresh form (its key) from what applies today. */
function AddVersion(props: { products: readonly Product[]; versions: readonly Version[]; today: string; onSaved: (product: string, day: string) => void }) {
  const [code, setCode] = useState(props.products[0]?.code ?? '');
  const inForce = props.versions.find((v) => v.productCode === code && v.inForce) ?? null;
  const { t } = useTranslation();
  // The product choice stays outside the keyed form, so it keeps the focus when the form starts afresh.
  return (
    <div className="rule-new">
      <h2 id="rule-new-heading">{t('rules.panel.add')}</h2>
      <div className="field">
        <label htmlFor="rule-new-product">{t('rules.panel.product')}</label>
        <select id="rule-new-product" value={code} onChange={(e) => setCode(e.target.value)}>
          {props.products.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <VersionForm key={`${code}:${inForce?.id ?? 'none'}`} {...props} code={code} inForce={inForce} />
    </div>
  );
}

function VersionForm({
  products,
  today,
  onSaved,
  code,
  inForce,
}: {
  products: readonly Product[];
  today: string;
  onSaved: (product: string, day: string) => void;
  code: string;
  inForce: Version | null;
}) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const product = products.find((p) => p.code === code);
  // A new version starts from what applies today (or the product's own interval when no version exists).
  const interval = inForce ? inForce.interval : (product?.interval ?? null);
  const [validFrom, setValidFrom] = useState(today);
  const [min, setMin] = useState(text(interval?.minDays));
  const [target, setTarget] = useState(text(interval?.targetDays));
  const [max, setMax] = useState(text(interval?.maxDays));
  const [minAge, setMinAge] = useState(text(inForce?.minAgeYears));
  const [maxAge, setMaxAge] = useState(text(inForce?.maxAgeYears));
  const [mixed, setMixed] = useState<string[]>(inForce?.mixedWith ?? []);
  const [booster, setBooster] = useState(!!inForce?.booster);
  const [boosterProducts, setBoosterProducts] = useState<string[]>(inForce?.booster?.products ?? []);
  const [boosterDays, setBoosterDays] = useState(text(inForce?.booster?.minDaysAfterLastDose));
  const [boosterAge, setBoosterAge] = useState(text(inForce?.booster?.minAgeYears));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const days = [min, target, max].map(wholeOrNone);
    const ages = [minAge, maxAge, boosterAge].map(wholeOrNone);
    const bDays = wholeOrNone(boosterDays);
    const courseDays = (product?.dosesInCourse ?? 1) > 1;
    if ([...days, ...ages].some((n) => n === undefined) || (courseDays && days.some((d) => d === null)) || (booster && (bDays === null || bDays === undefined))) return setProblem(t('rules.panel.numberInvalid'));
    if (reason.trim().length < 3) return setProblem(t('rules.panel.reasonMissing'));
    setProblem(null);
    const saved = await action.run(() =>
      client['rules.addVersion']({
        productCode: code,
        validFrom,
        interval: days.every((d) => typeof d === 'number') ? { minDays: days[0]!, targetDays: days[1]!, maxDays: days[2]! } : null,
        minAgeYears: ages[0] ?? null,
        maxAgeYears: ages[1] ?? null,
        mixedWith: mixed.filter((c) => c !== code),
        booster: booster ? { products: boosterProducts, minDaysAfterLastDose: bDays!, minAgeYears: ages[2] ?? null } : null,
        reason: reason.trim(),
      }),
    );
    if (saved) onSaved(product?.name ?? code, validFrom);
  };

  const id = 'rule-new';
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="product-edit" aria-labelledby="rule-new-heading" data-testid="rule-form">
      <Field id={`${id}-from`} label={t('rules.panel.validFrom')} value={validFrom} onChange={setValidFrom} type="date" />
      {(product?.dosesInCourse ?? 1) > 1 ? (
        <fieldset>
          <legend>{t('rules.panel.interval')}</legend>
          <Field id={`${id}-min`} label={t('rules.panel.minDays')} value={min} onChange={setMin} />
          <Field id={`${id}-target`} label={t('rules.panel.targetDays')} value={target} onChange={setTarget} />
          <Field id={`${id}-max`} label={t('rules.panel.maxDays')} value={max} onChange={setMax} />
        </fieldset>
      ) : null}
      <Field id={`${id}-min-age`} label={t('rules.panel.minAge')} value={minAge} onChange={setMinAge} />
      <Field id={`${id}-max-age`} label={t('rules.panel.maxAge')} value={maxAge} onChange={setMaxAge} />
      <ProductChoice id={`${id}-mixed`} legend={t('rules.panel.mixedWith')} products={products.filter((p) => p.code !== code)} chosen={mixed} onChange={setMixed} />
      <label className="field inline" htmlFor={`${id}-booster`}>
        <input id={`${id}-booster`} type="checkbox" checked={booster} onChange={(e) => setBooster(e.target.checked)} />
        {t('rules.panel.boosterAllowed')}
      </label>
      {booster ? (
        <>
          <ProductChoice id={`${id}-booster-products`} legend={t('rules.panel.boosterProducts')} products={products} chosen={boosterProducts} onChange={setBoosterProducts} />
          <Field id={`${id}-booster-days`} label={t('rules.panel.boosterDays')} value={boosterDays} onChange={setBoosterDays} />
          <Field id={`${id}-booster-age`} label={t('rules.panel.boosterMinAge')} value={boosterAge} onChange={setBoosterAge} />
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('rules.panel.reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoComplete="off" />
      </div>
      <button type="submit" disabled={action.busy} data-testid="rule-save">
        {t('rules.panel.save')}
      </button>
      <ErrorNotice error={problem ?? action.error} testId="rule-error" />
    </form>
  );
}

/**
 * The vaccination rules for the supervisor: every dated version per product, the one in force today
 * marked, and a form to add a version from a day (earlier versions are never changed).
 */
export function RulesPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const rules = usePolling(() => client['rules.list']({}), 60_000, [client]);
  const products = usePolling(() => client['products.list']({}), 60_000, [client]);
  const [saved, setSaved] = useState<{ product: string; day: string } | null>(null);
  const nameOf = (code: string) => products.data?.find((p) => p.code === code)?.name ?? code;
  const names = (codes: readonly string[]) => (codes.length ? codes.map(nameOf).join(', ') : t('rules.panel.none'));
  const ages = (v: Version) => (v.minAgeYears === null && v.maxAgeYears === null ? t('rules.panel.any') : t('rules.panel.ageRange', { min: v.minAgeYears ?? 0, max: v.maxAgeYears ?? '…' }));

  return (
    <section aria-labelledby="rules-heading" data-testid="rules-panel">
      <h1 id="rules-heading">{t('rules.panel.heading')}</h1>
      <Notice kind="info" testId="rules-note">
        {t('rules.panel.note')}
      </Notice>
      <ErrorNotice error={rules.error ? errorText(rules.error, t) : products.error ? errorText(products.error, t) : null} />
      {saved ? (
        <Notice kind="ok" testId="rules-saved">
          {t('rules.panel.saved', { product: saved.product, day: formatDay(saved.day, lang) })}
        </Notice>
      ) : null}
      <table className="data-table">
        <caption>{t('rules.panel.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.panel.product')}</th>
            <th scope="col">{t('rules.panel.validFrom')}</th>
            <th scope="col">{t('rules.panel.interval')}</th>
            <th scope="col">{t('rules.panel.ages')}</th>
            <th scope="col">{t('rules.panel.mixed')}</th>
            <th scope="col">{t('rules.panel.booster')}</th>
            <th scope="col">{t('rules.panel.by')}</th>
          </tr>
        </thead>
        <tbody>
          {(rules.data?.versions ?? []).map((v) => (
            <tr key={v.id} data-testid="rule-row" data-product={v.productCode} data-from={v.validFrom} data-in-force={v.inForce ? 'true' : 'false'} className={v.inForce ? 'in-force' : undefined}>
              <td>{nameOf(v.productCode)}</td>
              <td>
                <div>{formatDay(v.validFrom, lang, 'short')}</div>
                {v.inForce ? <strong data-testid="rule-in-force">{t('rules.panel.inForce')}</strong> : null}
              </td>
              <td>{v.interval ? t('rules.panel.intervalDays', { min: v.interval.minDays, target: v.interval.targetDays, max: v.interval.maxDays }) : t('rules.panel.oneDose')}</td>
              <td>{ages(v)}</td>
              <td>{names(v.mixedWith)}</td>
              <td>{v.booster ? t('rules.panel.boosterSummary', { products: names(v.booster.products), days: v.booster.minDaysAfterLastDose, age: v.booster.minAgeYears ?? 0 }) : t('rules.panel.none')}</td>
              <td>
                {v.reason} — {v.createdBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {products.data && rules.data ? (
        <AddVersion
          products={products.data}
          versions={rules.data.versions}
          today={rules.data.today}
          onSaved={(product, day) => {
            setSaved({ product, day });
            rules.reload();
          }}
        />
      ) : null}
    </section>
  );
}
