import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdministerResult, NextView } from '../../../shared/api/booking';
import type { ResultOf } from '../../../shared/contract';
import type { Language } from '../../../shared/i18n/languages';
import { useStation } from '../../api/StationContext';
import { useAction } from '../../api/hooks';
import { ErrorNotice, Notice } from '../../components/Notice';
import { formatAppointment, formatDay, LANGUAGE_NAMES } from '../../i18n/format';
import { useLanguageLoaded } from '../../i18n/use-language';
import { PreferencePicker } from './PreferencePicker';
import { preferenceArgs, type Preference } from './types';

type Slots = ResultOf<'booking.proposeSlots'>['slots'];

/**
 * The next dose as booked, read to the citizen in their own language; on request another day or
 * part of the day (proposeSlots, then rebook). The card is printed only once the person agrees
 * (`held`: administer kept it back; booking.printCard prints it); a time changed after that prints a
 * new card and voids the first. `onCard` gets the print job, `onAgreed` says the card is out.
 */
export function NextDosePanel({
  result,
  held,
  onNext,
  onCard,
  onAgreed,
  visitId,
  refocus = 0,
}: {
  result: AdministerResult;
  /** Changes when the screen comes back from the lock: a card still waiting takes the focus again. */
  refocus?: number;
  /** The visit kept by the station: a printed or moved card moves it too. */
  visitId?: string | undefined;
  held: boolean;
  onNext: (next: NextView) => void;
  onCard: (jobId: string | null) => void;
  onAgreed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const citizenLang = result.person.language;
  useLanguageLoaded(citizenLang);
  const tc = i18n.getFixedT(citizenLang);
  const next = result.next;
  const [changing, setChanging] = useState(false);
  const [accepted, setAccepted] = useState(false);
  // A card for the current appointment went to the printer (the owner clears `held` on agreement).
  const cardOut = !held;
  const acceptRef = useRef<HTMLButtonElement>(null);
  // Keyboard first: while the card waits, Enter agrees and prints.
  useEffect(() => {
    if (!cardOut && !changing) acceptRef.current?.focus();
  }, [cardOut, changing, next, refocus]);
  // A card was printed for the appointment just replaced: it is void now.
  const [oldCardVoid, setOldCardVoid] = useState(false);
  const [preference, setPreference] = useState<Preference>({ partsOfDay: [], notBefore: '' });
  const [slots, setSlots] = useState<Slots | null>(null);
  // With a preference nothing fits: what the window still has (parts of the day, first free place).
  const [gap, setGap] = useState<ResultOf<'booking.proposeSlots'>['gap'] | null>(null);
  const action = useAction(t);

  if (next.kind === 'none') {
    return (
      <div className="next-dose complete" data-testid="next-dose" data-kind="none">
        <p className="big-ok" data-testid="next-dose-done">{t(result.dose.booster ? 'ui.vaccinator.done.booster' : 'ui.vaccinator.done.complete')}</p>
        <blockquote lang={citizenLang} className="citizen-text">
          {tc('ui.citizen.complete')}
        </blockquote>
      </div>
    );
  }

  if (next.kind === 'to_be_booked') {
    return (
      <div className="next-dose" data-testid="next-dose" data-kind="to_be_booked">
        <p>{t('ui.vaccinator.done.toBeBooked', { from: formatDay(next.window.earliestDate, lang), to: formatDay(next.window.latestDate, lang) })}</p>
        <p className="citizen-label">{t('ui.vaccinator.readToCitizen', { language: LANGUAGE_NAMES[citizenLang] })}</p>
        <blockquote lang={citizenLang} className="citizen-text" data-testid="citizen-text">
          {next.message}
        </blockquote>
      </div>
    );
  }

  const appointment = next.appointment;
  const find = async () => {
    const answer = await action.run(() => client['booking.proposeSlots']({ ssin: result.person.ssin, preference: preferenceArgs(preference), limit: 8 }));
    if (answer) {
      setSlots(answer.slots);
      setGap(answer.gap ?? null);
    }
  };
  const agree = async () => {
    if (cardOut) {
      setAccepted(true);
      onAgreed();
      return;
    }
    const printed = await action.run(() => client['booking.printCard']({ appointmentId: appointment.id, ...(visitId ? { visitId } : {}) }));
    if (!printed) return;
    onCard(printed.printJobId);
    setAccepted(true);
    onAgreed();
  };
  const choose = async (slotId: string) => {
    // A moved appointment is a new one. Before the person agreed nothing was printed, so nothing is
    // void and the new time waits for their agreement; after, rebook prints the new card as an original.
    const moved = await action.run(async () => {
      const r = await client['booking.rebook']({ appointmentId: appointment.id, slotId, preference: preferenceArgs(preference), reason: t('ui.vaccinator.change.reason'), print: cardOut, ...(visitId ? { visitId } : {}) });
      return { next: r.next, jobId: r.printJobId };
    });
    if (!moved) return;
    onNext(moved.next);
    if (cardOut) {
      onCard(moved.jobId);
      setOldCardVoid(true);
    }
    setChanging(false);
    setSlots(null);
  };

  return (
    <div className="next-dose" data-testid="next-dose" data-kind="booked">
      <h3>{t('ui.vaccinator.done.booked', { dose: appointment.doseNumber })}</h3>
      <p className="appointment-when" data-testid="next-appointment">
        {formatAppointment(appointment.start, lang)} · {t('ui.vaccinator.done.code', { code: appointment.shortCode })}
      </p>
      <p className="citizen-label">{t('ui.vaccinator.readToCitizen', { language: LANGUAGE_NAMES[citizenLang] })}</p>
      <blockquote lang={citizenLang} className="citizen-text" data-testid="citizen-text">
        {tc('ui.citizen.nextDose', { dose: appointment.doseNumber, when: formatAppointment(appointment.start, citizenLang) })}
      </blockquote>
      {oldCardVoid ? (
        <Notice kind="warn" testId="take-card-back">
          {t('ui.cards.takeBack')}
        </Notice>
      ) : null}
      {!cardOut && !changing ? (
        <p data-testid="card-waits">{t('ui.vaccinator.done.cardWaits')}</p>
      ) : null}
      {!changing ? (
        <div className="actions">
          {accepted ? (
            <p role="status" className="ok">
              {t('ui.vaccinator.done.acceptedNote')}
            </p>
          ) : (
            <button ref={acceptRef} type="button" className="primary" onClick={() => void agree()} disabled={action.busy} data-testid="accept-appointment">
              {t('ui.vaccinator.done.accept')}
            </button>
          )}
          <button type="button" onClick={() => setChanging(true)} data-testid="change-appointment">
            {t('ui.vaccinator.done.change')}
          </button>
          {!accepted ? <ErrorNotice error={action.error} testId="agree-error" /> : null}
        </div>
      ) : (
        <div className="change-panel" data-testid="change-panel">
          <PreferencePicker value={preference} onChange={setPreference} idPrefix="change" />
          <div className="actions">
            <button type="button" className="primary" onClick={() => void find()} disabled={action.busy} data-testid="find-slots">
              {t('ui.vaccinator.change.find')}
            </button>
            <button type="button" onClick={() => (setChanging(false), setSlots(null))}>
              {t('ui.vaccinator.change.keep')}
            </button>
          </div>
          {slots ? (
            slots.length === 0 ? (
              <p role="status" data-testid="preference-gap">
                {!gap
                  ? t('ui.vaccinator.change.none')
                  : gap.firstFree === null
                    ? t('ui.vaccinator.change.noneInWindow', { to: formatDay(next.window.latestDate, lang) })
                    : t('ui.vaccinator.change.noneButOther', {
                        // Mid-sentence: lower case, except German nouns.
                        parts: gap.partsWithFreePlaces.map((p) => (lang === 'de' ? t(`booking.partOfDay.${p}`) : t(`booking.partOfDay.${p}`).toLocaleLowerCase(lang))).join(', '),
                        first: formatAppointment(gap.firstFree, lang),
                      })}
              </p>
            ) : (
              <ul className="choice-list slots" aria-label={t('ui.vaccinator.change.slots')}>
                {slots.map((s) => (
                  <li key={s.slotId}>
                    <button type="button" onClick={() => void choose(s.slotId)} data-testid="slot-choice">
                      {formatAppointment(s.start, lang)} · {t(`booking.partOfDay.${s.partOfDay}`)}
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
          <ErrorNotice error={action.error} />
        </div>
      )}
    </div>
  );
}
