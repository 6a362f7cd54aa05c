import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CardModel } from '../../../domain/card/card-model';
import { cardBlocks } from '../../../domain/card/card-text';
import { normaliseText } from '../../../domain/card/layout';
import { embedShippedFont, fontHolds } from './font/pdf-embed';

export type PdfPaper = 'a4' | 'card';

/** Points per millimetre. */
const MM = 72 / 25.4;

/**
 * Page sizes: A4 for any office printer (the card sits in the top half, to fold or cut), and
 * "card" = A6 (105 x 148 mm), the size of a postcard, for printers with a small-format tray.
 */
const PAGES: Record<PdfPaper, { width: number; height: number; margin: number; body: number; qr: number; panelWidth: number }> = {
  a4: { width: 210 * MM, height: 297 * MM, margin: 20 * MM, body: 11, qr: 40 * MM, panelWidth: 120 * MM },
  card: { width: 105 * MM, height: 148 * MM, margin: 8 * MM, body: 8.5, qr: 30 * MM, panelWidth: 89 * MM },
};

/**
 * The card as a PDF for an office printer, with DejaVu Sans (and Bold) embedded as subsets so
 * every accent (and Ł) prints and copies out as text, and the QR drawn as vector squares from the
 * `qrcode` package's matrix.
 */
export async function renderCardPdf(card: CardModel, paper: PdfPaper): Promise<Uint8Array> {
  const spec = PAGES[paper];
  const doc = await PDFDocument.create();
  doc.setTitle(`${card.centre.name} - ${card.citizen.fullName}`);
  doc.setCreator('DoseDesk');
  doc.setProducer('DoseDesk');
  doc.setLanguage(`${card.citizen.language}-BE`);
  const fonts: CardFonts = { regular: await embedShippedFont(doc, 'DejaVuSans.ttf'), bold: await embedShippedFont(doc, 'DejaVuSans-Bold.ttf') };
  const page = doc.addPage([spec.width, spec.height]);

  const left = paper === 'a4' ? (spec.width - spec.panelWidth) / 2 : spec.margin;
  const width = spec.panelWidth;
  let y = spec.height - spec.margin;

  for (const block of cardBlocks(card)) {
    switch (block.kind) {
      case 'text': {
        const size = block.size === 'double' ? spec.body * 1.6 : spec.body;
        const indent = (block.indent ?? 0) * spec.body * 0.5;
        const text = normaliseText(block.text);
        const face = faceFor(fonts, text, block.bold ?? false);
        for (const line of wrapByWidth(face.font, text, size, width - indent)) {
          y -= size * 1.25;
          const w = face.font.widthOfTextAtSize(line, size);
          const x = block.align === 'centre' ? left + (width - w) / 2 : left + indent;
          page.drawText(line, { x, y, size, font: face.font, color: rgb(0, 0, 0) });
          if (face.fakeBold) page.drawText(line, { x: x + size * 0.04, y, size, font: face.font, color: rgb(0, 0, 0) });
        }
        break;
      }
      case 'rule':
        y -= spec.body * 0.6;
        page.drawLine({ start: { x: left, y }, end: { x: left + width, y }, thickness: 0.6, color: rgb(0, 0, 0) });
        y -= spec.body * 0.2;
        break;
      case 'blank':
        y -= spec.body * 0.8;
        break;
      case 'qr': {
        y -= spec.body * 0.4;
        drawQr(page, block.data, left + (width - spec.qr) / 2, y - spec.qr, spec.qr);
        y -= spec.qr + spec.body * 0.4;
        break;
      }
    }
  }
  if (paper === 'a4') {
    const top = spec.height - spec.margin + spec.body;
    page.drawRectangle({
      x: left - 6 * MM,
      y: y - 6 * MM,
      width: width + 12 * MM,
      height: top - y + 6 * MM,
      borderColor: rgb(0.4, 0.4, 0.4),
      borderWidth: 0.5,
      borderDashArray: [4, 3],
    });
  }
  return doc.save();
}

interface CardFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * DejaVu Sans Bold lacks a few symbols the regular face has (none below U+2000); a bold line with
 * one of them is drawn in the regular face twice, a hair apart, rather than printing a box.
 */
function faceFor(fonts: CardFonts, text: string, bold: boolean): { font: PDFFont; fakeBold: boolean } {
  if (!bold) return { font: fonts.regular, fakeBold: false };
  if (fontHolds(fonts.bold, text)) return { font: fonts.bold, fakeBold: false };
  return { font: fonts.regular, fakeBold: true };
}

function drawQr(page: PDFPage, data: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const module = size / (n + quiet * 2);
  for (let row = 0; row < n; row++) {
    let run = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col);
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        page.drawRectangle({
          x: x + (quiet + run) * module,
          y: y + size - (quiet + row + 1) * module,
          width: (col - run) * module,
          height: module,
          color: rgb(0, 0, 0),
        });
        run = -1;
      }
    }
  }
}

/** Word wrap by measured width; a word wider than the line is cut by characters. */
export function wrapByWidth(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width) {
      const chars = Array.from(rest);
      let cut = chars.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(chars.slice(0, cut).join(''), size) > width) cut--;
      lines.push(chars.slice(0, cut).join(''));
      rest = chars.slice(cut).join('');
    }
    current = rest;
  }
  if (current) lines.push(current);
  return lines.length ? lines : [''];
}
