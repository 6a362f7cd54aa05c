import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { sampleCard } from '../../../src/domain/card/sample';
import { renderCardPdf } from '../../../src/main/adapters/printer/pdf';

/** Text as a PDF reader extracts it: glyph codes of each Tj through the font's ToUnicode map. */
async function extractText(bytes: Uint8Array): Promise<{ lines: string[]; doc: PDFDocument }> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const streamBytes = (s: PDFRawStream) => {
    const raw = s.getContents();
    return s.dict.get(PDFName.of('Filter')) ? inflateSync(raw) : Buffer.from(raw);
  };
  const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  const type0 = fonts.lookup(PDFName.of('DD'), PDFDict);
  const toUnicode = streamBytes(type0.lookup(PDFName.of('ToUnicode')) as PDFRawStream).toString('latin1');
  const map = new Map<string, string>();
  for (const m of toUnicode.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) {
    const units = m[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    map.set(m[1]!, String.fromCharCode(...units));
  }
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  let content = '';
  for (const ref of refs) content += streamBytes(doc.context.lookup(ref as PDFRef) as PDFRawStream).toString('latin1');
  const lines = [...content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)].map((m) =>
    m[1]!
      .toLowerCase()
      .match(/.{4}/g)!
      .map((g) => map.get(g) ?? '\uFFFD')
      .join(''),
  );
  return { lines, doc };
}

describe('card PDF', () => {
  it('embeds DejaVu Sans so accents and Ł come out as text, on A4', async () => {
    const card = sampleCard({ language: 'fr', fullName: 'Zoë Françoise Müller-Weiß Łukasiewicz', now: new Date('2021-05-03T08:15:00Z'), isCopy: true });
    const bytes = await renderCardPdf(card, 'a4');
    const { lines, doc } = await extractText(bytes);
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(lines).toContain('Zoë Françoise Müller-Weiß Łukasiewicz');
    expect(lines).toContain('DUPLICATA');
    expect(lines.join(' ')).toContain('Administré le 03/05/2021 à 10:15');
    expect(lines.join('')).not.toContain('\uFFFD');
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const descendant = fonts.lookup(PDFName.of('DD'), PDFDict).lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const descriptor = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict);
    expect(descriptor.get(PDFName.of('FontFile2'))).toBeInstanceOf(PDFRef);
    expect(String(descendant.get(PDFName.of('BaseFont')))).toBe('/DejaVuSans');
  });

  it('fits a card-size (A6) page in German with the QR drawn as squares', async () => {
    const card = sampleCard({ language: 'de', fullName: 'Zoë Françoise Müller-Weiß', now: new Date('2021-05-03T08:15:00Z') });
    const { lines, doc } = await extractText(await renderCardPdf(card, 'card'));
    const { width, height } = doc.getPage(0).getSize();
    expect(Math.round(width)).toBe(298);
    expect(Math.round(height)).toBe(420);
    expect(lines).toContain('Ihr nächster Termin');
    expect(lines).toContain('Zoë Françoise Müller-Weiß');
  });
});
