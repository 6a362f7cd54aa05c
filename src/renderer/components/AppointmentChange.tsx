import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';
import { useStation } from '../api/StationContext';
import { useAction } from '../api/hooks';
import { formatAppointment } from '../i18n/format';
import { ErrorNotice } from './Notice';

type Slots = ResultOf<'booking.proposeSlots'>['slots'];
type Mode = 'move' | 'cancel' | null;

/** The shortest reason the station accepts (Reason in src/shared/api/common.ts). */
const MIN_REASON = 3;

/**
 * Move or cancel a booked appointment, always with a reason (kept in the appointment's history),
 * or print its card again.
 * Keyboard first: the reason field takes the focus, the places are a radio group, Enter confirms,
 * Escape closes. A cancelled appointment puts the person on the follow-up desk's list.
 */
export function AppointmentChange({
  appointmentId,
  ssin,
  idPrefix,
  onChanged,
  visitId,
}: {
  appointmentId: string;
  ssin: string;
  idPrefix: string;
  onChanged: (message: string) => void;
  /** The vaccinator's visit whose card this is: a new time moves the visit's card too. */
  visitId?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const action = useAction(t);
  const [mode, setMode] = useState<Mode>(null);
  const [reason, setReason] = useState('');
  const [slots, setSlots] = useState<Slots | null>(null);
  const [slotId, setSlotId] = useState<string | null>(null);

  const open = async (next: Mode) => {
    setMode(next);
    setSlots(null);
    setSlotId(null);
    if (next === 'move') {
      const proposed = await action.run(() => client['booking.proposeSlots']({ ssin, limit: 8 }));
      if (proposed) {
        setSlots(proposed.slots);
        setSlotId(proposed.slots[0]?.slotId ?? null);
      }
    }
  };
  // A person who left before agreeing at the booth, or lost the card: the same card again, marked as a copy.
  const printCard = async () => {
    const r = await action.run(() => client['booking.reprintCard']({ appointmentId }));
    if (r) onChanged(t('ui.appointment.cardQueued', { code: r.shortCode }));
  };
  const close = () => {
    setMode(null);
    action.clear();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) return;
    let message: string | null = null;
    if (mode === 'cancel') {
      const r = await action.run(() => client['booking.cancel']({ appointmentId, reason: reason.trim() }));
      if (r) message = t('ui.appointment.cancelled');
    } else if (mode === 'move' && slotId) {
      const r = await action.run(() => client['booking.rebook']({ appointmentId, slotId, reason: reason.trim(), ...(visitId ? { visitId } : {}) }));
      if (r && r.next.kind === 'booked') message = t('ui.appointment.moved', { when: formatAppointment(r.next.appointment.start, lang), code: r.next.appointment.shortCode });
    }
    if (message === null) return;
    setMode(null);
    setReason('');
    // The appointment changed: the owner shows the message and reloads (this panel may go with the old appointment).
    onChanged(message);
  };

  const reasonOk = reason.trim().length >= MIN_REASON;
  return (
    <div
      className="appointment-change"
      role="group"
      aria-label={t('ui.appointment.actions')}
      data-testid={`${idPrefix}-change`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && mode) {
          // Escape closes this panel only (check-in's Escape would clear the person).
          e.stopPropagation();
          close();
        }
      }}
    >
      {mode === null ? (
        <div className="actions">
          <button type="button" onClick={() => void open('move')} data-testid={`${idPrefix}-move`}>
            {t('ui.appointment.move')}
          </button>
          <button type="button" onClick={() => void open('cancel')} data-testid={`${idPrefix}-cancel`}>
            {t('ui.appointment.cancel')}
          </button>
          <button type="button" onClick={() => void printCard()} disabled={action.busy} data-testid={`${idPrefix}-print`}>
            {t('ui.appointment.printCard')}
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="change-panel">
          <label htmlFor={`${idPrefix}-reason`}>{t('ui.appointment.reason')}</label>
          <input
            id={`${idPrefix}-reason`}
            type="text"
            autoFocus
            required
            minLength={MIN_REASON}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${idPrefix}-reason-hint`}
            data-testid={`${idPrefix}-reason`}
          />
          <p id={`${idPrefix}-reason-hint`} className="hint">
            {t('ui.appointment.reasonHint')}
          </p>
          {mode === 'move' && slots ? (
            slots.length === 0 ? (
              <p role="status">{t('ui.followup.noSlots')}</p>
            ) : (
              <fieldset className="choice-list slots">
                <legend>{t('ui.appointment.slots')}</legend>
                {slots.map((s) => (
                  <label key={s.slotId} className="choice">
                    <input type="radio" name={`${idPrefix}-slot`} value={s.slotId} checked={slotId === s.slotId} onChange={() => setSlotId(s.slotId)} data-testid={`${idPrefix}-slot`} />
                    {formatAppointment(s.start, lang)}
                  </label>
                ))}
              </fieldset>
            )
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={action.busy || !reasonOk || (mode === 'move' && !slotId)} data-testid={`${idPrefix}-confirm`}>
              {mode === 'move' ? t('ui.appointment.confirmMove') : t('ui.appointment.confirmCancel')}
            </button>
            <button type="button" onClick={close}>
              {t('ui.followup.close')}
            </button>
          </div>
        </form>
      )}
      <ErrorNotice error={action.error} testId={`${idPrefix}-error`} />
    </div>
  );
}
