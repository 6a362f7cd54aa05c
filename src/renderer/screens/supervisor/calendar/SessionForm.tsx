import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Weekday } from '../../../../shared/api/centre';
import { useStation, useStationStatus } from '../../../api/StationContext';
import { useAction, useProducts } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { ErrorNotice, Notice } from '../../../components/Notice';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A session's figures, then either one date (capacity.addSession) or a weekly pattern over a
 * range of dates (capacity.applyPattern). Places per slot = booths × people per booth in a slot.
 */
export function SessionForm({ date, openDays, onAdded }: { date: string; openDays: readonly Weekday[] | null; onAdded: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const { status } = useStationStatus();
  const products = useProducts();
  const action = useAction(t);
  const [mode, setMode] = useState<'one' | 'pattern'>('one');
  const [day, setDay] = useState(date);
  const [to, setTo] = useState(date);
  // The centre's opening days as it was created; a centre made before them: Monday to Friday.
  const [weekdays, setWeekdays] = useState<Weekday[]>(() => [...(openDays ?? ['mon', 'tue', 'wed', 'thu', 'fri'])]);
  const [productCode, setProductCode] = useState('');
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [slotMinutes, setSlotMinutes] = useState(15);
  const [booths, setBooths] = useState(4);
  const [perBooth, setPerBooth] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const product = productCode || products[0]?.code || '';
  const capacityPerSlot = booths * perBooth;
  const valid = !!product && TIME.test(start) && TIME.test(end) && start < end && Number.isInteger(booths) && booths >= 1 && booths <= 100 && capacityPerSlot >= 1 && capacityPerSlot <= 500 && !!status;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || !status) return;
    setMessage(null);
    const figures = { productCode: product, start, end, slotMinutes, capacityPerSlot };
    if (mode === 'one') {
      // The booths the places were counted from are kept with the session.
      const r = await action.run(async () => {
        const added = await client['capacity.addSession']({ date: day, ...figures, stationIds: [status.stationId] });
        await client['capacity.setSessionBooths']({ sessionId: added.sessionId, booths });
        return added;
      });
      if (r) setMessage(t('ui.calendar.added', { date: day, start, end }));
    } else {
      const r = await action.run(() => client['capacity.applyPattern']({ from: day, to, weekdays, sessions: [figures], stationIds: [status.stationId] }));
      if (r) setMessage(t('ui.calendar.patternDone', r));
    }
    onAdded();
  };

  const number = (id: string, label: string, value: number, set: (n: number) => void, min: number, max: number) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} value={value} onChange={(e) => set(Number(e.target.value))} />
    </div>
  );

  return (
    <form className="calendar-form" onSubmit={(e) => void submit(e)} aria-labelledby="session-form-heading" data-testid="session-form">
      <h2 id="session-form-heading">{t('ui.calendar.addHeading')}</h2>
      <div className="setup-choice" role="group" aria-label={t('ui.calendar.mode')}>
        <button type="button" aria-pressed={mode === 'one'} onClick={() => setMode('one')} data-testid="mode-one">
          {t('ui.calendar.modeOne')}
        </button>
        <button type="button" aria-pressed={mode === 'pattern'} onClick={() => setMode('pattern')} data-testid="mode-pattern">
          {t('ui.calendar.modePattern')}
        </button>
      </div>
      <DateField id="session-date" label={mode === 'one' ? t('ui.calendar.date') : t('ui.calendar.from')} value={day} onChange={setDay} steps={false} />
      {mode === 'pattern' ? (
        <>
          <DateField id="session-to" label={t('ui.calendar.to')} value={to} onChange={setTo} steps={false} />
          <fieldset className="choices">
            <legend>{t('ui.calendar.weekdays')}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input type="checkbox" checked={weekdays.includes(d)} onChange={(e) => setWeekdays(e.target.checked ? WEEKDAYS.filter((x) => x === d || weekdays.includes(x)) : weekdays.filter((x) => x !== d))} />
                {t(`ui.weekday.${d}`)}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      <div className="row">
        <div className="field">
          <label htmlFor="session-product">{t('ui.dayplan.product')}</label>
          <select id="session-product" value={product} onChange={(e) => setProductCode(e.target.value)}>
            {products.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="session-start">{t('ui.calendar.start')}</label>
          <input id="session-start" value={start} onChange={(e) => setStart(e.target.value)} placeholder="09:00" maxLength={5} inputMode="numeric" />
        </div>
        <div className="field">
          <label htmlFor="session-end">{t('ui.calendar.end')}</label>
          <input id="session-end" value={end} onChange={(e) => setEnd(e.target.value)} placeholder="12:00" maxLength={5} inputMode="numeric" />
        </div>
      </div>
      <div className="row">
        {number('session-slot', t('ui.calendar.slotMinutes'), slotMinutes, setSlotMinutes, 5, 120)}
        {number('session-booths', t('ui.calendar.booths'), booths, setBooths, 1, 100)}
        {number('session-per-booth', t('ui.calendar.perBooth'), perBooth, setPerBooth, 1, 50)}
      </div>
      <p className="hint" data-testid="session-places">
        {t('ui.calendar.placesPerSlot', { count: capacityPerSlot })}
      </p>
      <button type="submit" className="primary" disabled={action.busy || !valid || (mode === 'pattern' && weekdays.length === 0)} data-testid="session-submit">
        {mode === 'one' ? t('ui.calendar.add') : t('ui.calendar.applyPattern')}
      </button>
      {message ? <Notice kind="ok" testId="session-added">{message}</Notice> : null}
      <ErrorNotice error={action.error} testId="session-error" />
    </form>
  );
}
