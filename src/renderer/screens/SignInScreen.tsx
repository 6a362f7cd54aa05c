import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../shared/api/station';
import { SignInForm } from '../components/SignInForm';
import { ChangePinForm } from '../components/ChangePinForm';
import { useSession } from '../api/SessionContext';
import { DemoGuidePanel } from '../components/DemoGuidePanel';

/**
 * The first screen: says which station this is and what its role does, then asks who is there.
 * In the demo centre it lists the demo staff, citizens and vials. After a PIN reset, the person
 * signed in with the one-time PIN chooses a new PIN here before anything else.
 */
export function SignInScreen({ status }: { status: StationStatus | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const [login, setLogin] = useState('');
  if (session.mustChangePin) {
    return (
      <div className="signin-screen">
        <section className="signin-main" aria-labelledby="change-pin-heading">
          <h1 id="change-pin-heading">{t('staff.changePin.heading')}</h1>
          <p className="lead">{t('staff.changePin.lead', { name: session.staff?.displayName ?? '' })}</p>
          <ChangePinForm />
        </section>
      </div>
    );
  }
  const role = status?.role ?? 'vaccinator';
  return (
    <div className="signin-screen">
      <section className="signin-main" aria-labelledby="signin-heading">
        <h1 id="signin-heading">{t('ui.signin.heading')}</h1>
        <p className="lead" data-testid="signin-station">
          {status ? t('ui.signin.station', { role: t(`ui.role.${role}`), station: status.stationId, centre: status.centreName }) : t('ui.status.connecting')}
        </p>
        <p className="explain">{t(`ui.signin.explain.${role}`)}</p>
        <SignInForm login={login} />
      </section>
      <aside className="signin-aside" aria-label={t('ui.demo.title')}>
        <DemoGuidePanel show={['staff', 'citizens', 'vials']} onStaff={setLogin} open />
      </aside>
    </div>
  );
}
