import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ResultOf } from '../../shared/contract';
import type { StationStatus } from '../../shared/api/station';
import type { Language } from '../../shared/i18n/languages';
import { useStation } from '../api/StationContext';
import { errorText, productName, usePolling, useProducts } from '../api/hooks';
import { StationCallError } from '../api/transport';
import { DateField } from '../components/DateField';
import { ErrorNotice, Notice } from '../components/Notice';
import { useScanField } from '../scanner/useScanField';
import { TypedLot, type TypedLotView } from './paper/TypedLot';
import { fieldOf, SITES, typedTime, type Field } from './paper/paper-row';
import { brusselsDay, formatAppointment, formatDay, formatNationalNumber } from '../i18n/format';

type Recorded = ResultOf<'booking.administer'>;
const lotsOf = (vials: ResultOf<'vials.list'>) => [...new Map(vials.map((v) => [v.lotId, v])).values()];

/**
 * Paper records (vaccinators and supervisors): doses written on paper while a station was down,
 * typed in one row at a time with the keyboard only. Enter records the row (booking.rekey), the
 * form clears to the next paper with the focus on the national number; the date, lot and
 * vaccinator stay, as a stack of paper is usually one vaccinator and one lot.
 */
export function PaperScreen({ status }: { status: StationStatus | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const products = useProducts();
  const { data: vials } = usePolling(() => client['vials.list']({}), 30_000, [client]);
  // Lots typed in this sitting (no vial of this station carries them) come after the vials' lots.
  const [typedLots, setTypedLots] = useState<TypedLotView[]>([]);
  const lots = [...lotsOf(vials ?? []), ...typedLots];
  const ssinRef = useRef<HTMLInputElement>(null);
  const [ssin, setSsin] = useState('');
  const [time, setTime] = useState('');
  const [date, setDate] = useState(() => brusselsDay(status?.now ?? new Date()));
  const [lotId, setLotId] = useState('');
  const [vaccinator, setVaccinator] = useState('');
  const [site, setSite] = useState('');
  const [error, setError] = useState<{ field: Field; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Recorded[]>([]);
  useScanField(ssinRef, !busy);
  // Opening the screen (often by keyboard from the menu) starts in the first field of the row.
  useEffect(() => ssinRef.current?.focus(), []);
  const chosenLot = lotId || lots[0]?.lotId || '';

  const refuse = (field: Field, text: string) => {
    setError({ field, text });
    document.getElementById(`paper-${field === 'form' ? 'ssin' : field}`)?.focus();
  };

  const record = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const hhmm = typedTime(time);
    if (!hhmm) return refuse('time', t('ui.paper.badTime'));
    setBusy(true);
    setError(null);
    try {
      const [siteCode, side] = site ? site.split('|') : [];
      const r = await client['booking.rekey']({
        ssin,
        date,
        time: hhmm,
        lotId: chosenLot,
        vaccinator: vaccinator.trim(),
        ...(siteCode && (side === 'left' || side === 'right') ? { administration: { site: siteCode as '35259002', side } } : {}),
      });
      setDone((list) => [r, ...list]);
      setSsin('');
      setTime('');
      setSite('');
      ssinRef.current?.focus();
    } catch (err) {
      refuse(err instanceof StationCallError ? fieldOf(err.code) : 'form', errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  // Enter in a list records the row too, as in the text fields (the keyboard never leaves the form).
  const enterSubmits = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
      e.preventDefault();
      void record();
    }
  };
  const errorFor = (field: Field) => (error?.field === field ? error.text : null);
  const described = (field: Field, hint?: string) => [hint, error?.field === field ? `paper-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <section className="paper" aria-labelledby="paper-heading" data-testid="paper-screen">
      <h1 id="paper-heading">{t('ui.paper.heading')}</h1>
      <p className="lead">{t('ui.paper.intro')}</p>
      <form className="paper-row" aria-label={t('ui.paper.form')} onSubmit={(e) => void record(e)} onKeyDown={enterSubmits} noValidate>
        <div className="paper-field">
          <label htmlFor="paper-ssin">{t('ui.paper.ssin')}</label>
          <input
            id="paper-ssin"
            ref={ssinRef}
            value={ssin}
            onChange={(e) => setSsin(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            aria-invalid={error?.field === 'ssin' || undefined}
            aria-describedby={described('ssin')}
            data-testid="paper-ssin"
          />
          <FieldError id="paper-ssin-error" text={errorFor('ssin')} />
        </div>
        <div className="paper-field">
          <label htmlFor="paper-time">{t('ui.paper.time')}</label>
          <input
            id="paper-time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            size={6}
            maxLength={8}
            aria-invalid={error?.field === 'time' || undefined}
            aria-describedby={described('time', 'paper-time-hint')}
            data-testid="paper-time"
          />
          <p id="paper-time-hint" className="hint">
            {t('ui.paper.timeHint')}
          </p>
          <FieldError id="paper-time-error" text={errorFor('time')} />
        </div>
        <DateField id="paper-date" value={date} onChange={setDate} label={t('ui.paper.date')} steps={false} />
        <div className="paper-field">
          <label htmlFor="paper-lot">{t('ui.paper.lot')}</label>
          <select
            id="paper-lot"
            value={chosenLot}
            onChange={(e) => setLotId(e.target.value)}
            aria-invalid={error?.field === 'lot' || undefined}
            aria-describedby={described('lot')}
            data-testid="paper-lot"
          >
            {lots.map((v) => (
              <option key={v.lotId} value={v.lotId}>
                {t('ui.paper.lotOption', { product: productName(products, v.productCode), lot: v.lot, expiry: formatDay(v.expiry, lang, 'short') })}
              </option>
            ))}
          </select>
          {vials && lots.length === 0 ? <p className="hint">{t('ui.paper.noLots')}</p> : null}
          <FieldError id="paper-lot-error" text={errorFor('lot')} />
        </div>
        <div className="paper-field">
          <label htmlFor="paper-vaccinator">{t('ui.paper.vaccinator')}</label>
          <input
            id="paper-vaccinator"
            value={vaccinator}
            onChange={(e) => setVaccinator(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-invalid={error?.field === 'vaccinator' || undefined}
            aria-describedby={described('vaccinator')}
            data-testid="paper-vaccinator"
          />
          <FieldError id="paper-vaccinator-error" text={errorFor('vaccinator')} />
        </div>
        <div className="paper-field">
          <label htmlFor="paper-site">{t('ui.paper.site')}</label>
          <select id="paper-site" value={site} onChange={(e) => setSite(e.target.value)} data-testid="paper-site">
            <option value="">{t('ui.paper.siteDefault')}</option>
            {SITES.map((s) => {
              const [code, side] = s.split('|');
              return (
                <option key={s} value={s}>
                  {t('ui.paper.siteOption', { site: t(`ui.administration.site.${code}`), side: t(`ui.administration.side.${side}`) })}
                </option>
              );
            })}
          </select>
        </div>
        <div className="paper-actions">
          <button type="submit" className="primary" disabled={busy || !chosenLot} data-testid="paper-record">
            {t('ui.paper.record')}
          </button>
        </div>
      </form>
      <TypedLot
        onAdded={(lot) => {
          setTypedLots((list) => [...list.filter((l) => l.lotId !== lot.lotId), lot]);
          setLotId(lot.lotId);
          document.getElementById('paper-lot')?.focus();
        }}
      />
      <ErrorNotice error={errorFor('form')} testId="paper-error" />
      {done[0] ? (
        <Notice kind="ok" testId="paper-notice">
          {t('ui.paper.recorded', { name: `${done[0].person.givenNames} ${done[0].person.familyName}`.trim(), dose: done[0].dose.doseNumber })}
        </Notice>
      ) : null}
      <RecordedList records={done} t={t} lang={lang} />
    </section>
  );
}

function FieldError({ id, text }: { id: string; text: string | null }) {
  return (
    <p id={id} className="manual-entry-error" role={text ? 'alert' : undefined} data-testid={text ? `${id}` : undefined}>
      {text ?? ''}
    </p>
  );
}

function nextText(r: Recorded, t: TFunction, lang: Language): string {
  if (r.next.kind === 'booked') return `${formatAppointment(r.next.appointment.start, lang)} · ${r.next.appointment.shortCode}`;
  if (r.next.kind === 'to_be_booked') return t('ui.paper.next.toBeBooked');
  return t('ui.paper.next.none');
}

function RecordedList({ records, t, lang }: { records: Recorded[]; t: TFunction; lang: Language }) {
  if (records.length === 0) return <p data-testid="paper-empty">{t('ui.paper.empty')}</p>;
  return (
    <table className="data-table" data-testid="paper-list">
      <caption data-testid="paper-count">{t('ui.paper.caption', { count: records.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.paper.col.person')}</th>
          <th scope="col">{t('ui.paper.col.given')}</th>
          <th scope="col">{t('ui.paper.col.dose')}</th>
          <th scope="col">{t('ui.paper.col.next')}</th>
          <th scope="col">{t('ui.paper.col.card')}</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={r.dose.id} data-testid="paper-row" data-ssin={r.person.ssin}>
            <th scope="row">
              {`${r.person.givenNames} ${r.person.familyName}`.trim()}
              <br />
              <span className="muted">{formatNationalNumber(r.person.ssin)}</span>
            </th>
            <td>{formatAppointment(r.dose.administeredAt, lang)}</td>
            <td>
              {r.dose.productName} · {r.dose.doseNumber} · {r.dose.lot}
            </td>
            <td data-testid="paper-next">{nextText(r, t, lang)}</td>
            <td>{r.printJobId ? t('ui.paper.card.queued') : t('ui.paper.card.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
