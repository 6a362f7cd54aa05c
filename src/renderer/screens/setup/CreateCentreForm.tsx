import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { WEEKDAYS, type Weekday } from '../../../shared/api/centre';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { LANGUAGE_NAMES } from '../../i18n/format';

/** One checkbox per choice; at least one stays ticked. */
function Choices<T extends string>({ legend, options, label, value, onChange, testId }: { legend: string; options: readonly T[]; label: (o: T) => string; value: T[]; onChange: (v: T[]) => void; testId: string }) {
  return (
    <fieldset className="choices" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o} className="check">
          <input type="checkbox" checked={value.includes(o)} onChange={(e) => onChange(e.target.checked ? options.filter((x) => x === o || value.includes(x)) : value.filter((x) => x !== o))} />
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** A new centre on this station: its id, name, address, languages and opening days (centre.create). */
export function CreateCentreForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [centreId, setCentreId] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [languages, setLanguages] = useState<Language[]>([i18n.language as Language]);
  const [openDays, setOpenDays] = useState<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = address.split('\n').map((l) => l.trim()).filter(Boolean);
    const made = await action.run(() => client['centre.create']({ centreId: centreId.trim(), name, address: lines, languages, openDays }));
    if (made) onDone();
  };

  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} aria-labelledby="create-heading" data-testid="create-centre">
      <h2 id="create-heading">{t('ui.setup.create.heading')}</h2>
      <div className="field">
        <label htmlFor="centre-name">{t('ui.setup.create.name')}</label>
        <input id="centre-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="centre-id">{t('ui.setup.create.id')}</label>
        <p id="centre-id-hint" className="hint">
          {t('ui.setup.create.idHint')}
        </p>
        <input id="centre-id" value={centreId} onChange={(e) => setCentreId(e.target.value)} required maxLength={64} aria-describedby="centre-id-hint" />
      </div>
      <div className="field">
        <label htmlFor="centre-address">{t('ui.setup.create.address')}</label>
        <p id="centre-address-hint" className="hint">
          {t('ui.setup.create.addressHint')}
        </p>
        <textarea id="centre-address" rows={3} value={address} onChange={(e) => setAddress(e.target.value)} aria-describedby="centre-address-hint" />
      </div>
      <Choices legend={t('ui.setup.create.languages')} options={LANGUAGES} label={(l) => LANGUAGE_NAMES[l]} value={languages} onChange={setLanguages} testId="centre-languages" />
      <Choices legend={t('ui.setup.create.openDays')} options={WEEKDAYS} label={(d) => t(`ui.weekday.${d}`)} value={openDays} onChange={setOpenDays} testId="centre-open-days" />
      <button type="submit" className="primary" disabled={action.busy || languages.length === 0 || openDays.length === 0}>
        {t('ui.setup.create.submit')}
      </button>
      <ErrorNotice error={action.error} testId="create-error" />
    </form>
  );
}
