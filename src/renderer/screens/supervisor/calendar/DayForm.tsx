import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../../api/StationContext';
import { useAction } from '../../../api/hooks';
import { DateField } from '../../../components/DateField';
import { ErrorNotice, Notice } from '../../../components/Notice';

/** A closed day or holiday (capacity.setDayOpen): a closed day offers no slot, whatever its sessions. */
export function DayForm({ date, onChanged }: { date: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [day, setDay] = useState(date);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const mark = async (open: boolean, event?: FormEvent) => {
    event?.preventDefault();
    const r = await action.run(() => client['capacity.setDayOpen']({ date: day, open, note: note.trim() || null }));
    if (r) {
      setMessage(t(open ? 'ui.calendar.dayOpened' : 'ui.calendar.dayClosed', { date: day }));
      onChanged();
    }
  };

  return (
    <form className="calendar-form" onSubmit={(e) => void mark(false, e)} aria-labelledby="day-form-heading" data-testid="day-form">
      <h2 id="day-form-heading">{t('ui.calendar.dayHeading')}</h2>
      <DateField id="closed-day" label={t('ui.calendar.date')} value={day} onChange={setDay} steps={false} />
      <div className="field">
        <label htmlFor="closed-note">{t('ui.calendar.note')}</label>
        <input id="closed-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
      </div>
      <div className="actions">
        <button type="submit" disabled={action.busy}>
          {t('ui.calendar.markClosed')}
        </button>
        <button type="button" onClick={() => void mark(true)} disabled={action.busy}>
          {t('ui.calendar.markOpen')}
        </button>
      </div>
      {message ? <Notice kind="ok">{message}</Notice> : null}
      <ErrorNotice error={action.error} />
    </form>
  );
}
