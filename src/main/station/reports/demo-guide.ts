import type { DemoGuide } from '../../../shared/api/reports';
import { DEFAULT_PRODUCTS } from '../../../domain/vaccines/products';
import { formatSsin } from '../../../domain/identity/ssin';
import type { Db } from '../../adapters/sqlite/database';
import { readMeta } from '../shell/station-meta-store';
import { DEMO_PEOPLE, demoSsin } from '../demo/demo-people';
import { DEMO_LOT_EXPIRY } from '../demo/seed-demo';
import { DEMO_PIN, DEMO_STAFF } from '../staff/demo-staff';

const NOT_DEMO: DemoGuide = { demo: false, pin: null, staff: [], citizens: [], vials: [] };

/** The vial's GS1 element string as a scanner would type it: GTIN, expiry, lot (last, so no GS needed). */
export function demoVialCode(gtin: string, expiry: string, lot: string): string {
  return `01${gtin}17${expiry.slice(2, 4)}${expiry.slice(5, 7)}${expiry.slice(8, 10)}10${lot}`;
}

/**
 * What the first screen lists in the demo centre so a newcomer can try every flow by hand: the
 * demo staff and PIN, the fictitious citizens' national numbers and the demo vials' codes. Built
 * from the seed's own constants; a station that is not a demo gets empty lists.
 */
export function demoGuide(db: Db): DemoGuide {
  if (readMeta(db, 'demo') !== '1') return NOT_DEMO;
  return {
    demo: true,
    pin: DEMO_PIN,
    staff: DEMO_STAFF.map((s) => ({ displayName: s.displayName, login: s.nihdi ?? s.code, roles: [...s.roles] })),
    citizens: DEMO_PEOPLE.map((p) => {
      const ssin = demoSsin(p.birthDate, p.serial);
      return {
        ssin,
        formatted: formatSsin(ssin),
        name: `${p.givenNames} ${p.familyName}`,
        language: p.language,
        eligible: [...p.eligible],
        firstDose: p.firstDoseDaysAgo ? { productCode: p.firstDoseDaysAgo.product, daysAgo: p.firstDoseDaysAgo.days } : null,
      };
    }),
    vials: DEFAULT_PRODUCTS.filter((p) => p.active && p.gtins[0]).map((p) => {
      const lot = `DEMO${p.code.slice(0, 3).toUpperCase()}01`;
      return { productCode: p.code, productName: p.name, lot, expiry: DEMO_LOT_EXPIRY, gs1: demoVialCode(p.gtins[0]!, DEMO_LOT_EXPIRY, lot) };
    }),
  };
}
