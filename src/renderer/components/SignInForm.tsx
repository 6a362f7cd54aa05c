import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/SessionContext';
import { errorText } from '../api/hooks';
import { PinPad } from './PinPad';
import { useScanField } from '../scanner/useScanField';

/**
 * NIHDI number (vaccinators) or staff number, and the person's PIN: by keyboard (Tab, Enter) or
 * by touch (the keypad). `fixedLogin`: the lock screen, where only the PIN is asked again.
 */
export function SignInForm({ fixedLogin, login: initialLogin = '', idPrefix = 'signin', submitLabel }: { fixedLogin?: string; login?: string; idPrefix?: string; submitLabel?: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [login, setLogin] = useState(initialLogin);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  // On the sign-in screen the number field is the one typed keys go to (e.g. after choosing a language).
  useScanField(loginRef, !fixedLogin);
  // A demo staff button fills the login from outside.
  const [lastInitial, setLastInitial] = useState(initialLogin);
  if (initialLogin !== lastInitial) {
    setLastInitial(initialLogin);
    setLogin(initialLogin);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const who = fixedLogin ?? login.trim();
    if (!who) return setError(t('ui.signin.loginMissing'));
    if (!/^\d{4,12}$/.test(pin)) return setError(t('ui.signin.pinFormat'));
    setBusy(true);
    setError(null);
    try {
      await session.signIn(who, pin);
    } catch (e) {
      setError(errorText(e, t));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="signin-fields">
      {fixedLogin ? null : (
        <div className="field">
          <label htmlFor={`${idPrefix}-login`}>{t('ui.signin.login')}</label>
          <p id={`${idPrefix}-login-hint`} className="hint">
            {t('ui.signin.loginHint')}
          </p>
          <input
            ref={loginRef}
            id={`${idPrefix}-login`}
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoComplete="username"
            autoFocus
            aria-describedby={`${idPrefix}-login-hint`}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${idPrefix}-pin`}>{t('ui.signin.pin')}</label>
        <input
          ref={pinRef}
          id={`${idPrefix}-pin`}
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          value={pin}
          maxLength={12}
          autoFocus={!!fixedLogin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('ui.signin.busy') : (submitLabel ?? t('ui.signin.submit'))}
      </button>
      <p className="form-error" role="alert" data-testid="signin-error">
        {error ?? ''}
      </p>
      </div>
      <PinPad value={pin} onChange={setPin} disabled={busy} field={pinRef} />
    </form>
  );
}
