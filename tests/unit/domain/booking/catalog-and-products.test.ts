import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { booking } from '../../../../src/shared/i18n/catalogs/booking';
import { catalogs } from '../../../../src/shared/i18n/catalogs';
import { translate } from '../../../../src/shared/i18n/translate';
import { LANGUAGES } from '../../../../src/shared/i18n/languages';
import { DEFAULT_PRODUCTS, gtinCheckDigit, isValidGtin14, productProblems } from '../../../../src/domain/vaccines/products';
import { TO_BE_BOOKED_REASONS, toBeBookedMessageKey } from '../../../../src/domain/booking/notices';
import { leftoverDoses, vialUsable, vialsToPrepare } from '../../../../src/domain/booking/day-plan';
import { PROJECT_ROOT } from '../../../support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one catalog per namespace', () => {
  it('keeps the error messages of each slice in its own catalog', async () => {
    for (const ns of ['checkin', 'products', 'vials', 'standby', 'capacity', 'booking']) {
      const catalog = (await import(`../../../../src/shared/i18n/catalogs/${ns}.ts`)) as Record<string, Record<string, Record<string, string>>>;
      const en = catalog[ns]!.en!;
      const errors = Object.keys(en).filter((k) => k.startsWith('error.'));
      expect(errors.length, ns).toBeGreaterThan(0);
      expect(errors.filter((k) => !k.startsWith(`error.${ns}.`)), ns).toEqual([]);
    }
  });
});

describe('booking messages', () => {
  it('has the same keys, all non-empty, in the four languages, and is registered', () => {
    const keys = Object.keys(booking.en).sort();
    for (const lang of LANGUAGES) {
      expect(Object.keys(booking[lang]).sort()).toEqual(keys);
      for (const k of keys) expect(booking[lang][k]!.trim().length).toBeGreaterThan(0);
    }
    expect(catalogs).toContain(booking);
  });

  it('has a message in every language for every error code the visit slices throw', () => {
    const root = join(PROJECT_ROOT, 'src');
    const slices = ['booking', 'checkin', 'identity', 'products', 'vials', 'standby', 'capacity', 'demo'];
    const files = [...slices.flatMap((s) => sources(join(root, 'main/station', s))), ...sources(join(root, 'domain/booking')), ...sources(join(root, 'domain/vaccines'))];
    const codes = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/DoseDeskError\('((?:booking|checkin|products|vials|standby|capacity)\.[a-z_.]+)'/g)) codes.add(m[1]!);
    expect(codes.size).toBeGreaterThan(40);
    const merged = (lang: (typeof LANGUAGES)[number]) => Object.assign({}, ...catalogs.map((c) => c[lang])) as Record<string, string>;
    for (const lang of LANGUAGES) {
      const messages = merged(lang);
      for (const code of codes) expect(messages[`error.${code}`], `${lang} error.${code}`).toBeTruthy();
    }
  });

  it('tells the citizen how they will hear, in their language, with the dates', () => {
    for (const reason of TO_BE_BOOKED_REASONS) {
      for (const lang of LANGUAGES) {
        const text = translate(lang, toBeBookedMessageKey(reason), { from: '2021-03-26', to: '2021-04-18' });
        expect(text).not.toBe(toBeBookedMessageKey(reason));
        if (reason !== 'window_passed') expect(text).toContain('2021-04-18');
      }
    }
    // The notice names no medium: an SMS or e-mail is promised only by the sentence for a channel that reaches the person.
    expect(translate('fr', 'booking.notice.no_capacity', { from: 'a', to: 'b' })).not.toMatch(/SMS|e-mail|lettre/);
    expect(translate('fr', 'booking.notice.by.sms')).toMatch(/SMS/);
  });
});

describe('vaccine catalogue defaults', () => {
  it('holds the 2021 products with their course, interval, vial size and usable hours', () => {
    const byCode = Object.fromEntries(DEFAULT_PRODUCTS.map((p) => [p.code, p]));
    expect(byCode.comirnaty!.interval!.targetDays).toBe(21);
    expect(byCode.comirnaty!.dosesPerVial).toBe(6);
    expect(byCode.comirnaty!.usableHoursAfterPuncture).toBe(6);
    expect(byCode.spikevax!.interval!.targetDays).toBe(28);
    expect(byCode.spikevax!.dosesPerVial).toBe(10);
    expect(byCode.vaxzevria!.interval!.targetDays).toBe(84);
    expect(byCode.vaxzevria!.dosesPerVial).toBe(10);
    expect(byCode.janssen!.dosesInCourse).toBe(1);
    expect(byCode.janssen!.interval).toBeNull();
    expect(byCode.janssen!.dosesPerVial).toBe(5);
    for (const p of DEFAULT_PRODUCTS) expect(productProblems(p)).toEqual([]);
  });

  it('refuses impossible configurations', () => {
    const c = DEFAULT_PRODUCTS[0]!;
    expect(productProblems({ ...c, interval: { minDays: 30, targetDays: 21, maxDays: 42 } })).toContain('interval');
    expect(productProblems({ ...c, interval: null })).toContain('interval');
    expect(productProblems({ ...c, gtins: ['05413868120111'] })).toContain('gtin:05413868120111');
    expect(gtinCheckDigit('0541386812011')).toBe(0);
    expect(isValidGtin14('05413868120110')).toBe(true);
  });

  it('counts vials to prepare and leftover doses', () => {
    expect(vialsToPrepare(0, 6)).toBe(0);
    expect(vialsToPrepare(6, 6)).toBe(1);
    expect(vialsToPrepare(7, 6)).toBe(2);
    expect(leftoverDoses(7, 6)).toBe(5);
    expect(vialUsable({ dosesTotal: 6, dosesUsed: 5, usableUntil: '2021-03-07T15:00:00Z', status: 'open' }, '2021-03-07T14:59:59Z')).toBe('ok');
    expect(vialUsable({ dosesTotal: 6, dosesUsed: 5, usableUntil: '2021-03-07T15:00:00Z', status: 'open' }, '2021-03-07T15:00:00Z')).toBe('expired');
    expect(vialUsable({ dosesTotal: 6, dosesUsed: 6, usableUntil: '2021-03-07T15:00:00Z', status: 'open' }, '2021-03-07T14:00:00Z')).toBe('empty');
  });
});
