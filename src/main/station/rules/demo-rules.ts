import type { DoseRule } from '../../../domain/vaccines/rules';

const MRNA = ['comirnaty', 'spikevax'];
const mrnaBooster = (minAgeYears: number) => ({ products: MRNA, minDaysAfterLastDose: 180, minAgeYears });

/**
 * DEMO DATA, not policy: a 2021-like history for the fictitious demo centre, loosely shaped on how
 * Belgian advice changed that year (Vaxzevria first for the under-55s then only from 56, its
 * interval from 84 to 56 days, mixed Vaxzevria then mRNA, mRNA boosters six months after the
 * course, first for the over-65s). Each course stays with one mRNA product and a Janssen course has
 * no booster here, to keep the demo's refusals simple. A real centre enters its own versions.
 */
export const DEMO_DOSE_RULES: readonly DoseRule[] = [
  { productCode: 'comirnaty', validFrom: '2020-12-28', interval: { minDays: 19, targetDays: 21, maxDays: 42 }, minAgeYears: 16, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'comirnaty', validFrom: '2021-06-01', interval: { minDays: 19, targetDays: 21, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'comirnaty', validFrom: '2021-09-15', interval: { minDays: 19, targetDays: 21, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: mrnaBooster(65) },
  { productCode: 'comirnaty', validFrom: '2021-12-01', interval: { minDays: 19, targetDays: 21, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: mrnaBooster(18) },
  { productCode: 'spikevax', validFrom: '2021-01-18', interval: { minDays: 24, targetDays: 28, maxDays: 42 }, minAgeYears: 18, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'spikevax', validFrom: '2021-06-01', interval: { minDays: 24, targetDays: 28, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'spikevax', validFrom: '2021-09-15', interval: { minDays: 24, targetDays: 28, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: mrnaBooster(65) },
  { productCode: 'spikevax', validFrom: '2021-12-01', interval: { minDays: 24, targetDays: 28, maxDays: 42 }, minAgeYears: 12, maxAgeYears: null, mixedWith: [], booster: mrnaBooster(18) },
  { productCode: 'vaxzevria', validFrom: '2021-02-08', interval: { minDays: 28, targetDays: 84, maxDays: 84 }, minAgeYears: 18, maxAgeYears: 55, mixedWith: [], booster: null },
  { productCode: 'vaxzevria', validFrom: '2021-04-08', interval: { minDays: 28, targetDays: 84, maxDays: 84 }, minAgeYears: 56, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'vaxzevria', validFrom: '2021-06-01', interval: { minDays: 28, targetDays: 56, maxDays: 84 }, minAgeYears: 41, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'vaxzevria', validFrom: '2021-07-01', interval: { minDays: 28, targetDays: 56, maxDays: 84 }, minAgeYears: 41, maxAgeYears: null, mixedWith: MRNA, booster: null },
  { productCode: 'vaxzevria', validFrom: '2021-09-15', interval: { minDays: 28, targetDays: 56, maxDays: 84 }, minAgeYears: 41, maxAgeYears: null, mixedWith: MRNA, booster: mrnaBooster(65) },
  { productCode: 'vaxzevria', validFrom: '2021-12-01', interval: { minDays: 28, targetDays: 56, maxDays: 84 }, minAgeYears: 41, maxAgeYears: null, mixedWith: MRNA, booster: mrnaBooster(18) },
  { productCode: 'janssen', validFrom: '2021-04-21', interval: null, minAgeYears: 18, maxAgeYears: null, mixedWith: [], booster: null },
  { productCode: 'janssen', validFrom: '2021-06-01', interval: null, minAgeYears: 41, maxAgeYears: null, mixedWith: [], booster: null },
];
