import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoGuide } from '../../shared/api/reports';
import { useStation } from '../api/StationContext';
import type { StationClient } from '../api/transport';
import { LANGUAGE_NAMES } from '../i18n/format';
import { productName, useProducts } from '../api/hooks';

let guideCache: Promise<DemoGuide> | null = null;

export function loadDemoGuide(client: StationClient): Promise<DemoGuide> {
  guideCache ??= client['reports.demoGuide']({}).catch((e: unknown) => {
    guideCache = null;
    throw e;
  });
  return guideCache;
}

export function useDemoGuide(): DemoGuide | null {
  const client = useStation();
  const [guide, setGuide] = useState<DemoGuide | null>(null);
  useEffect(() => {
    let alive = true;
    loadDemoGuide(client).then(
      (g) => alive && setGuide(g),
      () => {},
    );
    return () => {
      alive = false;
    };
  }, [client]);
  return guide;
}

interface Props {
  readonly show: readonly ('staff' | 'citizens' | 'vials')[];
  /** Fills the sign-in field with this login. */
  readonly onStaff?: (login: string) => void;
  /** Uses this text as if it had been scanned (a national number or a vial code). */
  readonly onUse?: (text: string) => void;
  readonly open?: boolean;
}

/**
 * Demo centre only: the fictitious staff (PIN), citizens (national numbers) and vial codes, so a
 * newcomer can walk every flow by hand, by typing or by touching "Use". Renders nothing elsewhere.
 */
export function DemoGuidePanel({ show, onStaff, onUse, open = false }: Props) {
  const { t } = useTranslation();
  const guide = useDemoGuide();
  const products = useProducts();
  if (!guide?.demo) return null;
  // Before sign-in the product list is not readable: the guide's own vials name the products.
  const nameOf = (code: string) => (products.length ? productName(products, code) : (guide.vials.find((v) => v.productCode === code)?.productName ?? code));
  return (
    <details className="demo-guide" open={open} data-testid="demo-guide">
      <summary>{t('ui.demo.title')}</summary>
      <p>{t('ui.demo.intro')}</p>
      {show.includes('staff') ? (
        <>
          <h3>{t('ui.demo.staff', { pin: guide.pin ?? '' })}</h3>
          <ul className="demo-list">
            {guide.staff.map((s) => (
              <li key={s.login}>
                <button type="button" onClick={() => onStaff?.(s.login)} data-testid={`demo-staff-${s.roles[0]}`}>
                  {s.displayName} — {s.roles.map((r) => t(`ui.role.${r}`)).join(', ')}: <span className="mono">{s.login}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {show.includes('citizens') ? (
        <>
          <h3>{t('ui.demo.citizens')}</h3>
          <table className="demo-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.demo.name')}</th>
                <th scope="col">{t('ui.person.ssin')}</th>
                <th scope="col">{t('ui.person.language')}</th>
                <th scope="col">{t('ui.demo.situation')}</th>
                {onUse ? <th scope="col">{t('ui.demo.use')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {guide.citizens.map((c) => (
                <tr key={c.ssin}>
                  <td>{c.name}</td>
                  <td className="mono">{c.formatted}</td>
                  <td lang={c.language}>{LANGUAGE_NAMES[c.language]}</td>
                  <td>
                    {c.firstDose
                      ? t('ui.demo.firstDose', { product: nameOf(c.firstDose.productCode), days: c.firstDose.daysAgo })
                      : t('ui.demo.invited', { products: c.eligible.map(nameOf).join(', ') })}
                  </td>
                  {onUse ? (
                    <td>
                      <button type="button" onClick={() => onUse(c.ssin)} aria-label={t('ui.demo.useFor', { name: c.name })}>
                        {t('ui.demo.use')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {show.includes('vials') ? (
        <>
          <h3>{t('ui.demo.vials')}</h3>
          <ul className="demo-list">
            {guide.vials.map((v) => (
              <li key={v.gs1}>
                {v.productName}: <span className="mono">{v.gs1}</span>
                {onUse ? (
                  <button type="button" onClick={() => onUse(v.gs1)} aria-label={t('ui.demo.useFor', { name: v.productName })}>
                    {t('ui.demo.use')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
