import { useTranslation } from 'react-i18next';
import type { CardReaderStatus } from '../../shared/api/cardreader';
import type { ChipState } from '../api/person-lookup';

/** The big "what to do now" line, with the eID reader's state under it. */
export function ScanPrompt({ text, reader, chip, busy }: { text: string; reader?: CardReaderStatus | null; chip?: ChipState; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="scan-prompt">
      <p className="scan-instruction" data-testid="scan-instruction">
        <span aria-hidden="true" className="scan-icon">
          ▮▯▮
        </span>{' '}
        {text}
      </p>
      {reader !== undefined ? (
        <p className="reader-state" data-testid="reader-state">
          {chip?.kind === 'reading'
            ? t('ui.chip.reading')
            : reader?.available
              ? t('ui.chip.ready', { readers: reader.readers.join(', ') || '—' })
              : t('ui.chip.unavailable')}
        </p>
      ) : null}
      {chip?.kind === 'error' ? <p role="alert">{chip.message}</p> : null}
      {busy ? (
        <p className="busy" aria-hidden="true">
          {t('ui.busy')}
        </p>
      ) : null}
    </div>
  );
}
