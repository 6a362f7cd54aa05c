import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice } from '../../components/Notice';

const REASONS = ['wrong_person', 'not_given', 'wrong_vial'] as const;

/**
 * Undo of a mistaken confirmation: voids the dose with a reason (and the appointment booked from
 * it) within the window the station gave with the answer (`seconds`), counted from when it came.
 */
export function UndoDose({
  doseId,
  recordedAt,
  seconds,
  onVoided,
  visitId,
  idPrefix = 'undo',
}: {
  doseId: string;
  recordedAt: number;
  /** null: no countdown (the recent-visits list, where the undo stays reachable). */
  seconds: number | null;
  onVoided: (cancelled: number) => void;
  visitId?: string | undefined;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const client = useStation();
  const action = useAction(t);
  const [now, setNow] = useState(Date.now());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('wrong_person');
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = seconds === null ? null : Math.max(0, seconds - Math.floor((now - recordedAt) / 1000));
  if (left === 0 && !open) return null;

  const voidDose = async () => {
    const r = await action.run(() =>
      client['booking.voidDose']({ doseId, reason: t(`ui.vaccinator.undo.reason.${reason}`), ...(visitId ? { visitId } : {}) }),
    );
    if (r) onVoided(r.cancelledAppointments.length);
  };

  return (
    <div className="undo">
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid={`${idPrefix}-dose`}>
          {left === null ? t('ui.visit.recent.undo') : t('ui.vaccinator.undo.button', { seconds: left })}
        </button>
      ) : (
        <fieldset className="undo-panel">
          <legend>{t('ui.vaccinator.undo.heading')}</legend>
          {REASONS.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name={`${idPrefix}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} />
              {t(`ui.vaccinator.undo.reason.${r}`)}
            </label>
          ))}
          <div className="actions">
            <button type="button" className="danger" onClick={() => void voidDose()} disabled={action.busy} data-testid={`${idPrefix}-confirm`}>
              {t('ui.vaccinator.undo.confirm')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('ui.vaccinator.undo.keep')}
            </button>
          </div>
          <ErrorNotice error={action.error} />
        </fieldset>
      )}
    </div>
  );
}
