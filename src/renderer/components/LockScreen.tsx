import { useTranslation } from 'react-i18next';
import { useSession } from '../api/SessionContext';
import { SignInForm } from './SignInForm';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * Covers everything while the session is locked: no personal data shows through. The same person
 * unlocks with the PIN; anyone else signs in with their own number (the fast switch).
 */
export function LockScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const staff = session.staff;
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-heading" data-testid="lock-screen">
      <div className="lock-top">
        <LanguageSwitch />
      </div>
      <div className="lock-body">
        <h1 id="lock-heading">{session.switching ? t('ui.lock.switchHeading') : t('ui.lock.heading')}</h1>
        {session.switching || !staff ? (
          <>
            <p className="lead">{t('ui.lock.switchExplain')}</p>
            <SignInForm idPrefix="switch" />
            {staff ? (
              <button type="button" onClick={session.cancelSwitch}>
                {t('ui.lock.back', { name: staff.displayName })}
              </button>
            ) : null}
          </>
        ) : (
          <>
            <p className="lead">{t('ui.lock.explain', { name: staff.displayName })}</p>
            <SignInForm key={staff.id} fixedLogin={staff.id} idPrefix="unlock" submitLabel={t('ui.lock.unlock')} />
            <div className="actions">
              <button type="button" onClick={() => void session.lock({ switching: true })} data-testid="lock-someone-else">
                {t('ui.lock.someoneElse')}
              </button>
              <button type="button" onClick={() => void session.signOut()} data-testid="lock-sign-out">
                {t('ui.staff.signOut')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
