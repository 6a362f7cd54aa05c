import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStatus } from './api/StationContext';
import { StatusBar } from './components/StatusBar';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StationOverview } from './screens/StationOverview';
import { SettingsScreen } from './screens/SettingsScreen';

type Screen = 'station' | 'settings';

export function App() {
  const { t } = useTranslation();
  const { status, error } = useStationStatus();
  const [screen, setScreen] = useState<Screen>('station');
  return (
    <div className="app">
      <header className="top">
        <span className="brand">{t('ui.app.title')}</span>
        <nav aria-label="Main">
          {(['station', 'settings'] as const).map((s) => (
            <button key={s} type="button" aria-current={screen === s ? 'page' : undefined} onClick={() => setScreen(s)}>
              {t(`ui.nav.${s}`)}
            </button>
          ))}
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main">{screen === 'station' ? <StationOverview status={status} /> : <SettingsScreen />}</main>
      <StatusBar status={status} error={error} />
    </div>
  );
}
