import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionOverview } from '../../../../shared/api/capacity';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface SessionChangeRequest {
  end: string;
  capacityPerSlot: number;
}

/** A session's new end or places per slot; the panel sends it and asks about affected people. */
export function ChangeSessionForm({ session, busy, onSubmit, onCancel }: { session: SessionOverview; busy: boolean; onSubmit: (change: SessionChangeRequest) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [end, setEnd] = useState(session.end);
  const [places, setPlaces] = useState(session.capacityPerSlot);
  const valid = TIME.test(end) && end > session.start && places >= 1 && places <= 500;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSubmit({ end, capacityPerSlot: places });
  };
  return (
    <form className="calendar-form" onSubmit={submit} aria-labelledby="change-heading" data-testid="change-form">
      <h2 id="change-heading">{t('ui.calendar.changeHeading', { date: session.date, start: session.start })}</h2>
      <p className="hint">{t('ui.calendar.changeHint')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor="change-end">{t('ui.calendar.end')}</label>
          <input id="change-end" value={end} onChange={(e) => setEnd(e.target.value)} maxLength={5} inputMode="numeric" autoFocus />
        </div>
        <div className="field">
          <label htmlFor="change-places">{t('ui.calendar.placesPerSlotLabel')}</label>
          <input id="change-places" type="number" min={1} max={500} value={places} onChange={(e) => setPlaces(Number(e.target.value))} />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !valid} data-testid="change-submit">
          {t('ui.calendar.changeSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.calendar.keep')}
        </button>
      </div>
    </form>
  );
}
