import type { EndOfDayReport } from '../../../shared/api/reports';
import type { Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import type { ReportSection } from './rows';

/** RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as CSV: a heading block (centre, station, day), then one line per figure with its
 * section, label and value. UTF-8 with a byte-order mark so spreadsheets read the accents.
 */
export function reportCsv(report: EndOfDayReport, sections: readonly ReportSection[], lang: Language): string {
  const t = (key: string) => translate(lang, `reports.${key}`);
  const lines: string[][] = [
    [t('csv.section'), t('csv.item'), t('csv.value')],
    [t('section.report'), t('centre'), report.centreName],
    [t('section.report'), t('station'), report.stationId],
    [t('section.report'), t('date'), report.date],
    [t('section.report'), t('generated'), report.generatedAt],
  ];
  for (const section of sections) for (const [label, value] of section.rows) lines.push([section.title, label, value]);
  return '\ufeff' + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
