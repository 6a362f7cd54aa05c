import type { Db } from '../../adapters/sqlite/database';
import { productProblems, type VaccineProduct } from '../../../domain/vaccines/products';
import { atcOf, cnkOf, gtin14Of } from '../../../domain/vaccines/product-codes';
import { configureProduct, ensureProducts, findProduct, productByGtin } from '../products/products';
import { insertProductGtin, updateProductCodes } from '../products/product-store';
import { plainText, required, rowsByColumn, wholeNumber, type Row } from './columns';
import type { CsvTable } from './csv';
import { ImportError } from './import-error';

/**
 * `centre import-products`: the centre's vaccine products. A new product is added; a known one
 * takes the file's name, codes, GTINs (added, never removed: vials in stock still carry the old
 * ones) and figures. Interval changes go through `configureProduct`, which keeps the history and
 * leaves bookings already made in their slot: the new interval applies to bookings made afterwards.
 */

export const PRODUCT_COLUMNS = ['code', 'name', 'gtin', 'cnk', 'atc', 'doses_in_course', 'min_days', 'target_days', 'max_days', 'doses_per_vial', 'hours_after_puncture'] as const;

export interface ProductsImportSummary {
  /** Products added. */
  products: number;
  /** Known products whose name, codes, GTINs or figures changed. */
  updated: number;
  /** Rows identical to the product already there. */
  unchanged: number;
}

/** The file's GTINs (separated by `|`) as the 14 digits the station stores. */
function gtinsCell(row: Row): string[] {
  return required(row, 'gtin')
    .split('|')
    .map((g) => g.trim())
    .map((g) => {
      const gtin = gtin14Of(g);
      if (!gtin) throw new ImportError('import.gtin_invalid', { value: g }, row.line);
      return gtin;
    });
}

function cnkCell(row: Row): string | null {
  const value = row.get('cnk');
  if (value === '') return null;
  const cnk = cnkOf(value);
  if (!cnk) throw new ImportError('import.cnk_invalid', { value }, row.line);
  return cnk;
}

function atcCell(row: Row): string | null {
  const value = row.get('atc');
  if (value === '') return null;
  const atc = atcOf(value);
  if (!atc) throw new ImportError('import.atc_invalid', { value }, row.line);
  return atc;
}

function hoursCell(row: Row): number {
  const value = required(row, 'hours_after_puncture');
  const hours = /^\d{1,3}([.,]\d{1,2})?$/.test(value) ? Number(value.replace(',', '.')) : NaN;
  if (!(hours > 0 && hours <= 720)) throw new ImportError('import.number_invalid', { column: 'hours_after_puncture', value, min: 0, max: 720 }, row.line);
  return hours;
}

function productOf(row: Row): VaccineProduct {
  const code = required(row, 'code');
  if (!/^[a-z0-9-]{2,40}$/.test(code)) throw new ImportError('import.code_invalid', { column: 'code', value: code }, row.line);
  const dosesInCourse = wholeNumber(row, 'doses_in_course', 1, 9);
  const interval =
    dosesInCourse > 1
      ? { minDays: wholeNumber(row, 'min_days', 1, 3650), targetDays: wholeNumber(row, 'target_days', 1, 3650), maxDays: wholeNumber(row, 'max_days', 1, 3650) }
      : null;
  const product: VaccineProduct = {
    code,
    name: plainText(row, 'name', 120),
    dosesInCourse,
    interval,
    dosesPerVial: wholeNumber(row, 'doses_per_vial', 1, 100),
    usableHoursAfterPuncture: hoursCell(row),
    gtins: gtinsCell(row),
    active: true,
    cnk: cnkCell(row),
    atc: atcCell(row),
  };
  const problems = productProblems(product);
  if (problems.length > 0) throw new ImportError('import.product_invalid', { product: code, detail: problems.join(', ') }, row.line);
  return product;
}

const sameFigures = (a: VaccineProduct, b: VaccineProduct) =>
  JSON.stringify([a.interval, a.dosesPerVial, a.usableHoursAfterPuncture]) === JSON.stringify([b.interval, b.dosesPerVial, b.usableHoursAfterPuncture]);

interface PlannedProduct {
  product: VaccineProduct;
  known: VaccineProduct | null;
}

/** Checks every row against the file and the station; writes nothing. */
export function planProducts(db: Db, table: CsvTable): { planned: PlannedProduct[]; unchanged: number } {
  const codes = new Set<string>();
  const gtins = new Map<string, string>();
  const planned: PlannedProduct[] = [];
  let unchanged = 0;
  for (const row of rowsByColumn(table, PRODUCT_COLUMNS)) {
    const product = productOf(row);
    if (codes.has(product.code)) throw new ImportError('import.duplicate', { column: 'code', value: product.code }, row.line);
    codes.add(product.code);
    for (const gtin of product.gtins) {
      const owner = gtins.get(gtin) ?? productByGtin(db, gtin)?.code;
      if (owner && owner !== product.code) throw new ImportError('import.gtin_taken', { gtin, product: owner }, row.line);
      gtins.set(gtin, product.code);
    }
    const known = findProduct(db, product.code);
    const same =
      known &&
      known.name === product.name &&
      (known.cnk ?? null) === product.cnk &&
      (known.atc ?? null) === product.atc &&
      known.dosesInCourse === product.dosesInCourse &&
      sameFigures(known, product) &&
      product.gtins.every((g) => known.gtins.includes(g));
    if (known && known.dosesInCourse !== product.dosesInCourse) {
      // Doses already given were counted against the old course; changing it is a new product.
      throw new ImportError('import.course_changed', { product: product.code, before: known.dosesInCourse, after: product.dosesInCourse }, row.line);
    }
    if (same) unchanged++;
    else planned.push({ product, known });
  }
  return { planned, unchanged };
}

export function importProducts(db: Db, table: CsvTable, input: { now: Date; dryRun: boolean; by: string }): ProductsImportSummary {
  const run = () => {
    const { planned, unchanged } = planProducts(db, table);
    const summary: ProductsImportSummary = { products: planned.filter((p) => !p.known).length, updated: planned.filter((p) => p.known).length, unchanged };
    if (input.dryRun) return summary;
    const at = input.now.toISOString();
    for (const { product, known } of planned) {
      if (!known) ensureProducts(db, [product], input.now);
      else {
        if (!sameFigures(known, product)) {
          configureProduct(
            db,
            { code: product.code, ...(product.interval ? { interval: product.interval } : {}), dosesPerVial: product.dosesPerVial, usableHoursAfterPuncture: product.usableHoursAfterPuncture, reason: 'centre product list imported', by: input.by },
            input.now,
          );
        }
        for (const gtin of product.gtins) insertProductGtin(db, gtin, product.code);
      }
      updateProductCodes(db, product.code, { name: product.name, cnk: product.cnk ?? null, atc: product.atc ?? null }, at);
    }
    return summary;
  };
  return input.dryRun ? run() : db.transaction(run).immediate();
}
