import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { EndOfDayReport } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import { embedShippedFont } from '../../adapters/printer/font/pdf-embed';
import type { ReportSection } from './rows';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 18 * MM };

/**
 * The report as an A4 PDF with DejaVu Sans embedded as a subset (names such as Łukasiewicz print
 * and copy out as text), built like the card PDF in src/main/adapters/printer/pdf.ts: label on
 * the left, figure on the right, a new page when one is full.
 */
export async function reportPdf(report: EndOfDayReport, sections: readonly ReportSection[], lang: Language, generated: string): Promise<Uint8Array> {
  const t = (key: string, params: Record<string, string> = {}) => translate(lang, `reports.${key}`, params);
  const doc = await PDFDocument.create();
  const title = t('title', { date: report.date });
  doc.setTitle(`${report.centreName} - ${title}`);
  doc.setCreator('DoseDesk');
  doc.setProducer('DoseDesk');
  doc.setLanguage(`${lang}-BE`);
  const font = await embedShippedFont(doc, 'DejaVuSans.ttf');
  const right = PAGE.width - PAGE.margin;
  const newPage = (): PDFPage => doc.addPage([PAGE.width, PAGE.height]);
  let page = newPage();
  let y = PAGE.height - PAGE.margin;

  const text = (value: string, x: number, size: number) => page.drawText(value, { x, y, size, font, color: rgb(0, 0, 0) });
  const need = (height: number) => {
    if (y - height < PAGE.margin) {
      page = newPage();
      y = PAGE.height - PAGE.margin;
    }
  };

  y -= 18;
  text(title, PAGE.margin, 18);
  y -= 18;
  text(`${report.centreName} · ${t('station')} ${report.stationId}`, PAGE.margin, 11);
  y -= 14;
  text(`${t('generated')}: ${generated}`, PAGE.margin, 9);
  y -= 10;
  for (const section of sections) {
    need(40);
    y -= 22;
    text(section.title, PAGE.margin, 13);
    y -= 5;
    page.drawLine({ start: { x: PAGE.margin, y }, end: { x: right, y }, thickness: 0.6, color: rgb(0, 0, 0) });
    for (const [label, value] of section.rows) {
      need(16);
      y -= 15;
      text(fit(font, label, 10.5, right - PAGE.margin - 70), PAGE.margin, 10.5);
      text(value, right - font.widthOfTextAtSize(value, 10.5), 10.5);
    }
  }
  return doc.save();
}

/** Cuts a label that would run into the figure column, with an ellipsis. */
function fit(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && font.widthOfTextAtSize(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}
