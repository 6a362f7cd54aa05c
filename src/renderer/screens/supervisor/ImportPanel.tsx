import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStation } from '../../api/StationContext';
import { StationCallError } from '../../api/transport';
import { errorText } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';

const KINDS = ['products', 'calendar', 'invitations'] as const;
type Kind = (typeof KINDS)[number];

/** A refusal says where to look in the file: its line, when it is about one. */
function refusalText(error: unknown, t: TFunction): string {
  const message = errorText(error, t);
  const line = error instanceof StationCallError ? error.params?.line : undefined;
  return typeof line === 'number' ? t('ui.imports.atLine', { line, message }) : message;
}

/** One spreadsheet: choose the file, check it (dry run) or import it; the answer in words. */
function ImportFile({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const client = useStation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const text = await file.text();
      const answer = await client[`imports.${kind}`]({ text, dryRun });
      setResult(t(dryRun ? 'ui.imports.checked' : 'ui.imports.done', { summary: t(`ui.imports.summary.${kind}`, answer) }));
    } catch (e) {
      setError(refusalText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const id = `import-${kind}`;
  return (
    <fieldset data-testid={id}>
      <legend>{t(`ui.imports.kind.${kind}`)}</legend>
      <p id={`${id}-hint`} className="hint">
        {t(`ui.imports.columns.${kind}`)}
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('ui.imports.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setError(null);
          }}
        />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void run(true)} disabled={busy || !file} data-testid={`${id}-check`}>
          {t('ui.imports.check')}
        </button>
        <button type="button" className="primary" onClick={() => void run(false)} disabled={busy || !file} data-testid={`${id}-run`}>
          {t('ui.imports.run')}
        </button>
      </div>
      {result ? (
        <Notice kind="ok" testId={`${id}-result`}>
          {result}
        </Notice>
      ) : null}
      <ErrorNotice error={error} testId={`${id}-error`} />
    </fieldset>
  );
}

/** Supervisor: the centre's spreadsheets (vaccines first, then calendar and invitations), as `centre import-*` takes them. */
export function ImportPanel() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="imports-heading" data-testid="imports">
      <h1 id="imports-heading">{t('ui.imports.heading')}</h1>
      <p className="explain">{t('ui.imports.explain')}</p>
      {KINDS.map((kind) => (
        <ImportFile key={kind} kind={kind} />
      ))}
    </section>
  );
}
