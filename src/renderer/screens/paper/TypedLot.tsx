import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../../shared/contract';
import { useStation } from '../../api/StationContext';
import { useAction, useProducts } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/Notice';

export type TypedLotView = ResultOf<'vials.registerLot'>;

/**
 * A lot from the paper that no vial of this station carries: typed with its vaccine and expiry
 * (vials.registerLot, the same rules as a vial typed at the booth), then chosen in the row.
 */
export function TypedLot({ onAdded }: { onAdded: (lot: TypedLotView) => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const products = useProducts();
  const action = useAction(t);
  const [productCode, setProductCode] = useState('');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const chosen = productCode || products[0]?.code || '';

  const add = async () => {
    const r = await action.run(() => client['vials.registerLot']({ productCode: chosen, lot: lot.trim(), expiry }));
    if (!r) return;
    setLot('');
    onAdded(r);
  };

  return (
    <details className="paper-typed-lot" data-testid="paper-typed-lot">
      <summary>{t('ui.paper.typeLot')}</summary>
      <div className="paper-row">
        <div className="paper-field">
          <label htmlFor="paper-typed-product">{t('ui.paper.typedProduct')}</label>
          <select id="paper-typed-product" value={chosen} onChange={(e) => setProductCode(e.target.value)} data-testid="paper-typed-product">
            {products.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="paper-field">
          <label htmlFor="paper-typed-lot-number">{t('ui.paper.typedLot')}</label>
          <input id="paper-typed-lot-number" value={lot} onChange={(e) => setLot(e.target.value)} autoComplete="off" spellCheck={false} maxLength={20} data-testid="paper-typed-lot-number" />
        </div>
        <DateField id="paper-typed-expiry" value={expiry} onChange={setExpiry} label={t('ui.paper.typedExpiry')} steps={false} allowEmpty />
        <div className="paper-actions">
          <button type="button" onClick={() => void add()} disabled={action.busy || !chosen || !lot.trim() || !expiry} data-testid="paper-add-lot">
            {t('ui.paper.addLot')}
          </button>
        </div>
      </div>
      <ErrorNotice error={action.error} testId="paper-typed-lot-error" />
    </details>
  );
}
