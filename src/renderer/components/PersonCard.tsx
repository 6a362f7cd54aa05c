import { useTranslation } from 'react-i18next';
import type { CheckinResult } from '../../shared/api/checkin';
import type { Language } from '../../shared/i18n/languages';
import { formatAppointment, formatDay, formatNationalNumber, LANGUAGE_NAMES } from '../i18n/format';
import { productName, useProducts } from '../api/hooks';

/**
 * Who is in front of the desk and what the station knows: name and number, eligibility, doses so
 * far, the appointment, and warnings. `seq` changes with every scan (the scan-latency test and
 * screen readers use it to tell a new result from the same one).
 */
export function PersonCard({ result, seq, headingLevel = 2 }: { result: CheckinResult; seq: number; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const products = useProducts();
  const person = result.person;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const name = person && (person.familyName || person.givenNames) ? `${person.givenNames} ${person.familyName}`.trim() : t('ui.person.unknownName');
  const doses = result.doses.filter((d) => d.status === 'completed');
  const lastDose = doses[doses.length - 1];
  const course = lastDose?.dosesInCourse;

  return (
    <section className="person-card" aria-labelledby="person-card-name" data-testid="person-card" data-scan-seq={seq}>
      <Heading id="person-card-name" className="person-name" data-testid="person-name">
        {name}
      </Heading>
      <dl className="person-facts">
        {person ? (
          <>
            <div>
              <dt>{t('ui.person.ssin')}</dt>
              <dd data-testid="person-ssin">{formatNationalNumber(person.ssin)}</dd>
            </div>
            {person.birthDate ? (
              <div>
                <dt>{t('ui.person.birthDate')}</dt>
                <dd>{formatDay(person.birthDate, lang, 'short')}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('ui.person.language')}</dt>
              <dd lang={person.language}>{LANGUAGE_NAMES[person.language]}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>{t('ui.person.eligibility')}</dt>
          <dd data-testid="person-eligibility">
            {result.invitation && result.invitation.eligibleProducts.length > 0
              ? result.invitation.eligibleProducts.map((code) => productName(products, code)).join(', ')
              : doses.length > 0
                ? t('ui.person.eligibility.course', { product: lastDose!.productName })
                : t('ui.person.eligibility.none')}
          </dd>
        </div>
        <div>
          <dt>{t('ui.person.next')}</dt>
          <dd data-testid="person-next">
            {result.courseComplete
              ? t('ui.person.courseComplete')
              : result.nextDoseNumber && course
                ? t('ui.person.doseOf', { dose: result.nextDoseNumber, total: course })
                : t('ui.person.dose', { dose: result.nextDoseNumber ?? 1 })}
          </dd>
        </div>
      </dl>

      <h3 className="person-sub">{t('ui.person.doses')}</h3>
      {result.doses.length === 0 ? (
        <p data-testid="person-doses">{t('ui.person.noDoses')}</p>
      ) : (
        <ul className="dose-list" data-testid="person-doses">
          {result.doses.map((d) => (
            <li key={d.id} className={d.status === 'completed' ? '' : 'voided'}>
              {t('ui.person.doseLine', { dose: d.doseNumber, product: d.productName, date: formatDay(d.localDate, lang, 'short'), lot: d.lot })}
              {d.status !== 'completed' ? ` — ${t('ui.person.voided')}` : ''}
            </li>
          ))}
        </ul>
      )}

      {result.appointment ? (
        <p className="person-appointment" data-testid="person-appointment">
          {t('ui.person.appointment', { when: formatAppointment(result.appointment.start, lang), code: result.appointment.shortCode })}
          {result.appointment.status === 'noshow' ? ` — ${t('ui.dayplan.status.noshow')}` : ''}
        </p>
      ) : result.toBeBooked ? (
        <p className="person-appointment">{t('ui.person.toBeBooked', { from: formatDay(result.toBeBooked.earliestDate, lang, 'short'), to: formatDay(result.toBeBooked.latestDate, lang, 'short') })}</p>
      ) : null}
      {result.card ? (
        <p className="person-card-verified" data-testid="card-verified">
          {t('ui.person.cardVerified', { when: formatAppointment(result.card.appointment.start, lang) })}
        </p>
      ) : null}

      {result.warnings.length > 0 ? (
        <ul className="warnings" aria-label={t('ui.person.warnings')} data-testid="person-warnings">
          {result.warnings.map((w) => (
            <li key={w.code} className={result.vaccination.blockedBy.includes(w.code) ? 'warning blocking' : 'warning'}>
              {w.code === 'too_early' && result.earliestNextDose ? t('checkin.warning.too_early_from', { day: formatDay(result.earliestNextDose, lang) }) : t(w.key)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
