import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardPreview as Preview } from '../../shared/api/printing';
import type { Language } from '../../shared/i18n/languages';
import { useStation } from '../api/StationContext';

/**
 * The appointment card as it prints, line by line, in the citizen's language (the card's own
 * language, whatever the screen's). The QR is shown as a labelled box: staff check the words.
 */
export function CardPreview({ jobId, language }: { jobId: string; language: Language }) {
  const { t } = useTranslation();
  const client = useStation();
  const [preview, setPreview] = useState<Preview | null>(null);
  useEffect(() => {
    let alive = true;
    client['printing.preview']({ jobId }).then(
      (p) => alive && setPreview(p),
      () => alive && setPreview(null),
    );
    return () => {
      alive = false;
    };
  }, [client, jobId]);
  if (!preview) return null;
  return (
    <figure className="card-preview" data-testid="card-preview">
      <figcaption>{t('ui.card.preview')}</figcaption>
      <div className="card-paper" lang={language} style={{ width: `${preview.columns + 2}ch` }}>
        {preview.lines.map((line, i) => {
          switch (line.kind) {
            case 'text':
              return (
                <div key={i} className={`card-line${line.bold ? ' bold' : ''}${line.size === 'double' ? ' double' : ''}${line.align === 'centre' ? ' centre' : ''}`}>
                  {line.text || '\u00a0'}
                </div>
              );
            case 'qr':
              return (
                <div key={i} className="card-qr" role="img" aria-label={t('ui.card.qr')}>
                  QR
                </div>
              );
            case 'rule':
              return <hr key={i} />;
            case 'blank':
              return <div key={i} className="card-line">{'\u00a0'}</div>;
            case 'cut':
              return null;
          }
        })}
      </div>
    </figure>
  );
}
