import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { usePersonLookup, useCardReader } from '../api/person-lookup';
import { useSession } from '../api/SessionContext';
import { useScanner } from '../scanner/useScanner';
import { STATION_SCANNER } from '../scanner/config';
import { ManualEntry } from '../scanner/ManualEntry';
import { validatePersonEntry } from '../scanner/validate';
import { PersonCard } from '../components/PersonCard';
import { ScanPrompt } from '../components/ScanPrompt';
import { ErrorNotice } from '../components/Notice';
import { DemoGuidePanel } from '../components/DemoGuidePanel';
import { formatClock } from '../i18n/format';

interface CheckedIn {
  readonly key: number;
  readonly name: string;
  readonly at: string;
  readonly next: string;
}

/**
 * Check-in desk: scan (anywhere on the page), type, or insert the eID; read the person card;
 * confirm and send the person on. Enter confirms, Escape starts over.
 */
export function CheckinScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const person = usePersonLookup(t);
  // A locked screen takes no scans: what was scanned would land unseen behind the lock.
  const { locked } = useSession();
  const [entryKey, setEntryKey] = useState(0);
  const [done, setDone] = useState<CheckedIn[]>([]);
  const [announce, setAnnounce] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { status: reader, chip } = useCardReader((reading) => void person.fromChip(reading));

  useScanner((scan) => {
    setEntryKey((k) => k + 1);
    void person.lookup(scan.text, 'scanner');
  }, { ...STATION_SCANNER, enabled: !locked });

  const result = person.result;
  const name = result?.person ? `${result.person.givenNames} ${result.person.familyName}`.trim() : '';
  useEffect(() => {
    if (person.seq === 0) return;
    if (result) {
      setAnnounce(result.person ? t('ui.checkin.found', { name: name || t('ui.person.unknownName') }) : t('ui.checkin.notFound'));
      confirmRef.current?.focus();
    } else if (person.error) setAnnounce(person.error);
    // Announce each new answer once.
  }, [person.seq]);

  const confirm = () => {
    if (!result) return;
    const next = result.courseComplete ? t('ui.person.courseComplete') : t('ui.person.dose', { dose: result.nextDoseNumber ?? 1 });
    const entry = { key: Date.now(), name: name || t('ui.person.unknownName'), at: new Date().toISOString(), next };
    setDone((list) => [entry, ...list].slice(0, 8));
    setAnnounce(t('ui.checkin.confirmed', { name: entry.name }));
    person.clear();
  };

  return (
    <div className="role-screen" onKeyDown={(e) => e.key === 'Escape' && person.clear()}>
      <section className="scan-column" aria-labelledby="checkin-heading">
        <h1 id="checkin-heading">{t('ui.checkin.heading')}</h1>
        <ScanPrompt text={t('ui.checkin.prompt')} reader={reader} chip={chip} busy={person.busy} />
        <ManualEntry
          key={entryKey}
          id="checkin-entry"
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
            <div className="actions">
              <button ref={confirmRef} type="button" className="primary" onClick={confirm} disabled={!result.person} data-testid="checkin-confirm">
                {t('ui.checkin.confirm')}
              </button>
              <button type="button" onClick={person.clear}>
                {t('ui.checkin.cancel')}
              </button>
            </div>
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
