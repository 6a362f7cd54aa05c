import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';
import { useStation } from '../api/StationContext';
import { errorText, productName, useAction, usePolling, useProducts } from '../api/hooks';
import { DateField } from '../components/DateField';
import { ErrorNotice, Notice } from '../components/Notice';
import { formatAppointment, formatDay, formatNationalNumber, LANGUAGE_NAMES } from '../i18n/format';

type Waiting = ResultOf<'booking.toBeBooked'>[number];
type Slots = ResultOf<'booking.proposeSlots'>['slots'];

const nameOf = (w: Waiting) => (w.person ? `${w.person.givenNames} ${w.person.familyName}`.trim() : formatNationalNumber(w.ssin));

/**
 * The follow-up desk (check-in and supervisors): everyone whose next dose is not booked, with why,
 * the allowed window, language and contact, the window ending first at the top. Book one person on
 * a chosen place, or everyone who fits now (after new sessions or a rebalance). No card is printed:
 * the people are not at the desk.
 */
export function FollowUpScreen() {
  const { t } = useTranslation();
  const client = useStation();
  const products = useProducts();
  const [productCode, setProductCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const bulk = useAction(t);
  const filter = { ...(productCode ? { productCode } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const { data: list, error, reload } = usePolling(() => client['booking.toBeBooked'](filter), 15_000, [client, productCode, from, to]);

  const bookAll = async () => {
    const r = await bulk.run(() => client['booking.bookAllThatFit'](filter));
    if (!r) return;
    setNotice(t('ui.followup.bookAllDone', { booked: r.booked, left: r.left }));
    reload();
  };

  return (
    <section className="follow-up" aria-labelledby="followup-heading" data-testid="follow-up">
      <h1 id="followup-heading">{t('ui.followup.heading')}</h1>
      <p className="lead">{t('ui.followup.intro')}</p>
      <fieldset className="filters">
        <legend>{t('ui.followup.filters')}</legend>
        <div className="product-filter">
          <label htmlFor="followup-product">{t('ui.followup.product')}</label>
          <select id="followup-product" value={productCode} onChange={(e) => setProductCode(e.target.value)} data-testid="followup-product">
            <option value="">{t('ui.followup.productAll')}</option>
            {products
              .filter((p) => p.dosesInCourse > 1)
              .map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
          </select>
        </div>
        <DateField id="followup-from" value={from} onChange={setFrom} label={t('ui.followup.from')} steps={false} allowEmpty />
        <DateField id="followup-to" value={to} onChange={setTo} label={t('ui.followup.to')} steps={false} allowEmpty />
      </fieldset>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void bookAll()} disabled={bulk.busy || !list || list.length === 0} data-testid="followup-book-all">
          {t('ui.followup.bookAll')}
        </button>
      </div>
      <ErrorNotice error={bulk.error} testId="followup-book-all-error" />
      {notice ? (
        <Notice kind="ok" testId="followup-notice">
          {notice}
        </Notice>
      ) : null}
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {list && list.length === 0 ? <p data-testid="followup-empty">{t('ui.followup.empty')}</p> : null}
      {list && list.length > 0 ? (
        <table className="data-table" data-testid="followup-list">
          <caption>{t('ui.followup.caption', { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ui.followup.col.person')}</th>
              <th scope="col">{t('ui.followup.col.dose')}</th>
              <th scope="col">{t('ui.followup.col.reason')}</th>
              <th scope="col">{t('ui.followup.col.window')}</th>
              <th scope="col">{t('ui.followup.col.language')}</th>
              <th scope="col">{t('ui.followup.col.contact')}</th>
              <th scope="col">{t('ui.followup.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.flatMap((w) => [
              <WaitingRow key={w.id} waiting={w} productLabel={productName(products, w.productCode)} expanded={open === w.id} onToggle={() => setOpen(open === w.id ? null : w.id)} />,
              open === w.id ? (
                <tr key={`${w.id}-book`} className="expanded">
                  <td colSpan={7}>
                    <BookOne
                      waiting={w}
                      onBooked={(message) => {
                        setNotice(message);
                        setOpen(null);
                        reload();
                      }}
                      onClose={() => setOpen(null)}
                    />
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function WaitingRow({ waiting: w, productLabel, expanded, onToggle }: { waiting: Waiting; productLabel: string; expanded: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const contact = [w.contact.phone, w.contact.email].filter(Boolean).join(' · ');
  return (
    <tr data-testid="followup-row" data-ssin={w.ssin}>
      <th scope="row">
        {nameOf(w)}
        <br />
        <span className="muted">{formatNationalNumber(w.ssin)}</span>
      </th>
      <td>
        {productLabel} · {w.doseNumber}
      </td>
      <td data-testid="followup-reason">{t(`ui.followup.reason.${w.reason}`)}</td>
      <td>{t('ui.followup.window', { from: formatDay(w.earliestDate, lang, 'short'), to: formatDay(w.latestDate, lang, 'short') })}</td>
      <td lang={w.person?.language}>{w.person ? LANGUAGE_NAMES[w.person.language] : '—'}</td>
      <td>{contact || t('ui.followup.noContact')}</td>
      <td>
        <button type="button" aria-expanded={expanded} onClick={onToggle} data-testid="followup-book">
          {t('ui.followup.book')}
        </button>
      </td>
    </tr>
  );
}

/** The free places for one person, as a radio group; Enter books the chosen one, Escape closes. */
function BookOne({ waiting, onBooked, onClose }: { waiting: Waiting; onBooked: (message: string) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const { data: proposed, error } = usePolling(() => client['booking.proposeSlots']({ ssin: waiting.ssin, limit: 8 }), 0, [client, waiting.ssin]);
  const slots: Slots = proposed?.slots ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const slotId = chosen ?? slots[0]?.slotId ?? null;
  const name = nameOf(waiting);

  const book = async () => {
    if (!slotId) return;
    const r = await action.run(() => client['booking.book']({ ssin: waiting.ssin, slotId, print: false }));
    if (!r) return;
    onBooked(r.kind === 'booked' ? t('ui.followup.booked', { name, when: formatAppointment(r.appointment.start, lang), code: r.appointment.shortCode }) : t('ui.followup.stillWaiting', { name }));
  };

  return (
    <form
      className="change-panel"
      data-testid="followup-slots"
      onSubmit={(e) => {
        e.preventDefault();
        void book();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <ErrorNotice error={error ? errorText(error, t) : null} />
      {proposed && slots.length === 0 ? <p role="status">{t('ui.followup.noSlots')}</p> : null}
      {slots.length > 0 ? (
        <fieldset className="choice-list slots">
          <legend>{t('ui.followup.slotsFor', { name })}</legend>
          {slots.map((s, i) => (
            <label key={s.slotId} className="choice">
              <input type="radio" name={`slot-${waiting.id}`} value={s.slotId} checked={slotId === s.slotId} autoFocus={i === 0} onChange={() => setChosen(s.slotId)} data-testid="followup-slot" />
              {formatAppointment(s.start, lang)}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || !slotId} data-testid="followup-book-slot">
          {t('ui.followup.bookSlot')}
        </button>
        <button type="button" onClick={onClose}>
          {t('ui.followup.close')}
        </button>
      </div>
      <ErrorNotice error={action.error} testId="followup-book-error" />
    </form>
  );
}
