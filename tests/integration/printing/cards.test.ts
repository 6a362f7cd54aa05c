import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/shared/i18n/languages';
import { columnsFor, layoutCard } from '../../../src/domain/card/layout';
import { sampleCard } from '../../../src/domain/card/sample';
import { renderReceipt } from '../../../src/main/adapters/printer/printer';
import { VirtualPrinter, renderSlipPng } from '../../../src/devices/virtual-printer';
import { expectedLines, sendJob, tempDir } from './helpers';

const NAME = 'Zoë Françoise Müller-Weiß';
const NOW = new Date('2021-05-03T08:15:00Z');
const TYPES = ['epson', 'star'] as const;

describe.each(TYPES)('cards on a virtual %s printer', (type) => {
  let printer: VirtualPrinter;
  const pngDir = tempDir(`slips-${type}`);
  beforeAll(async () => {
    printer = await VirtualPrinter.start({ type });
  });
  afterAll(() => printer.close());

  it.each(LANGUAGES)(`prints "${NAME}" in %s, and the decoded text matches the card`, async (lang) => {
    for (const width of ['80', '58'] as const) {
      const card = sampleCard({ language: lang, fullName: NAME, now: NOW, secondLanguage: lang === 'en' ? 'nl' : 'en', isCopy: width === '58' });
      const job = renderReceipt(card, { type, width });
      const before = printer.slips.length;
      const { before: statusBefore, after } = await sendJob(printer, type, job.bytes);
      expect(statusBefore?.condition).toBe('ready');
      expect(after?.condition).toBe('ready');
      const [slip] = (await printer.waitForSlips(before + 1)).slice(before);
      expect(slip!.unknown).toEqual([]);
      expect(slip!.badPages).toEqual([]);
      expect(slip!.cut).toBe(true);
      expect(slip!.lines).toEqual(expectedLines(layoutCard(card, columnsFor(width))));
      expect(slip!.lines).toContain(NAME);
      expect(slip!.qr).toEqual(['DOSEDESK-SAMPLE-NOT-AN-APPOINTMENT']);
      const nameLine = slip!.items.find((i) => i.kind === 'text' && i.text === NAME);
      expect(nameLine).toMatchObject({ kind: 'text', bold: true, pages: ['PC858'] });
      mkdirSync(pngDir, { recursive: true });
      writeFileSync(join(pngDir, `${lang}-${width}.png`), renderSlipPng(slip!, columnsFor(width)));
    }
  });

  it('prints "Łukasiewicz" by switching to a Latin-2 code page, never as "?"', async () => {
    const name = 'Jan Łukasiewicz-Müller';
    const card = sampleCard({ language: 'nl', fullName: name, now: NOW });
    const job = renderReceipt(card, { type, width: '80' });
    expect(job.report!.rasterLines).toEqual([]);
    expect(job.report!.pagesUsed).toContain('PC852');
    const before = printer.slips.length;
    await sendJob(printer, type, job.bytes);
    const [slip] = (await printer.waitForSlips(before + 1)).slice(before);
    const line = slip!.items.find((i) => i.kind === 'text' && i.text === name);
    expect(line).toMatchObject({ pages: ['PC852'] });
    // Every line reads exactly as laid out: no '?' stands in for a letter anywhere.
    expect(slip!.lines).toEqual(expectedLines(layoutCard(card, 48)));
  });

  it('draws the slip as a PNG with ink on it', async () => {
    const slip = printer.slips[0]!;
    const png = PNG.sync.read(renderSlipPng(slip, 48));
    expect(png.width).toBe(48 * 12 + 24);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0) dark++;
    expect(dark).toBeGreaterThan(5000);
  });
});

describe('a name no code page holds', () => {
  it('is printed as an image on Epson (raster line), not as "?"', async () => {
    const printer = await VirtualPrinter.start({ type: 'epson' });
    try {
      const card = sampleCard({ language: 'en', fullName: '王小明 Wang', now: NOW });
      const job = renderReceipt(card, { type: 'epson', width: '80' });
      expect(job.report!.rasterLines).toEqual(['王小明 Wang']);
      await sendJob(printer, 'epson', job.bytes);
      const [slip] = await printer.waitForSlips(1);
      const image = slip!.items.find((i) => i.kind === 'image');
      expect(image).toMatchObject({ kind: 'image', width: 576, height: 24 });
      const expected = expectedLines(layoutCard(card, 48)).map((l) => (l === '王小明 Wang' ? '[image 576x24]' : l));
      expect(slip!.lines).toEqual(expected);
      expect(slip!.unknown).toEqual([]);
    } finally {
      await printer.close();
    }
  });
});
