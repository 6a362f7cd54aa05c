import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { usePersonLookup, useCardReader } from '../api/person-lookup';
import { useSession } from '../api/SessionContext';
import { useScanner } from '../scanner/useScanner';
import { STATION_SCANNER } from '../scanner/config';
import { ManualEntry } from '../scanner/ManualEntry';
import { validatePersonEntry } from '../scanner/validate';
import { callsForCaution } from '../scanner/scan-field';
import { PersonCard } from '../components/PersonCard';
import { AppointmentChange } from '../components/AppointmentChange';
import { ContactEditor } from '../components/ContactEditor';
import { ScanPrompt } from '../components/ScanPrompt';
import { ErrorNotice, Notice } from '../components/Notice';
import { useStation } from '../api/StationContext';
import { useAction } from '../api/hooks';
import { DemoGuidePanel } from '../components/DemoGuidePanel';
import { formatClock } from '../i18n/format';

interface CheckedIn {
  readonly key: string;
  readonly name: string;
  readonly at: string;
  readonly next: string;
}

/**
 * Check-in desk: scan (anywhere on the page), type, or insert the eID; read the person card;
 * confirm and send the person on. Enter confirms, Escape starts over. The confirmation is recorded
 * by the station (checkin.confirm), so a second scan the same day says when the person checked in.
 */
export function CheckinScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  const person = usePersonLookup(t);
  const confirmAction = useAction(t);
  // The answer a confirmation belongs to: a scan that arrives meanwhile is not cleared by it.
  const answerSeq = useRef(person.seq);
  answerSeq.current = person.seq;
  // A locked screen takes no scans: what was scanned would land unseen behind the lock.
  const { locked } = useSession();
  const [entryKey, setEntryKey] = useState(0);
  const [done, setDone] = useState<CheckedIn[]>([]);
  const [announce, setAnnounce] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { status: reader, chip } = useCardReader((reading) => void person.fromChip(reading));

  useScanner((scan) => {
    setEntryKey((k) => k + 1);
    void person.lookup(scan.text, 'scanner');
  }, { ...STATION_SCANNER, enabled: !locked });

  const result = person.result;
  const name = result?.person ? `${result.person.givenNames} ${result.person.familyName}`.trim() : '';
  useEffect(() => {
    if (person.seq === 0) return;
    confirmAction.clear();
    if (result) {
      setAnnounce(result.person ? t('ui.checkin.found', { name: name || t('ui.person.unknownName') }) : t('ui.checkin.notFound'));
      // Enter confirms a plain check-in; after a warning it cancels.
      (callsForCaution(result.warnings, result.vaccination.blockedBy) ? cancelRef : confirmRef).current?.focus();
    } else if (person.error) setAnnounce(person.error);
    // Announce each new answer once.
  }, [person.seq]);

  // A moved or cancelled appointment: the card is read again, the message stays while it shows that person.
  const [changeNotice, setChangeNotice] = useState<{ ssin: string; text: string } | null>(null);
  const changed = (ssin: string, text: string) => {
    setChangeNotice({ ssin, text });
    void person.lookup(ssin, 'typed');
  };

  const confirm = async () => {
    if (!result?.person || confirmAction.busy) return;
    const seq = person.seq;
    const next = result.courseComplete ? t('ui.person.courseComplete') : t('ui.person.dose', { dose: result.nextDoseNumber ?? 1 });
    const recorded = await confirmAction.run(() =>
      client['checkin.confirm']({
        ssin: result.person!.ssin,
        source: result.source,
        ...(result.invitation ? { invitationCode: result.invitation.code } : {}),
        // Confirming with warnings on screen is going on despite them: the station keeps which.
        warningsAcknowledged: result.warnings.map((w) => w.code),
      }),
    );
    if (!recorded) return;
    const entry = { key: recorded.id, name: name || t('ui.person.unknownName'), at: recorded.at, next };
    setDone((list) => [entry, ...list].slice(0, 8));
    setAnnounce(t('ui.checkin.confirmed', { name: entry.name }));
    if (answerSeq.current === seq) person.clear();
  };

  return (
    <div className="role-screen" onKeyDown={(e) => e.key === 'Escape' && person.clear()}>
      <section className="scan-column" aria-labelledby="checkin-heading">
        <h1 id="checkin-heading">{t('ui.checkin.heading')}</h1>
        <ScanPrompt text={t('ui.checkin.prompt')} reader={reader} chip={chip} busy={person.busy} />
        <ManualEntry
          key={entryKey}
          id="checkin-entry"
          scanField
          label={t('ui.checkin.entryLabel')}
          hint={t('ui.checkin.entryHint')}
          submitLabel={t('ui.checkin.find')}
          validate={(text) => validatePersonEntry(text, t)}
          liveAfter={11}
          onSubmit={(text) => void person.lookup(text, 'typed')}
        />
        <DemoGuidePanel show={['citizens']} onUse={(text) => void person.lookup(text, 'typed')} />
      </section>
      <section className="result-column" aria-labelledby="checkin-result-heading">
        <h2 id="checkin-result-heading" className="visually-hidden">
          {t('ui.checkin.resultHeading')}
        </h2>
        <div className="visually-hidden" role="status" aria-live="polite" data-testid="scan-announcer">
          {announce}
        </div>
        <ErrorNotice error={person.error} testId="scan-error" />
        {result ? (
          <>
            <PersonCard result={result} seq={person.seq} headingLevel={3} />
            {result.person && result.appointment?.status === 'booked' && !result.appointment.backendCopy ? (
              <AppointmentChange key={result.appointment.id} appointmentId={result.appointment.id} ssin={result.person.ssin} idPrefix="person-appointment" onChanged={(text) => changed(result.person!.ssin, text)} />
            ) : null}
            {changeNotice && changeNotice.ssin === result.person?.ssin ? (
              <Notice kind="ok" testId="person-appointment-done">
                {changeNotice.text}
              </Notice>
            ) : null}
            {result.checkedInAt ? (
              <Notice kind="warn" testId="already-checked-in">
                {t('checkin.arrival.already', { time: formatClock(result.checkedInAt, lang) })}
              </Notice>
            ) : null}
            <div className="actions">
              <button ref={confirmRef} type="button" className="primary" onClick={() => void confirm()} disabled={!result.person || confirmAction.busy} data-testid="checkin-confirm">
                {confirmAction.busy ? t('ui.busy') : t('ui.checkin.confirm')}
              </button>
              <button ref={cancelRef} type="button" onClick={person.clear} data-testid="checkin-cancel">
                {t('ui.checkin.cancel')}
              </button>
            </div>
            <ErrorNotice error={confirmAction.error} testId="checkin-confirm-error" />
            {result.person ? <ContactEditor key={`${person.seq}`} person={result.person} /> : null}
          </>
        ) : !person.error ? (
          <p className="idle-hint">{t('ui.checkin.idle')}</p>
        ) : null}
        {done.length > 0 ? (
          <div className="done-list">
            <h3>{t('ui.checkin.doneHeading')}</h3>
            <ul data-testid="checked-in-list">
              {done.map((d) => (
                <li key={d.key}>
                  {formatClock(d.at, lang)} — {d.name} — {d.next}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </div>
  );
}
