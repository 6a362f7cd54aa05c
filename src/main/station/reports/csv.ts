import type { EndOfDayReport } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import { formatLocal } from '../../../domain/time/local-time';
import type { ReportSection } from './rows';

/** Belgian spreadsheets (Excel, LibreOffice with a Belgian locale) split on `;`: `,` is their decimal mark. */
export const CSV_SEPARATOR = ';';

/**
 * RFC 4180 quoting with `;` as the separator (a value holding `;`, `,`, a quote or a line break is
 * quoted, its quotes doubled); a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[";,\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** An instant as a Brussels local time a spreadsheet reads as a date and time (2026-03-04 10:30). */
export const csvInstant = (iso: string): string => formatLocal(iso);

/**
 * The report as CSV: a heading block (centre, station, day), then one line per figure with its
 * section, label and value. `;`-separated, times in Brussels local time (the sections are built
 * with `csvInstant`), UTF-8 with a byte-order mark so spreadsheets read the accents.
 */
export function reportCsv(report: EndOfDayReport, sections: readonly ReportSection[], lang: Language): string {
  const t = (key: string) => translate(lang, `reports.${key}`);
  const lines: string[][] = [
    [t('csv.section'), t('csv.item'), t('csv.value')],
    [t('section.report'), t('centre'), report.centreName],
    [t('section.report'), t('station'), report.stationId],
    [t('section.report'), t('date'), report.date],
    [t('section.report'), t('generated'), csvInstant(report.generatedAt)],
  ];
  for (const section of sections) for (const [label, value] of section.rows) lines.push([section.title, label, value]);
  return '\ufeff' + lines.map((cells) => cells.map(csvCell).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}
