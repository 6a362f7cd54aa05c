import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import type { z } from 'zod';
import type { VialView } from '../../../shared/api/vials';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { productName, useProducts, type Action } from '../../api/hooks';
import { ManualEntry } from '../../scanner/ManualEntry';
import { validateVialEntry } from '../../scanner/validate';
import { formatClock, formatDay } from '../../i18n/format';
import type { ChosenVaccine } from './types';

type Vial = z.infer<typeof VialView>;

/** A vial from the station's open vials: its lot and what is left in it. */
export function vaccineFromVial(vial: Vial, name: string): ChosenVaccine {
  return { lotId: vial.lotId, productCode: vial.productCode, productName: name, lot: vial.lot, expiry: vial.expiry, vial };
}

/**
 * Which vaccine: scan the vial's DataMatrix (anywhere on the page), pick an open vial, type the
 * code from the label, or, for a vial without a 2D code, type product, lot and expiry.
 */
export function VialStep({
  products: allowed,
  action,
  onScanText,
  onChoose,
  refresh,
}: {
  /** Products this person may receive (empty: any). */
  products: readonly string[];
  action: Action;
  onScanText: (text: string) => void;
  onChoose: (chosen: ChosenVaccine) => void;
  refresh: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const [vials, setVials] = useState<Vial[]>([]);
  const [typed, setTyped] = useState({ productCode: '', lot: '', expiry: '' });

  useEffect(() => {
    let alive = true;
    client['vials.list']({}).then(
      (v) => alive && setVials(v),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [client, refresh]);

  const usable = vials.filter((v) => v.usable && (allowed.length === 0 || allowed.includes(v.productCode)));
  const choices = products.filter((p) => p.active && (allowed.length === 0 || allowed.includes(p.code)));

  const registerLot = async (event: FormEvent) => {
    event.preventDefault();
    const lot = await action.run(() => client['vials.registerLot']({ productCode: typed.productCode || choices[0]?.code || '', lot: typed.lot.trim(), expiry: typed.expiry }));
    if (lot) onChoose({ lotId: lot.lotId, productCode: lot.productCode, productName: lot.productName, lot: lot.lot, expiry: lot.expiry, vial: null });
  };

  return (
    <div className="vial-step" data-testid="vial-step">
      <p className="scan-instruction">
        <span aria-hidden="true" className="scan-icon">
          ▮▯▮
        </span>{' '}
        {t('ui.vaccinator.vial.prompt')}
      </p>
      {usable.length > 0 ? (
        <div className="open-vials">
          <h3>{t('ui.vaccinator.vial.open')}</h3>
          <ul className="choice-list">
            {usable.map((v) => (
              <li key={v.id}>
                <button type="button" onClick={() => onChoose(vaccineFromVial(v, productName(products, v.productCode)))} data-testid="open-vial">
                  {t('ui.vaccinator.vial.openLine', {
                    product: productName(products, v.productCode),
                    lot: v.lot,
                    left: v.dosesLeft,
                    until: formatClock(v.usableUntil, lang),
                  })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ManualEntry
        id="vial-entry"
        scanField
        label={t('ui.vaccinator.vial.entryLabel')}
        hint={t('ui.vaccinator.vial.entryHint')}
        submitLabel={t('ui.vaccinator.vial.use')}
        validate={(text) => validateVialEntry(text, t)}
        liveAfter={18}
        onSubmit={onScanText}
      />
      <details className="typed-lot">
        <summary>{t('ui.vaccinator.lot.heading')}</summary>
        <form onSubmit={(e) => void registerLot(e)} className="lot-form">
          <div className="field">
            <label htmlFor="lot-product">{t('ui.vaccinator.lot.product')}</label>
            <select id="lot-product" value={typed.productCode || choices[0]?.code || ''} onChange={(e) => setTyped({ ...typed, productCode: e.target.value })}>
              {choices.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="lot-number">{t('ui.vaccinator.lot.lot')}</label>
            <input id="lot-number" value={typed.lot} maxLength={20} autoComplete="off" onChange={(e) => setTyped({ ...typed, lot: e.target.value })} />
          </div>
          <DateField id="lot-expiry" label={t('ui.vaccinator.lot.expiry')} steps={false} allowEmpty value={typed.expiry} onChange={(expiry) => setTyped({ ...typed, expiry })} />
          <button type="submit" disabled={!typed.lot.trim() || !typed.expiry}>
            {t('ui.vaccinator.lot.use')}
          </button>
        </form>
        {typed.expiry ? <p className="hint">{formatDay(typed.expiry, lang)}</p> : null}
      </details>
    </div>
  );
}
