import { useTranslation } from 'react-i18next';
import type { CardReaderStatus } from '../../shared/api/cardreader';
import type { ChipState } from '../api/person-lookup';

/** The big "what to do now" line, with the eID reader's state under it. */
export function ScanPrompt({ text, reader, chip, busy }: { text: string; reader?: CardReaderStatus | null; chip?: ChipState; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="scan-prompt">
      <p className="scan-instruction" data-testid="scan-instruction">
        <svg aria-hidden="true" className="scan-icon" viewBox="0 0 28 20" width="42" height="30">
          {/* A barcode: what staff hold under the scanner. */}
          {[0, 3, 5, 9, 11, 14, 18, 20, 24, 26].map((x, i) => (
            <rect key={x} x={x} y={0} width={i % 3 === 0 ? 2 : 1} height={20} fill="currentColor" />
          ))}
        </svg>{' '}
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
