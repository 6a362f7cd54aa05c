import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../../shared/api/station';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { downloadBase64 } from '../../api/download';
import { ErrorNotice, Notice } from '../../components/Notice';
import { brusselsDay } from '../../i18n/format';

/**
 * Supervisor: the sealed centre file a new station joins from (centre.export), downloaded here.
 * The passphrase is asked twice: a typing error would make the file useless.
 */
export function CentreFilePanel({ status }: { status: StationStatus | null }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setMismatch(passphrase !== again);
    if (passphrase !== again) return;
    const exported = await action.run(() => client['centre.export']({ passphrase }));
    if (!exported) return;
    const day = brusselsDay(status?.now ?? new Date());
    downloadBase64(exported.file, `${status?.centreId ?? 'centre'}-${day}.dosedesk-centre`, 'application/octet-stream');
    setPassphrase('');
    setAgain('');
    setMessage(t('ui.centreFile.done', exported));
  };

  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} aria-labelledby="centre-file-heading" data-testid="centre-file">
      <h2 id="centre-file-heading">{t('ui.centreFile.heading')}</h2>
      <p className="explain">{t('ui.centreFile.explain')}</p>
      <div className="field">
        <label htmlFor="centre-file-passphrase">{t('ui.setup.join.passphrase')}</label>
        <p id="centre-file-hint" className="hint">
          {t('ui.centreFile.hint')}
        </p>
        <input id="centre-file-passphrase" type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby="centre-file-hint" />
      </div>
      <div className="field">
        <label htmlFor="centre-file-again">{t('ui.centreFile.again')}</label>
        <input id="centre-file-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </div>
      <button type="submit" disabled={action.busy || passphrase.length === 0}>
        {t('ui.centreFile.submit')}
      </button>
      {message ? (
        <Notice kind="ok" testId="centre-file-done">
          {message}
        </Notice>
      ) : null}
      <ErrorNotice error={mismatch ? t('ui.centreFile.mismatch') : action.error} testId="centre-file-error" />
    </form>
  );
}
