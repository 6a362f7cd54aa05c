import { PDFDocument, PDFName, beginText, endText, moveText, popGraphicsState, pushGraphicsState, rgb, setFontAndSize, showText, type PDFPage } from 'pdf-lib';
import type { EndOfDayReport } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import { loadFont } from '../../adapters/printer/font/fonts';
import { EmbeddedTrueType } from '../../adapters/printer/pdf-font';
import type { ReportSection } from './rows';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM, margin: 18 * MM };

/**
 * The report as an A4 PDF with DejaVu Sans embedded (names such as Łukasiewicz print), built like
 * the card PDF in src/main/adapters/printer/pdf.ts: label on the left, figure on the right, a new
 * page when one is full.
 */
export async function reportPdf(report: EndOfDayReport, sections: readonly ReportSection[], lang: Language, generated: string): Promise<Uint8Array> {
  const t = (key: string, params: Record<string, string> = {}) => translate(lang, `reports.${key}`, params);
  const doc = await PDFDocument.create();
  const title = t('title', { date: report.date });
  doc.setTitle(`${report.centreName} - ${title}`);
  doc.setCreator('DoseDesk');
  doc.setProducer('DoseDesk');
  doc.setLanguage(`${lang}-BE`);
  const font = new EmbeddedTrueType(doc, loadFont('DejaVuSans.ttf'));
  const right = PAGE.width - PAGE.margin;
  let page: PDFPage = newPage();
  let y = PAGE.height - PAGE.margin;

  function newPage(): PDFPage {
    const p = doc.addPage([PAGE.width, PAGE.height]);
    p.node.setFontDictionary(PDFName.of('DD'), font.ref);
    return p;
  }
  const text = (value: string, x: number, size: number) =>
    page.pushOperators(pushGraphicsState(), beginText(), setFontAndSize('DD', size), moveText(x, y), showText(font.encode(value)), endText(), popGraphicsState());
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
      text(value, right - font.width(value, 10.5), 10.5);
    }
  }
  font.finish();
  return doc.save();
}

/** Cuts a label that would run into the figure column, with an ellipsis. */
function fit(font: EmbeddedTrueType, text: string, size: number, width: number): string {
  if (font.width(text, size) <= width) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && font.width(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('')}…`;
}
