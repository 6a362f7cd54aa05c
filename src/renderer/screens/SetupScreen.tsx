import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreStatus } from '../../shared/api/centre';
import { CreateCentreForm } from './setup/CreateCentreForm';
import { JoinCentreForm } from './setup/JoinCentreForm';
import { FirstSupervisorForm } from './setup/FirstSupervisorForm';

/**
 * First start of a station without a supervisor: create a centre or join one, then the first
 * supervisor. Shown instead of sign-in; it shows nothing personal (there is nobody to show it to).
 */
export function SetupScreen({ status, onChanged }: { status: CentreStatus; onChanged: () => void }) {
  const { t } = useTranslation();
  const [way, setWay] = useState<'create' | 'join'>('create');
  return (
    <div className="setup-screen" data-testid="setup-screen">
      <h1>{t('ui.setup.heading')}</h1>
      <p className="lead">{t('ui.setup.station', { station: status.stationId })}</p>
      {status.centre ? (
        <FirstSupervisorForm centreName={status.centreName} onDone={onChanged} />
      ) : (
        <>
          <div className="setup-choice" role="group" aria-label={t('ui.setup.way')}>
            <button type="button" aria-pressed={way === 'create'} onClick={() => setWay('create')} data-testid="setup-create">
              {t('ui.setup.create.choose')}
            </button>
            <button type="button" aria-pressed={way === 'join'} onClick={() => setWay('join')} data-testid="setup-join">
              {t('ui.setup.join.choose')}
            </button>
          </div>
          {way === 'create' ? <CreateCentreForm onDone={onChanged} /> : <JoinCentreForm onDone={onChanged} />}
        </>
      )}
    </div>
  );
}
