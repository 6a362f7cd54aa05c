import { statSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sampleCard } from '../../../../../src/domain/card/sample';
import { resourcesDir } from '../../../../../src/main/adapters/printer/font/fonts';
import { embedShippedFont } from '../../../../../src/main/adapters/printer/font/pdf-embed';
import { renderCardPdf, wrapByWidth } from '../../../../../src/main/adapters/printer/pdf';
import { embeddedFontFile, extractPdfText } from '../../../../support/pdf-text';

const NAME = 'Zoë Françoise Müller-Weiß Łukasiewicz';
const REGULAR = /^DejaVuSans-\d+$/;
const BOLD = /^DejaVuSans-Bold-\d+$/;
const fontFileSize = (file: string) => statSync(join(resourcesDir(), 'fonts', file)).size;

describe('card PDF', () => {
  it('embeds DejaVu Sans so accents and Ł come out as text, on A4', async () => {
    const card = sampleCard({ language: 'fr', fullName: NAME, now: new Date('2021-05-03T08:15:00Z'), isCopy: true });
    const { runs, doc } = await extractPdfText(await renderCardPdf(card, 'a4'));
    const lines = runs.map((r) => r.text);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(lines).toContain(NAME);
    expect(lines).toContain('DUPLICATA');
    expect(lines.join(' ')).toContain('Administré le 03/05/2021 à 10:15');
    expect(lines.join('')).not.toContain('\uFFFD');
    // Bold lines use DejaVu Sans Bold, the rest the regular face; both are embedded programs.
    expect(runs.find((r) => r.text === NAME)!.font).toMatch(BOLD);
    expect(runs.find((r) => r.text.startsWith('Réimpression'))!.font).toMatch(REGULAR);
    expect(embeddedFontFile(doc, REGULAR).size).toBeGreaterThan(0);
    expect(embeddedFontFile(doc, BOLD).size).toBeGreaterThan(0);
  });

  it('fits a card-size (A6) page in German with the QR drawn as squares', async () => {
    const card = sampleCard({ language: 'de', fullName: 'Zoë Françoise Müller-Weiß', now: new Date('2021-05-03T08:15:00Z') });
    const { runs, doc } = await extractPdfText(await renderCardPdf(card, 'card'));
    const lines = runs.map((r) => r.text);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(298);
    expect(Math.round(height)).toBe(420);
    expect(lines).toContain('Ihr nächster Termin');
    expect(lines).toContain('Zoë Françoise Müller-Weiß');
  });

  it('embeds only the glyphs the card uses (a subset), and the name still extracts as text', async () => {
    const card = sampleCard({ language: 'fr', fullName: NAME, now: new Date('2021-05-03T08:15:00Z') });
    const bytes = await renderCardPdf(card, 'card');
    // The whole regular face alone is 760 KB (about 390 KB compressed): a card with two faces
    // embedded whole could not come in under a tenth of one of them.
    expect(bytes.length).toBeLessThan(fontFileSize('DejaVuSans.ttf') / 10);
    const { runs, doc } = await extractPdfText(bytes);
    expect(embeddedFontFile(doc, REGULAR).size).toBeLessThan(fontFileSize('DejaVuSans.ttf') / 20);
    expect(embeddedFontFile(doc, BOLD).size).toBeLessThan(fontFileSize('DejaVuSans-Bold.ttf') / 20);
    const name = runs.find((r) => r.text === NAME);
    expect(name, runs.map((r) => r.text).join('\n')).toBeDefined();
    // Every character was a real glyph (code 0000 is the .notdef box), each its own code.
    expect(name!.codes).not.toContain('0000');
    expect(name!.codes).toHaveLength(Array.from(NAME).length);
  });

  it('keeps a bold line the bold face lacks a character for in the regular face, not as boxes', async () => {
    // DejaVu Sans has the mathematical sans-serif letters; DejaVu Sans Bold does not.
    const name = 'Jan 𝖠𝖡 Łukasiewicz';
    const card = sampleCard({ language: 'nl', fullName: name, now: new Date('2021-05-03T08:15:00Z') });
    const { runs } = await extractPdfText(await renderCardPdf(card, 'card'));
    const drawn = runs.filter((r) => r.text === name);
    expect(drawn).toHaveLength(2); // drawn twice, a hair apart, for weight
    for (const run of drawn) {
      expect(run.font).toMatch(REGULAR);
      expect(run.codes).not.toContain('0000');
    }
  });

  it('wraps by measured width: every line fits and no character is lost', async () => {
    const doc = await PDFDocument.create();
    const font = await embedShippedFont(doc, 'DejaVuSans-Bold.ttf');
    const text = 'Maximiliaan-Alexander Van den Bossche-Łukasiewicz-Vanderstraeten Wiśniewska';
    const lines = wrapByWidth(font, text, 12, 150);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 12)).toBeLessThanOrEqual(150);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
});
