import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/SessionContext';
import { errorText } from '../api/hooks';
import { PinPad } from './PinPad';

type Field = 'current' | 'next' | 'repeat';

/**
 * After a supervisor reset the PIN: the one-time PIN again, then the new PIN twice. The station
 * checks the policy (length, weak PINs) and answers in the staff's language; the keypad types into
 * the field last focused.
 */
export function ChangePinForm() {
  const { t } = useTranslation();
  const session = useSession();
  const [pins, setPins] = useState<Record<Field, string>>({ current: '', next: '', repeat: '' });
  const [active, setActive] = useState<Field>('current');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (field: Field, value: string) => setPins((p) => ({ ...p, [field]: value.replace(/\D/g, '').slice(0, 12) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (![pins.current, pins.next].every((p) => /^\d{4,12}$/.test(p))) return setError(t('ui.signin.pinFormat'));
    if (pins.next !== pins.repeat) return setError(t('staff.changePin.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await session.changeOwnPin(pins.current, pins.next);
    } catch (e) {
      setError(errorText(e, t));
      setPins({ current: '', next: '', repeat: '' });
      setActive('current');
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`change-pin-${name}`}>{t(`staff.changePin.${name}`)}</label>
      <input
        id={`change-pin-${name}`}
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        value={pins[name]}
        maxLength={12}
        autoFocus={name === 'current'}
        onFocus={() => setActive(name)}
        onChange={(e) => set(name, e.target.value)}
      />
    </div>
  );

  return (
    <form className="signin-form" onSubmit={(e) => void submit(e)} noValidate data-testid="change-pin-form">
      <div className="signin-fields">
        {field('current', 'current-password')}
        {field('next', 'new-password')}
        {field('repeat', 'new-password')}
        <button type="submit" className="primary" disabled={busy}>
          {t('staff.changePin.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void session.signOut()}>
          {t('security.signout')}
        </button>
        <p className="form-error" role="alert" data-testid="change-pin-error">
          {error ?? ''}
        </p>
      </div>
      <PinPad value={pins[active]} onChange={(v) => set(active, v)} disabled={busy} />
    </form>
  );
}
