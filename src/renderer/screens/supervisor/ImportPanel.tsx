import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useStation } from '../../api/StationContext';
import { StationCallError } from '../../api/transport';
import { errorText } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';

const KINDS = ['products', 'calendar', 'invitations'] as const;
/** As the command line: a centre spreadsheet is a few MB; anything above 20 MB is refused unread. */
const MAX_FILE_MB = 20;

/**
 * The file as UTF-8 text, or the refusal the command line gives: too large, or the line of the
 * first bytes that are not UTF-8 (File.text() would silently replace them).
 */
async function readCsvFile(file: File, t: TFunction): Promise<{ text: string } | { refusal: string }> {
  if (file.size > MAX_FILE_MB * 1024 * 1024) return { refusal: t('error.import.file_too_large', { max: MAX_FILE_MB }) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        return { refusal: t('error.import.not_utf8', { line }) };
      }
      line++;
      start = i + 1;
    }
    return { refusal: t('error.import.not_utf8', { line: 1 }) };
  }
}
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
      const read = await readCsvFile(file, t);
      if ('refusal' in read) {
        setError(read.refusal);
        return;
      }
      const answer = await client[`imports.${kind}`]({ text: read.text, dryRun });
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
