import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { NotGivenView, PersonDetails } from '../../../shared/api/booking';
import { NOT_GIVEN_REASONS, type NotGivenReason } from '../../../domain/booking/not-given';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';

/**
 * "Not vaccinated": the visit ends without a dose, with a reason from BeVaccination's status
 * reasons and an optional note. The station records it, sends it and books nothing.
 */
export function NotGivenPanel({
  ssin,
  person,
  productCode,
  onRecorded,
  visitId,
}: {
  ssin: string;
  /** The visit kept by the station: moved to "not vaccinated" with the record. */
  visitId?: string | undefined;
  /** Names from check-in for a person the station does not know yet. */
  person: z.infer<typeof PersonDetails> | null;
  /** The vial in hand, if any. */
  productCode: string | null;
  onRecorded: (record: z.infer<typeof NotGivenView>) => void;
}) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<NotGivenReason>('PATOBJ');
  const [note, setNote] = useState('');

  const record = async () => {
    const r = await action.run(() => client['booking.notGiven']({ ssin, ...(person ? { person } : {}), reason, note: note.trim() || null, productCode, ...(visitId ? { visitId } : {}) }));
    if (r) onRecorded(r);
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="not-given-open">
        {t('ui.notGiven.open')}
      </button>
    );
  }
  return (
    <fieldset className="undo-panel" data-testid="not-given-panel">
      <legend>{t('ui.notGiven.heading')}</legend>
      {NOT_GIVEN_REASONS.map((r) => (
        <label key={r} className="radio">
          <input type="radio" name="not-given-reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
          {t(`ui.notGiven.reason.${r}`)}
        </label>
      ))}
      <div className="field">
        <label htmlFor="not-given-note">{t('ui.notGiven.note')}</label>
        <textarea id="not-given-note" value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="danger" onClick={() => void record()} disabled={action.busy} data-testid="not-given-confirm">
          {t('ui.notGiven.confirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('ui.notGiven.back')}
        </button>
      </div>
      <ErrorNotice error={action.error} testId="not-given-error" />
    </fieldset>
  );
}
