import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';
import { fileToBase64 } from './file-bytes';

/** This station joins the centre of a centre file another station exported (centre.join). */
export function JoinCentreForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const joined = await action.run(async () => client['centre.join']({ file: await fileToBase64(file), passphrase }));
    if (joined) onDone();
  };

  return (
    <form className="setup-form" onSubmit={(e) => void submit(e)} aria-labelledby="join-heading" data-testid="join-centre">
      <h2 id="join-heading">{t('ui.setup.join.heading')}</h2>
      <p className="explain">{t('ui.setup.join.explain')}</p>
      <div className="field">
        <label htmlFor="join-file">{t('ui.setup.join.file')}</label>
        <input id="join-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </div>
      <div className="field">
        <label htmlFor="join-passphrase">{t('ui.setup.join.passphrase')}</label>
        <input id="join-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
      </div>
      <button type="submit" className="primary" disabled={action.busy || !file || passphrase.length === 0}>
        {t('ui.setup.join.submit')}
      </button>
      <ErrorNotice error={action.error} testId="join-error" />
    </form>
  );
}
