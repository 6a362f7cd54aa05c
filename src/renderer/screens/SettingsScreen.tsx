import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/settings';
import { useStation } from '../api/StationContext';

/** Station settings; the back end validates every field again with the same schema. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const client = useStation();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    client['settings.get']({}).then(setSettings, (e: Error) => setMessage({ kind: 'error', text: e.message }));
  }, [client]);

  if (!settings) return message ? <p role="alert">{message.text}</p> : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { stationId, centreName, role, kiosk, federalUrl, printer } = settings;
      setSettings(await client['settings.update']({ stationId, centreName, role, kiosk, federalUrl, printer }));
      setMessage({ kind: 'ok', text: t('ui.settings.saved') });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings({ ...settings, [key]: value });

  return (
    <form onSubmit={save} aria-labelledby="settings-heading" className="settings">
      <h1 id="settings-heading">{t('ui.settings.heading')}</h1>
      <label>
        {t('ui.settings.stationId')}
        <input value={settings.stationId} onChange={(e) => set('stationId', e.target.value)} required />
      </label>
      <label>
        {t('ui.settings.centreName')}
        <input value={settings.centreName} onChange={(e) => set('centreName', e.target.value)} required />
      </label>
      <label>
        {t('ui.settings.role')}
        <select value={settings.role} onChange={(e) => set('role', e.target.value as Settings['role'])}>
          {(['checkin', 'vaccinator', 'supervisor'] as const).map((role) => (
            <option key={role} value={role}>
              {t(`ui.role.${role}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={settings.kiosk} onChange={(e) => set('kiosk', e.target.checked)} />
        {t('ui.settings.kiosk')}
      </label>
      <label>
        {t('ui.settings.federalUrl')}
        <input value={settings.federalUrl} onChange={(e) => set('federalUrl', e.target.value)} inputMode="url" />
      </label>
      <label>
        {t('ui.settings.printerUri')}
        <input value={settings.printer.uri} onChange={(e) => set('printer', { ...settings.printer, uri: e.target.value })} />
      </label>
      <label>
        {t('ui.settings.printerType')}
        <select value={settings.printer.type} onChange={(e) => set('printer', { ...settings.printer, type: e.target.value as 'epson' | 'star' })}>
          <option value="epson">Epson</option>
          <option value="star">Star</option>
        </select>
      </label>
      <label>
        {t('ui.settings.printerWidth')}
        <select value={settings.printer.width} onChange={(e) => set('printer', { ...settings.printer, width: e.target.value as '58' | '80' })}>
          <option value="58">58</option>
          <option value="80">80</option>
        </select>
      </label>
      <button type="submit">{t('ui.settings.save')}</button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}
