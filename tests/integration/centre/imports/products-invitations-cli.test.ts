import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../support/paths';
import { makeTempDir } from '../../../support/temp-dir';
import { blankStation, centreCli, folderDigest, withStationDb, writeCsv } from './station-folder';

/** `centre import-products` and `centre import-invitations` run for real on a blank station folder (issue 15). */
let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeAll(async () => {
  temp = makeTempDir();
  dataDir = await blankStation(temp.dir);
});
afterAll(() => temp.cleanup());
const demo = (name: string) => join(PROJECT_ROOT, 'resources', 'demo', `${name}.csv`);

describe('centre import-products', () => {
  it('adds the products with their CNK and ATC, then finds them unchanged', () => {
    expect(centreCli('import-products', ['--data', dataDir, demo('products')]).json).toEqual({ products: 4, updated: 0, unchanged: 0 });
    expect(centreCli('import-products', ['--data', dataDir, demo('products')]).json).toEqual({ products: 0, updated: 0, unchanged: 4 });
    expect(withStationDb(dataDir, (db) => db.prepare("SELECT atc FROM vaccine_products WHERE code = 'vaxzevria'").get())).toEqual({ atc: 'J07BN02' });
  });

  it('refuses a GTIN another product of the file already has, at its line, writing nothing', () => {
    const before = folderDigest(dataDir);
    const file = writeCsv(temp.dir, 'products.csv', [
      'code;name;gtin;cnk;atc;doses_in_course;min_days;target_days;max_days;doses_per_vial;hours_after_puncture',
      'novavax;Nuvaxovid;05412345678908;1234567;J07BN04;2;21;21;42;10;6',
      'valneva;VLA2001;05412345678908|05499999999993;;;2;28;28;56;10;6',
    ]);
    const refused = centreCli('import-products', ['--data', dataDir, file]);
    expect(refused.code).toBe(1);
    expect(refused.json.error).toMatchObject({ code: 'import.gtin_taken', line: 3 });
    expect(refused.json.error!.message).toContain('05412345678908');
    expect(folderDigest(dataDir)).toEqual(before);
  });
});

describe('centre import-invitations', () => {
  it('adds people and invitations (dry run first), then finds them unchanged', () => {
    const before = folderDigest(dataDir);
    expect(centreCli('import-invitations', ['--data', dataDir, demo('invitations'), '--dry-run']).json).toEqual({ invitations: 22, citizens: 22, unchanged: 0 });
    expect(folderDigest(dataDir)).toEqual(before);
    expect(centreCli('import-invitations', ['--data', dataDir, demo('invitations')]).json).toEqual({ invitations: 22, citizens: 22, unchanged: 0 });
    expect(centreCli('import-invitations', ['--data', dataDir, demo('invitations')]).json).toEqual({ invitations: 0, citizens: 0, unchanged: 22 });
  });

  it('refuses a national number with a wrong check number at its line, writing nothing', () => {
    const before = folderDigest(dataDir);
    const file = writeCsv(temp.dir, 'invitations.csv', ['code;ssin;surname;given_names;language;product;email', 'QWERTY234567ZXCV;90.11.02-022.42;Peeters;Anneleen;nl;comirnaty;anneleen@example.org', 'ASDFGH234567ZXCV;90.11.02-024.61;Peeters;Jan;nl;comirnaty;']);
    const refused = centreCli('import-invitations', ['--data', dataDir, file]);
    expect(refused.code).toBe(1);
    expect(refused.json.error?.code).toMatch(/^identity\.ssin\./);
    expect(refused.json.error?.line).toBe(3);
    expect(folderDigest(dataDir)).toEqual(before);
  });
});
