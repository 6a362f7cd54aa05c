import { useTranslation } from 'react-i18next';
import type { Administration } from '../../../shared/api/booking';
import type { Language } from '../../../shared/i18n/languages';

const LOCALES: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', de: 'de-BE', en: 'en-BE' };

/** The sites, sides and routes offered with one tap; a product's other usual site still shows. */
const SITES = ['35259002', '50092008'] as const;
const SIDES = ['left', 'right'] as const;
const ROUTES = ['IM', 'SC'] as const;

/** "Deltoid muscle (upper arm), left · intramuscular · 0.3 ml" in the screen's language. */
export function useAdministrationText(): (a: Administration) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (a) =>
    t('ui.administration.summary', {
      site: t(`ui.administration.site.${a.site}`),
      side: t(`ui.administration.side.${a.side}`),
      route: t(`ui.administration.route.${a.route}`),
      dose: a.doseMl === null ? '—' : t('ui.administration.dose', { ml: new Intl.NumberFormat(LOCALES[lang]).format(a.doseMl) }),
    });
}

function Choice<T extends string>({ label, options, value, text, onChange, name }: { label: string; options: readonly T[]; value: T; text: (v: T) => string; onChange: (v: T) => void; name: string }) {
  return (
    <div className="choice-row" role="group" aria-label={label}>
      <span className="choice-label">{label}</span>
      {options.map((o) => (
        <button key={o} type="button" aria-pressed={o === value} onClick={() => onChange(o)} data-testid={`administration-${name}-${o}`}>
          {text(o)}
        </button>
      ))}
    </div>
  );
}

/**
 * Where and how the dose goes in, on the confirm step: the product's usual way, each part
 * changed with one tap (or Tab and Enter), sent with the dose.
 */
export function AdministrationPicker({ value, onChange }: { value: Administration; onChange: (next: Administration) => void }) {
  const { t } = useTranslation();
  const summary = useAdministrationText();
  const sites = SITES.includes(value.site as (typeof SITES)[number]) ? SITES : [...SITES, value.site];
  const routes = ROUTES.includes(value.route as (typeof ROUTES)[number]) ? ROUTES : [...ROUTES, value.route];
  return (
    <fieldset className="administration" data-testid="administration">
      <legend>{t('ui.administration.heading')}</legend>
      <p data-testid="administration-summary">{summary(value)}</p>
      <Choice name="side" label={t('ui.administration.sideLabel')} options={SIDES} value={value.side} text={(s) => t(`ui.administration.side.${s}`)} onChange={(side) => onChange({ ...value, side })} />
      <Choice name="site" label={t('ui.administration.siteLabel')} options={sites} value={value.site} text={(s) => t(`ui.administration.site.${s}`)} onChange={(site) => onChange({ ...value, site })} />
      <Choice name="route" label={t('ui.administration.routeLabel')} options={routes} value={value.route} text={(r) => t(`ui.administration.route.${r}`)} onChange={(route) => onChange({ ...value, route })} />
    </fieldset>
  );
}
