import { useTranslation } from 'react-i18next';

/** The day a supervisor panel shows, with buttons for the day before and after. */
export function DateField({ id, value, onChange }: { id: string; value: string; onChange: (day: string) => void }) {
  const { t } = useTranslation();
  const shift = (days: number) => {
    const d = new Date(`${value}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    onChange(d.toISOString().slice(0, 10));
  };
  return (
    <div className="date-field">
      <label htmlFor={id}>{t('ui.supervisor.day')}</label>
      <button type="button" onClick={() => shift(-1)} aria-label={t('ui.supervisor.dayBefore')}>
        ‹
      </button>
      <input id={id} type="date" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} />
      <button type="button" onClick={() => shift(1)} aria-label={t('ui.supervisor.dayAfter')}>
        ›
      </button>
    </div>
  );
}
