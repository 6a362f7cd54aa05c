import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionOverview } from '../../../../shared/api/capacity';

/**
 * A session's booths (1 to 100), or none. Only the booths: places per slot stay as they are and
 * must share out evenly over the booths (the station refuses otherwise, capacity.booths_capacity).
 */
export function BoothsForm({ session, busy, onSubmit, onCancel }: { session: SessionOverview; busy: boolean; onSubmit: (booths: number | null) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(session.booths === null ? '' : String(session.booths));
  const booths = text.trim() === '' ? null : Number(text);
  const valid = booths === null || (Number.isInteger(booths) && booths >= 1 && booths <= 100);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSubmit(booths);
  };
  return (
    <form className="calendar-form" onSubmit={submit} aria-labelledby="booths-heading" data-testid="booths-form">
      <h2 id="booths-heading">{t('ui.calendar.boothsHeading', { date: session.date, start: session.start })}</h2>
      <p className="hint">{t('ui.calendar.boothsHint', { places: session.capacityPerSlot })}</p>
      <div className="field">
        <label htmlFor="booths-count">{t('ui.calendar.booths')}</label>
        <input id="booths-count" type="number" min={1} max={100} value={text} onChange={(e) => setText(e.target.value)} autoFocus data-testid="booths-count" />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !valid} data-testid="booths-submit">
          {t('ui.calendar.boothsSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ui.calendar.keep')}
        </button>
      </div>
    </form>
  );
}
