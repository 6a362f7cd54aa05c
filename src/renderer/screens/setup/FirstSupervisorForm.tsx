import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../api/StationContext';
import { useSession } from '../../api/SessionContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';

/** The centre's first supervisor (centre.firstSupervisor), who is signed in at once. */
export function FirstSupervisorForm({ centreName, onDone }: { centreName: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const session = useSession();
  const action = useAction(t);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [nihdi, setNihdi] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMismatch(pin !== again);
    if (pin !== again) return;
    const signed = await action.run(() =>
      client['centre.firstSupervisor']({ displayName: name, code: code.trim() || null, nihdi: nihdi.trim() || null, pin }),
    );
    if (!signed) return;
    session.adopt(signed);
    onDone();
  };

  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} aria-labelledby="supervisor-heading" data-testid="first-supervisor">
      <h2 id="supervisor-heading">{t('ui.setup.supervisor.heading')}</h2>
      <p className="explain">{t('ui.setup.supervisor.explain', { centre: centreName ?? '' })}</p>
      <div className="field">
        <label htmlFor="supervisor-name">{t('ui.setup.supervisor.name')}</label>
        <input id="supervisor-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoFocus autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor="supervisor-code">{t('ui.setup.supervisor.code')}</label>
        <p id="supervisor-code-hint" className="hint">
          {t('ui.setup.supervisor.codeHint')}
        </p>
        <input id="supervisor-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={20} aria-describedby="supervisor-code-hint" autoComplete="username" />
      </div>
      <div className="field">
        <label htmlFor="supervisor-nihdi">{t('ui.setup.supervisor.nihdi')}</label>
        <input id="supervisor-nihdi" value={nihdi} onChange={(e) => setNihdi(e.target.value)} maxLength={20} inputMode="numeric" />
      </div>
      <div className="field">
        <label htmlFor="supervisor-pin">{t('ui.setup.supervisor.pin')}</label>
        <p id="supervisor-pin-hint" className="hint">
          {t('ui.setup.supervisor.pinHint')}
        </p>
        <input id="supervisor-pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} maxLength={12} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} aria-describedby="supervisor-pin-hint" />
      </div>
      <div className="field">
        <label htmlFor="supervisor-pin-again">{t('ui.setup.supervisor.pinAgain')}</label>
        <input id="supervisor-pin-again" type="password" inputMode="numeric" autoComplete="new-password" value={again} maxLength={12} onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))} />
      </div>
      <button type="submit" className="primary" disabled={action.busy || !name.trim() || (!code.trim() && !nihdi.trim()) || pin.length < 4}>
        {t('ui.setup.supervisor.submit')}
      </button>
      <ErrorNotice error={mismatch ? t('ui.setup.supervisor.pinMismatch') : action.error} testId="supervisor-error" />
    </form>
  );
}
