import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { formatClock } from '../../i18n/format';

const WASTE_REASONS = ['expired_after_puncture', 'contaminated', 'end_of_session', 'other'] as const;
type WasteReason = (typeof WASTE_REASONS)[number];

/** Open vials at every station (close one with a reason) and the standby list for leftover doses. */
export function VialsStandbyPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const action = useAction(t);
  const vials = usePolling(() => client['vials.list']({ allStations: true }), 15_000, [client]);
  // The standby list holds names and phone numbers: read when the panel opens and after each change, not polled.
  const standby = usePolling(async () => [...(await client['standby.list']({ status: 'waiting' })), ...(await client['standby.list']({ status: 'called' }))], 0, [client]);
  // Who to call for the doses left when the session ends soon: the station decides (standby.toCall).
  // Names again, so read every 5 minutes (to notice the last half hour) and after each change, not every 15 s.
  const toCall = usePolling(() => client['standby.toCall']({}), 300_000, [client]);
  const [form, setForm] = useState({ displayName: '', phone: '', productCodes: [] as string[] });

  // Closing asks first: which vial, how many doses are thrown away and why (the back end refuses without a reason).
  const [closing, setClosing] = useState<{ vialId: string; left: number; reason: WasteReason | ''; note: string } | null>(null);
  const close = async (event: FormEvent) => {
    event.preventDefault();
    if (!closing) return;
    const { vialId, reason, note } = closing;
    const done = await action.run(() => client['vials.close']({ vialId, ...(reason ? { reason } : {}), ...(note.trim() ? { note: note.trim() } : {}) }));
    if (done) {
      setClosing(null);
      vials.reload();
      toCall.reload();
    }
  };
  const setStatus = async (id: string, status: 'called' | 'vaccinated' | 'removed') => {
    if (await action.run(() => client['standby.update']({ id, status }))) {
      standby.reload();
      toCall.reload();
    }
  };
  const answer = async (id: string, outcome: 'called' | 'coming' | 'unreachable') => {
    if (await action.run(() => client['standby.callOutcome']({ id, outcome }))) {
      standby.reload();
      toCall.reload();
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    // No default vaccine: the station refuses an entry without one, in the staff's language.
    const added = await action.run(() => client['standby.add']({ displayName: form.displayName.trim(), phone: form.phone.trim() || null, productCodes: form.productCodes }));
    if (added) {
      setForm({ displayName: '', phone: '', productCodes: [] });
      standby.reload();
      toCall.reload();
    }
  };

  return (
    <section aria-labelledby="vials-heading" data-testid="vials-standby">
      <h1 id="vials-heading">{t('ui.vials.heading')}</h1>
      <ErrorNotice error={vials.error ? errorText(vials.error, t) : null} />
      {vials.data && vials.data.length === 0 ? <p>{t('ui.vials.none')}</p> : null}
      <ul className="plain-list">
        {(vials.data ?? []).map((v) => (
          <li key={v.id} className="row-with-action">
            <span>
              {t('ui.vials.line', { product: productName(products, v.productCode), lot: v.lot, station: v.stationId, left: v.dosesLeft, total: v.dosesTotal, until: formatClock(v.usableUntil, lang) })}
              {v.expired ? ` — ${t('ui.vials.expired')}` : ''}
            </span>
            <button type="button" onClick={() => setClosing({ vialId: v.id, left: v.dosesLeft, reason: '', note: '' })}>
              {t('ui.vials.close')}
            </button>
            {closing?.vialId === v.id ? (
              <form className="vial-close-confirm" aria-labelledby={`close-${v.id}`} onSubmit={(e) => void close(e)}>
                <h3 id={`close-${v.id}`}>{t('ui.vials.confirmHeading', { left: closing.left })}</h3>
                <fieldset>
                  <legend>{t('ui.vials.reasonLegend')}</legend>
                  {WASTE_REASONS.map((r) => (
                    <label key={r} className="check">
                      <input type="radio" name={`reason-${v.id}`} value={r} checked={closing.reason === r} onChange={() => setClosing({ ...closing, reason: r })} />
                      {t(`ui.vials.reason.${r}`)}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor={`close-note-${v.id}`}>{t('ui.vials.note')}</label>
                  <input id={`close-note-${v.id}`} value={closing.note} onChange={(e) => setClosing({ ...closing, note: e.target.value })} autoComplete="off" />
                </div>
                <button type="submit" disabled={action.busy}>
                  {t('ui.vials.confirmClose', { left: closing.left })}
                </button>
                <button type="button" onClick={() => setClosing(null)}>
                  {t('ui.vials.keepOpen')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>

      {toCall.data?.callNow && toCall.data.people.length > 0 ? (
        <section aria-labelledby="to-call-heading" data-testid="standby-to-call">
          <h2 id="to-call-heading">
            {t('ui.standby.toCallHeading', { doses: toCall.data.dosesLeft.reduce((sum, d) => sum + d.doses, 0), end: formatClock(toCall.data.sessionEndsAt!, lang) })}
          </h2>
          <ol className="plain-list">
            {toCall.data.people.map((p) => (
              <li key={p.id} className="row-with-action">
                <span>
                  {p.displayName}
                  {p.phone ? ` · ${p.phone}` : ''} · {productName(products, p.forProduct)}
                  {p.callOutcome ? ` · ${t(`ui.standby.callOutcome.${p.callOutcome}`)}` : ''}
                </span>
                <button type="button" onClick={() => void answer(p.id, 'called')}>
                  {t('ui.standby.call')}
                </button>
                <button type="button" onClick={() => void answer(p.id, 'coming')}>
                  {t('ui.standby.coming')}
                </button>
                <button type="button" onClick={() => void answer(p.id, 'unreachable')}>
                  {t('ui.standby.unreachable')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <h2>{t('ui.standby.heading')}</h2>
      <ErrorNotice error={standby.error ? errorText(standby.error, t) : null} />
      {standby.data && standby.data.length === 0 ? <p>{t('ui.standby.none')}</p> : null}
      <ul className="plain-list">
        {(standby.data ?? []).map((s) => (
          <li key={s.id} className="row-with-action">
            <span>
              {s.displayName}
              {s.phone ? ` · ${s.phone}` : ''} · {s.productCodes.map((c) => productName(products, c)).join(', ')} · {t(`ui.standby.status.${s.status}`)}
            </span>
            {s.status === 'waiting' ? (
              <button type="button" onClick={() => void setStatus(s.id, 'called')}>
                {t('ui.standby.call')}
              </button>
            ) : null}
            <button type="button" onClick={() => void setStatus(s.id, 'vaccinated')}>
              {t('ui.standby.vaccinated')}
            </button>
            <button type="button" onClick={() => void setStatus(s.id, 'removed')}>
              {t('ui.standby.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form className="standby-form" onSubmit={(e) => void add(e)}>
        <h3>{t('ui.standby.add')}</h3>
        <div className="field">
          <label htmlFor="standby-name">{t('ui.standby.name')}</label>
          <input id="standby-name" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="standby-phone">{t('ui.standby.phone')}</label>
          <input id="standby-phone" value={form.phone} inputMode="tel" onChange={(e) => setForm({ ...form, phone: e.target.value })} autoComplete="off" />
        </div>
        <fieldset>
          <legend>{t('ui.standby.products')}</legend>
          {products
            .filter((p) => p.active)
            .map((p) => (
              <label key={p.code} className="check">
                <input
                  type="checkbox"
                  checked={form.productCodes.includes(p.code)}
                  onChange={(e) => setForm({ ...form, productCodes: e.target.checked ? [...form.productCodes, p.code] : form.productCodes.filter((c) => c !== p.code) })}
                />
                {p.name}
              </label>
            ))}
        </fieldset>
        <button type="submit" disabled={!form.displayName.trim() || action.busy}>
          {t('ui.standby.addButton')}
        </button>
      </form>
      <ErrorNotice error={action.error} />
    </section>
  );
}
