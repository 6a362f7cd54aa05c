import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField';
import { PARTS_OF_DAY, type Preference } from './types';

/** When the citizen can come back: parts of the day (toggles) and a first possible day. */
export function PreferencePicker({ value, onChange, idPrefix }: { value: Preference; onChange: (p: Preference) => void; idPrefix: string }) {
  const { t } = useTranslation();
  const toggle = (part: (typeof PARTS_OF_DAY)[number]) =>
    onChange({ ...value, partsOfDay: value.partsOfDay.includes(part) ? value.partsOfDay.filter((p) => p !== part) : [...value.partsOfDay, part] });
  return (
    <div className="preference">
      <div role="group" aria-labelledby={`${idPrefix}-parts`} className="toggle-row">
        <span id={`${idPrefix}-parts`} className="group-label">
          {t('ui.vaccinator.pref.parts')}
        </span>
        {PARTS_OF_DAY.map((part) => (
          <button key={part} type="button" aria-pressed={value.partsOfDay.includes(part)} onClick={() => toggle(part)}>
            {t(`booking.partOfDay.${part}`)}
          </button>
        ))}
      </div>
      <DateField id={`${idPrefix}-not-before`} label={t('ui.vaccinator.pref.notBefore')} steps={false} allowEmpty value={value.notBefore} onChange={(notBefore) => onChange({ ...value, notBefore })} />
    </div>
  );
}
