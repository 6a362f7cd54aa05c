import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AdministerResult, Administration, NextView, NotGivenView } from '../../shared/api/booking';
import type { Language } from '../../shared/i18n/languages';
import type { VisitView } from '../../shared/api/visit';
import type { CheckinAnswer } from '../../shared/api/checkin';
import { useStation } from '../api/StationContext';
import { useSession } from '../api/SessionContext';
import { usePersonLookup, useCardReader } from '../api/person-lookup';
import { productName, useAction, useProducts } from '../api/hooks';
import { useScanner } from '../scanner/useScanner';
import { STATION_SCANNER } from '../scanner/config';
import { ManualEntry } from '../scanner/ManualEntry';
import { validatePersonEntry } from '../scanner/validate';
import { callsForCaution } from '../scanner/scan-field';
import { PersonCard } from '../components/PersonCard';
import { ScanPrompt } from '../components/ScanPrompt';
import { ErrorNotice, Notice } from '../components/Notice';
import { DemoGuidePanel } from '../components/DemoGuidePanel';
import { PrintJobStatus } from '../components/PrintJobStatus';
import { CardPreview } from '../components/CardPreview';
import { formatClock, formatDay } from '../i18n/format';
import { switchLanguage } from '../i18n/setup';
import { VialStep } from './vaccinator/VialStep';
import { NextDosePanel } from './vaccinator/NextDosePanel';
import { UndoDose } from './vaccinator/UndoDose';
import { PreferencePicker } from './vaccinator/PreferencePicker';
import { NotGivenPanel } from './vaccinator/NotGivenPanel';
import { ObservationPanel } from './vaccinator/ObservationPanel';
import { ScreeningStep } from './vaccinator/ScreeningStep';
import { AdministrationPicker, useAdministrationText } from './vaccinator/AdministrationPicker';
import { preferenceArgs, type ChosenVaccine, type Preference } from './vaccinator/types';
import { isVialScan } from './vaccinator/scan-route';
import { useVisit } from './vaccinator/useVisit';
import { RecentVisits } from './vaccinator/RecentVisits';

type Step = 'person' | 'screening' | 'vial' | 'confirm' | 'done';
const NO_PREFERENCE: Preference = { partsOfDay: [], notBefore: '' };
/** Left deltoid, intramuscular: for a product whose usual way the station does not give. */
const USUAL: Administration = { site: '35259002', side: 'left', route: 'IM', doseMl: null };

/**
 * Vaccinator workstation: person -> vial -> confirm the dose -> next dose proposed (accept or
 * change) -> card printed -> next person, with undo of a mistaken confirmation. The scanner works
 * at every step: a vial code fills the vial, anything else starts with a (new) person. On
 * dose-2 day the person's appointment card QR (or its short code) is the person scan.
 */
export function VaccinatorScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const client = useStation();
  // A locked screen takes no scans: what was scanned would land unseen behind the lock.
  const { staff, locked } = useSession();
  const products = useProducts();
  const person = usePersonLookup(t);
  const vialAction = useAction(t);
  const doseAction = useAction(t);
  const [cardToken, setCardToken] = useState<string | null>(null);
  const [vaccine, setVaccine] = useState<ChosenVaccine | null>(null);
  const [preference, setPreference] = useState<Preference>(NO_PREFERENCE);
  // `held`: the card of the next appointment waits for the person's agreement (nothing printed yet).
  const [done, setDone] = useState<{ result: AdministerResult; at: number; jobId: string | null; held: boolean } | null>(null);
  const [notGiven, setNotGiven] = useState<z.infer<typeof NotGivenView> | null>(null);
  // The screening that let this person go on to the vial (its id goes with the dose).
  const [screening, setScreening] = useState<{ ssin: string; id: string } | null>(null);
  // Site, side, route changed on the confirm step, for the lot in hand; otherwise the product's usual way.
  const [changedAdministration, setChangedAdministration] = useState<{ lotId: string; value: Administration } | null>(null);
  const administrationText = useAdministrationText();
  const [notice, setNotice] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [entryKey, setEntryKey] = useState(0);
  const [vialsVersion, setVialsVersion] = useState(0);
  // The visit is the station's (visit.*): a reload or a staff switch at the booth resumes it here.
  const visit = useVisit(t, { staffId: staff?.id ?? null, locked, language: lang, onResume: (v) => void resume(v) });
  const resumed = useRef<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const result = person.result;
  const who = result?.person ?? null;
  // The station says whether this person can be vaccinated here now; if not, they stay at the first step, their card saying why.
  const gate = result?.vaccination ?? null;
  const blocked = (gate?.blockedBy.length ?? 0) > 0;
  const needsNames = gate?.namesNeeded ?? false;
  const step: Step = done || notGiven ? 'done' : !gate?.allowed ? 'person' : screening?.ssin !== who?.ssin ? 'screening' : !vaccine ? 'vial' : 'confirm';
  const eligible = gate?.products ?? [];

  /** What belonged to the previous person: cleared in the same render as the next one appears. */
  const forgetPrevious = () => {
    setDone(null);
    setNotGiven(null);
    setScreening(null);
    setChangedAdministration(null);
    setVaccine(null);
    setPreference(NO_PREFERENCE);
    setNotice(null);
    doseAction.clear();
    vialAction.clear();
  };

  /** A person found: the station opens their visit (and closes the booth's previous one). */
  const beginVisit = (answer: CheckinAnswer | null, token: string | null) => {
    if (answer?.person) void visit.begin({ ssin: answer.person.ssin, cardToken: token, language: lang, mayVaccinate: answer.vaccination.allowed });
  };

  const startPerson = async (text: string, source: 'scanner' | 'typed') => {
    forgetPrevious();
    const answer = await person.lookup(text, source);
    // The card as scanned: the station's token module reads it again (prefix and all) when the dose is recorded.
    const token = answer?.kind === 'card' ? text.trim() : null;
    setCardToken(token);
    beginVisit(answer, token);
  };

  const { status: reader, chip } = useCardReader((reading) => {
    setDone(null);
    setNotGiven(null);
    setScreening(null);
    setChangedAdministration(null);
    setVaccine(null);
    setCardToken(null);
    void person.fromChip(reading).then((answer) => beginVisit(answer, null));
  });

  /** Back to the visit's step as the station kept it: the person read again, then the vial, dose, card or not-given. */
  const resume = async (v: VisitView) => {
    if (v.language !== lang) await switchLanguage(v.language);
    forgetPrevious();
    resumed.current = v.person ? `${v.person.givenNames} ${v.person.familyName}`.trim() : v.ssin;
    await person.lookup(v.cardToken ?? v.ssin, v.cardToken ? 'scanner' : 'typed');
    setCardToken(v.cardToken);
    if (v.vaccine) {
      const { lot, vial } = v.vaccine;
      setVaccine({ lotId: lot.lotId, productCode: lot.productCode, productName: lot.productName, lot: lot.lot, expiry: lot.expiry, vial });
    }
    if (v.dose) setDone({ result: v.dose, at: Date.now(), jobId: v.card?.printJobId ?? v.dose.printJobId, held: v.card?.held ?? false });
    if (v.notGiven) setNotGiven(v.notGiven);
    // A screening that let the person go on: the visit resumes at the vial, not with the questions again.
    if (v.screeningId && !v.notGiven) setScreening({ ssin: v.ssin, id: v.screeningId });
  };

  const takeVialCode = async (text: string) => {
    // The station decides: known lot or refused, this station's open vial reused or a new one opened.
    // With the person's number the station checks their eligibility for the vial's product before it opens anything.
    const visitId = await visit.ready();
    const used = await vialAction.run(() =>
      client['vials.use']({ text, ...(who ? { ssin: who.ssin } : {}), ...(cardToken ? { cardToken } : {}), ...(visitId ? { visitId } : {}), ...(screening && who && screening.ssin === who.ssin ? { screeningId: screening.id } : {}) }),
    );
    if (used) {
      const { lot, vial } = used;
      setVaccine({ lotId: lot.lotId, productCode: lot.productCode, productName: lot.productName, lot: lot.lot, expiry: lot.expiry, vial, newlyOpened: used.opened });
      setVialsVersion((n) => n + 1);
    }
  };

  // One call per scan: the station answers with the person, or says the code is a vial's.
  const takeScan = async (text: string) => {
    const answer = await person.scan(text, { notPerson: isVialScan, beforeShow: forgetPrevious });
    if (answer === 'not-person') {
      if (step === 'vial' || step === 'confirm') await takeVialCode(text);
      else setNotice(t(step === 'screening' ? 'ui.screening.first' : 'ui.vaccinator.scanPersonFirst'));
      return;
    }
    const token = answer?.kind === 'card' ? text.trim() : null;
    setCardToken(token);
    beginVisit(answer, token);
  };

  useScanner((scan) => {
    setEntryKey((k) => k + 1);
    void takeScan(scan.text);
  }, { ...STATION_SCANNER, enabled: !locked });

  // A warning on the person (course complete, dose today, too early, void card): Enter must not go on.
  const caution = result ? callsForCaution(result.warnings, result.vaccination.blockedBy) : false;
  // Each step takes the focus where the next action is, so Enter (or the next scan) carries on; after a warning, the safe choice.
  const focusStep = () => {
    if (step === 'confirm') (caution ? cancelRef : confirmRef).current?.focus();
    // A card waiting for the person's agreement takes the focus itself (NextDosePanel).
    if (step === 'done' && !done?.held) nextRef.current?.focus();
  };
  useEffect(focusStep, [step]);
  // Back from the lock or a staff switch at the booth: the focus goes where the visit's work goes on.
  const [unlockedCount, setUnlockedCount] = useState(0);
  useEffect(() => {
    if (locked) return;
    focusStep();
    setUnlockedCount((n) => n + 1);
  }, [locked, staff?.id]);
  useEffect(() => {
    if (caution) cancelRef.current?.focus();
  }, [person.seq]);
  // A refused vial (another product than invited, expired, unknown): cancel, not a retry by Enter.
  useEffect(() => {
    if (vialAction.error) cancelRef.current?.focus();
  }, [vialAction.error]);

  const recordedNotGiven = (record: z.infer<typeof NotGivenView>) => {
    setNotGiven(record);
    visit.moved();
    setAnnounce(t(record.alreadyRecorded ? 'ui.notGiven.already' : 'ui.notGiven.recorded', { reason: t(`ui.notGiven.reason.${record.reason}`) }));
  };
  useEffect(() => {
    if (person.seq === 0) return;
    // The person read again for a resumed visit: say that the visit is back, not that someone was found.
    const back = resumed.current;
    resumed.current = null;
    if (back !== null) return setAnnounce(t('ui.visit.resumed', { name: back }));
    setAnnounce(result?.person ? t('ui.checkin.found', { name: `${result.person.givenNames} ${result.person.familyName}`.trim() || t('ui.person.unknownName') }) : (person.error ?? ''));
  }, [person.seq]);

  const usualAdministration = (productCode: string): Administration => {
    const usual = products.find((p) => p.code === productCode)?.administration;
    return usual ? { ...USUAL, ...(usual as Partial<Administration>) } : USUAL;
  };
  const administration: Administration | null = vaccine ? (changedAdministration?.lotId === vaccine.lotId ? changedAdministration.value : usualAdministration(vaccine.productCode)) : null;

  const administer = async () => {
    if (!who || !vaccine || !staff) return;
    if (!staff.nihdi) {
      setNotice(t('ui.vaccinator.noNihdi'));
      return;
    }
    const visitId = await visit.ready();
    const r = await doseAction.run(() =>
      client['booking.administer']({
        ssin: who.ssin,
        ...(result && !result.known ? { person: { familyName: who.familyName, givenNames: who.givenNames, birthDate: who.birthDate, sex: who.sex, language: who.language } } : {}),
        lotId: vaccine.lotId,
        vialId: vaccine.vial?.id ?? null,
        expectedDoseNumber: result?.nextDoseNumber ?? null,
        preference: preferenceArgs(preference),
        cardToken,
        ...(screening ? { screeningId: screening.id } : {}),
        print: true,
        holdCard: true,
        ...(administration ? { administration } : {}),
        ...(visitId ? { visitId } : {}),
      }),
    );
    if (!r) return;
    visit.moved();
    setDone({ result: r, at: Date.now(), jobId: r.printJobId, held: r.printJobId === null && r.next.kind === 'booked' && !r.alreadyRecorded });
    setVialsVersion((n) => n + 1);
    setAnnounce(t(r.dose.booster ? 'ui.vaccinator.done.recordedBooster' : 'ui.vaccinator.done.recorded', { dose: r.dose.doseNumber, total: r.dose.dosesInCourse, product: r.dose.productName, lot: r.dose.lot, time: formatClock(r.dose.administeredAt, lang) }));
  };

  const reset = () => {
    visit.close();
    person.clear();
    setDone(null);
    setNotGiven(null);
    setScreening(null);
    setChangedAdministration(null);
    setVaccine(null);
    setCardToken(null);
    setPreference(NO_PREFERENCE);
    setNotice(null);
    doseAction.clear();
    vialAction.clear();
  };

  const setNext = (next: NextView) => setDone((d) => (d ? { ...d, result: { ...d.result, next } } : d));
  const course = result?.doses.find((d) => d.status === 'completed')?.dosesInCourse ?? products.find((p) => p.code === vaccine?.productCode)?.dosesInCourse;
  const showPreference = vaccine && (result?.nextDoseNumber ?? 1) < (course ?? 1);

  return (
    <div className="role-screen">
      <section className="scan-column" aria-labelledby="vaccinator-heading">
        <h1 id="vaccinator-heading">{t('ui.vaccinator.heading')}</h1>
        <ol className="steps" aria-label={t('ui.vaccinator.steps')}>
          {(['person', 'screening', 'vial', 'confirm', 'done'] as const).map((s) => (
            <li key={s} aria-current={step === s ? 'step' : undefined} className={step === s ? 'current' : ''}>
              {t(`ui.vaccinator.step.${s}`)}
            </li>
          ))}
        </ol>
        {step === 'person' || step === 'done' ? (
          <>
            <ScanPrompt text={t(step === 'done' ? 'ui.vaccinator.promptNext' : 'ui.vaccinator.prompt')} reader={reader} chip={chip} busy={person.busy} />
            <ManualEntry
              key={entryKey}
              id="person-entry"
          scanField
              label={t('ui.checkin.entryLabel')}
              hint={t('ui.vaccinator.entryHint')}
              submitLabel={t('ui.checkin.find')}
              validate={(text) => validatePersonEntry(text, t)}
              liveAfter={11}
              onSubmit={(text) => void startPerson(text, 'typed')}
            />
            <DemoGuidePanel show={['citizens']} onUse={(text) => void startPerson(text, 'typed')} />
          </>
        ) : step === 'screening' ? (
          <ScreeningStep
            key={who!.ssin}
            ssin={who!.ssin}
            person={result?.known ? null : { familyName: who!.familyName, givenNames: who!.givenNames, birthDate: who!.birthDate, sex: who!.sex, language: who!.language }}
            productCode={eligible[0] ?? null}
            onGoOn={(s) => {
              setScreening({ ssin: s.ssin, id: s.id });
              setAnnounce(t('ui.screening.recorded'));
            }}
            onNotVaccinated={recordedNotGiven}
            refocus={entryKey}
            visitId={() => visit.ready()}
          />
        ) : step === 'vial' ? (
          <>
            <VialStep key={entryKey} products={eligible} action={vialAction} onScanText={(text) => void takeVialCode(text)} onChoose={setVaccine} refresh={vialsVersion} />
            <ErrorNotice error={vialAction.error} testId="vial-error" />
            <DemoGuidePanel show={['vials']} onUse={(text) => void takeVialCode(text)} />
          </>
        ) : (
          <div className="confirm-step" data-testid="confirm-step">
            <h2>{t('ui.vaccinator.confirm.heading')}</h2>
            <dl className="summary">
              <div>
                <dt>{t('ui.vaccinator.confirm.person')}</dt>
                <dd>{`${who!.givenNames} ${who!.familyName}`.trim()}</dd>
              </div>
              <div>
                <dt>{t('ui.vaccinator.confirm.dose')}</dt>
                <dd data-testid="confirm-dose">{course ? t('ui.person.doseOf', { dose: result?.nextDoseNumber ?? 1, total: course }) : t('ui.person.dose', { dose: result?.nextDoseNumber ?? 1 })}</dd>
              </div>
              <div>
                <dt>{t('ui.vaccinator.confirm.vaccine')}</dt>
                <dd data-testid="confirm-vaccine">
                  {t('ui.vaccinator.confirm.lotLine', { product: vaccine!.productName, lot: vaccine!.lot, expiry: formatDay(vaccine!.expiry, lang, 'short') })}
                  {vaccine!.vial ? ` · ${t(vaccine!.newlyOpened ? 'ui.vaccinator.confirm.vialOpened' : 'ui.vaccinator.confirm.vialLine', { left: vaccine!.vial.dosesLeft, until: formatClock(vaccine!.vial.usableUntil, lang) })}` : ''}
                </dd>
              </div>
            </dl>
            {administration ? <AdministrationPicker value={administration} onChange={(value) => setChangedAdministration({ lotId: vaccine!.lotId, value })} /> : null}
            {showPreference ? (
              <details className="pref-before">
                <summary>{t('ui.vaccinator.pref.heading')}</summary>
                <PreferencePicker value={preference} onChange={setPreference} idPrefix="pref" />
              </details>
            ) : null}
            <div className="actions">
              <button ref={confirmRef} type="button" className="primary big" onClick={() => void administer()} disabled={doseAction.busy} data-testid="confirm-dose-button">
                {doseAction.busy ? t('ui.busy') : t('ui.vaccinator.confirm.button')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setVaccine(null);
                  visit.dropVial();
                }}
              >
                {t('ui.vaccinator.confirm.otherVial')}
              </button>
            </div>
            <ErrorNotice error={doseAction.error} testId="dose-error" />
          </div>
        )}
        {notice ? <Notice kind="warn">{notice}</Notice> : null}
        <ErrorNotice error={visit.error} testId="visit-error" />
        <RecentVisits version={visit.version} />
      </section>

      <section className="result-column" aria-labelledby="vaccinator-result-heading">
        <h2 id="vaccinator-result-heading" className="visually-hidden">
          {t('ui.vaccinator.resultHeading')}
        </h2>
        <div className="visually-hidden" role="status" aria-live="polite" data-testid="scan-announcer">
          {announce}
        </div>
        <ErrorNotice error={person.error} testId="scan-error" />
        {done ? (
          <div className="done-step" data-testid="done-step">
            <Notice kind="ok" testId="dose-recorded">
              {done.result.alreadyRecorded
                ? t('ui.vaccinator.done.already', { time: formatClock(done.result.dose.administeredAt, lang) })
                : t(done.result.dose.booster ? 'ui.vaccinator.done.recordedBooster' : 'ui.vaccinator.done.recorded', {
                    dose: done.result.dose.doseNumber,
                    total: done.result.dose.dosesInCourse,
                    product: done.result.dose.productName,
                    lot: done.result.dose.lot,
                    time: formatClock(done.result.dose.administeredAt, lang),
                  })}
            </Notice>
            {done.result.dose.administration ? <p data-testid="dose-administration">{t('ui.administration.given', { summary: administrationText(done.result.dose.administration) })}</p> : null}
            {staff && done.result.undoSeconds > 0 ? (
              <UndoDose
                doseId={done.result.dose.id}
                visitId={visit.id}
                recordedAt={done.at}
                seconds={done.result.undoSeconds}
                onVoided={(cancelled) => {
                  // A card printed for the undone dose is void: staff take it back.
                  const cardPrinted = done.jobId !== null;
                  reset();
                  setNotice([t('ui.vaccinator.undo.done', { count: cancelled }), ...(cardPrinted ? [t('ui.cards.takeBack')] : [])].join(' '));
                }}
              />
            ) : null}
            {done.result.alreadyRecorded ? null : <ObservationPanel doseId={done.result.dose.id} />}
            <NextDosePanel
              result={done.result}
              held={done.held}
              visitId={visit.id}
              refocus={unlockedCount}
              onNext={setNext}
              onCard={(jobId) => setDone((d) => (d ? { ...d, jobId } : d))}
              onAgreed={() => {
                setDone((d) => (d ? { ...d, held: false } : d));
                nextRef.current?.focus();
              }}
            />
            {done.jobId ? (
              <>
                <PrintJobStatus key={done.jobId} jobId={done.jobId} onReprinted={(jobId) => setDone((d) => (d ? { ...d, jobId } : d))} />
                <CardPreview key={`preview-${done.jobId}`} jobId={done.jobId} language={done.result.person.language} />
              </>
            ) : done.result.next.kind === 'booked' && !done.held ? (
              <p>{t('ui.vaccinator.done.noCard')}</p>
            ) : null}
            <div className="actions">
              <button ref={nextRef} type="button" className="primary" onClick={reset} data-testid="next-person">
                {t('ui.vaccinator.done.next')}
              </button>
            </div>
          </div>
        ) : notGiven ? (
          <div className="done-step" data-testid="not-given-step">
            <Notice kind="ok" testId="not-given-recorded">
              {t(notGiven.alreadyRecorded ? 'ui.notGiven.already' : 'ui.notGiven.recorded', { reason: t(`ui.notGiven.reason.${notGiven.reason}`) })}
            </Notice>
            <div className="actions">
              <button ref={nextRef} type="button" className="primary" onClick={reset} data-testid="next-person">
                {t('ui.vaccinator.done.next')}
              </button>
            </div>
          </div>
        ) : result ? (
          <>
            <PersonCard result={result} seq={person.seq} headingLevel={3} />
            {needsNames ? <Notice kind="warn">{t('ui.vaccinator.needsEid')}</Notice> : null}
            {blocked ? (
              <Notice kind="error" testId="vaccination-blocked">
                {t('ui.vaccinator.blocked')}
              </Notice>
            ) : null}
            {step === 'vial' ? <p className="hint">{t('ui.vaccinator.eligibleFor', { products: eligible.map((c) => productName(products, c)).join(', ') || '—' })}</p> : null}
            {who && (step === 'vial' || step === 'confirm') ? (
              <NotGivenPanel
                key={who.ssin}
                ssin={who.ssin}
                person={result.known ? null : { familyName: who.familyName, givenNames: who.givenNames, birthDate: who.birthDate, sex: who.sex, language: who.language }}
                productCode={vaccine?.productCode ?? null}
                visitId={visit.id}
                onRecorded={recordedNotGiven}
              />
            ) : null}
            <div className="actions">
              <button ref={cancelRef} type="button" onClick={reset} data-testid="cancel-person">
                {t('ui.vaccinator.cancel')}
              </button>
            </div>
          </>
        ) : !person.error ? (
          <p className="idle-hint">{t('ui.vaccinator.idle')}</p>
        ) : null}
      </section>
    </div>
  );
}
